import type { DataSource } from 'typeorm';

/**
 * Every table's row count and the sum of its rows' `xmin` (the transaction that wrote each row version), read in
 * one statement: an INSERT or DELETE changes the count, an UPDATE gives the row a new xmin. Two fingerprints that
 * differ name the tables a request wrote to.
 *
 * Audit rows that record a refusal (`access.denied`, `auth.login_failed`) are left out: ARCHITECTURE.md §5 wants
 * every refusal recorded, and that row is the only write a refusal may leave.
 */
export const REFUSAL_RECORDS = ['access.denied', 'auth.login_failed'];

export type Fingerprint = Map<string, { rows: number; xmin: string }>;

export class TableFingerprint {
  private constructor(private readonly dataSource: DataSource) {}

  /**
   * Reads the tables of the schema and creates the function that fingerprints them in the (throwaway) test
   * database: a PL/pgSQL function keeps its query's plan, which takes far longer to plan (some 50 tables) than to
   * run, so each reading costs about a millisecond.
   */
  static async of(dataSource: DataSource): Promise<TableFingerprint> {
    const tables = await dataSource.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const refusals = REFUSAL_RECORDS.map((a) => `'${a}'`).join(', ');
    const sql = tables
      .map(({ name }) => {
        const where = name === 'audit_log' ? ` WHERE action NOT IN (${refusals})` : '';
        const ident = `"${name.replace(/"/g, '""')}"`;
        return `SELECT '${name}'::text, count(*)::int, coalesce(sum(xmin::text::bigint), 0)::text FROM ${ident}${where}`;
      })
      .join(' UNION ALL ');
    await dataSource.query(
      `CREATE OR REPLACE FUNCTION fuzz_table_fingerprint() RETURNS TABLE (t text, n int, x text)
       LANGUAGE plpgsql AS $fingerprint$ BEGIN RETURN QUERY ${sql}; END $fingerprint$`,
    );
    return new TableFingerprint(dataSource);
  }

  async read(): Promise<Fingerprint> {
    const rows = await this.dataSource.query<{ t: string; n: number; x: string }[]>(
      'SELECT t, n, x FROM fuzz_table_fingerprint()',
    );
    return new Map(rows.map((r) => [r.t, { rows: Number(r.n), xmin: r.x }]));
  }

  /** What changed between two readings, e.g. `membership +1 row`, `association rows rewritten`. */
  static diff(before: Fingerprint, after: Fingerprint): string[] {
    const out: string[] = [];
    for (const [table, a] of after) {
      const b = before.get(table) ?? { rows: 0, xmin: '0' };
      if (a.rows !== b.rows) out.push(`${table} ${a.rows > b.rows ? '+' : ''}${a.rows - b.rows} row(s)`);
      else if (a.xmin !== b.xmin) out.push(`${table} row(s) rewritten`);
    }
    return out;
  }
}
