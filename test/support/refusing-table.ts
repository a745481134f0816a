/**
 * Runs `fn` while the real database refuses every insert (and update, with `on: 'INSERT OR UPDATE'`) into `table`
 * with the SQLSTATE condition `errcode` (issue 21 item 4: a full disk raises `disk_full`), through a trigger dropped
 * afterwards whatever happens.
 */
export async function whileRefusing<T>(
  db: { query(sql: string): Promise<unknown> },
  refusal: { table: string; errcode: string; on?: 'INSERT' | 'INSERT OR UPDATE' },
  fn: () => Promise<T>,
): Promise<T> {
  const name = `refuse_${refusal.table}`;
  await db.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '${refusal.errcode}'; END $$`,
  );
  await db.query(
    `CREATE TRIGGER ${name} BEFORE ${refusal.on ?? 'INSERT'} ON ${refusal.table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  try {
    return await fn();
  } finally {
    await db.query(`DROP TRIGGER ${name} ON ${refusal.table}`);
    await db.query(`DROP FUNCTION ${name}()`);
  }
}
