import type { DataSource } from 'typeorm';

/** An arbitrary, fixed key: instances starting together against one PostgreSQL migrate one at a time. */
const MIGRATION_LOCK = 4_207_190_418;

/**
 * Applies pending migrations in one transaction. On a PostgreSQL server, an advisory lock makes concurrent
 * starts of several instances safe; the embedded database has one connection and one process, so no lock.
 */
export async function runMigrations(dataSource: DataSource, embedded: boolean): Promise<string[]> {
  if (embedded) return (await dataSource.runMigrations({ transaction: 'all' })).map((m) => m.name);
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return (await dataSource.runMigrations({ transaction: 'all' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** SQL that would bring the database in line with the entities; empty when migrations and entities agree. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query) };
}
