import { createTestApp, TestContext } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';
import { TcpProxy } from './tcp-proxy';

/**
 * The portal on a database of its own that it reaches through a TCP proxy the test can cut, stall and restore, as
 * if the server stopped or hung (never by stopping the shared server). On PGlite the pool has one connection (one
 * session); migrations are already in the template.
 */
export async function appBehindProxy(
  options: { listen?: boolean; env?: Record<string, string> } = {},
): Promise<{ ctx: TestContext; proxy: TcpProxy; close: () => Promise<void> }> {
  const db: TestDatabase = await createTestDatabase();
  const target = db.url
    ? new URL(db.url)
    : { hostname: db.embedded!.host, port: String(db.embedded!.port), pathname: '/postgres' };
  const proxy = await TcpProxy.start(target.hostname, Number(target.port));
  const url = `postgres://postgres:postgres@127.0.0.1:${proxy.port}${target.pathname}`;
  const poolSize = db.embedded ? 1 : 4;
  const ctx = await createTestApp({
    listen: options.listen,
    env: { DB_POOL_SIZE: String(poolSize), MIGRATIONS_RUN: 'false', ...options.env },
    // PGlite behind the proxy keeps one session across reconnections: no named statements there (named-statement.ts)
    database: {
      ...db,
      database: { kind: 'postgres', url, poolSize, preparedStatements: !db.embedded },
      embedded: null,
    },
  });
  return {
    ctx,
    proxy,
    close: async () => {
      proxy.resume();
      await ctx.close({ keepDatabase: true });
      await proxy.close();
      await db.drop();
    },
  };
}

/** Waits until `check` passes (the pool and the availability tracker notice a dead or revived server within seconds). */
export async function eventually(check: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
