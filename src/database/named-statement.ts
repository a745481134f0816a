/**
 * A statement that PostgreSQL parses and plans once per connection: node-postgres sends it as a named prepared
 * statement (Parse once, then only Bind and Execute), so a hot read skips its planning on every request (issue 18's
 * fund matching: the applicant's registry facts cost about 1 ms of planning each time). Passed where TypeORM takes
 * the SQL text (`manager.query(named(...), params)`): TypeORM hands it to the driver as it is, and `toString()` gives
 * the text to anything that logs or counts statements.
 *
 * Only for statements whose text is fixed for the name (a variant of the text needs a name of its own), and for
 * direct connections: a pooler in transaction mode (PgBouncer) does not keep prepared statements between
 * transactions (docs/operations.md).
 */
export function named(name: string, text: string): string {
  if (!enabled) return text;
  const config = { name, text, toString: () => text };
  return config as unknown as string;
}

let enabled = true;

/**
 * Named statements are for PostgreSQL, where each connection is a session of its own. The embedded database (PGlite)
 * has one session for all its connections: a statement prepared by a connection that is gone (a restart, a
 * reconnection) is still there, and preparing it again fails. Set with the database (dataSourceOptions).
 */
export function useNamedStatements(on: boolean): void {
  enabled = on;
}
