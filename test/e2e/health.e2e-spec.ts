import { createTestApp, TestContext } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TcpProxy } from '../support/tcp-proxy';

/** Waits until `check` passes (the pool notices a dead or revived server within a few attempts). */
async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
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

describe('health endpoints', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let ctx: TestContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The app reaches its database through a proxy the test can cut, as if the server stopped.
    const target = db.url
      ? new URL(db.url)
      : { hostname: db.embedded!.host, port: String(db.embedded!.port), pathname: '/postgres' };
    proxy = await TcpProxy.start(target.hostname, Number(target.port));
    const url = `postgres://postgres:postgres@127.0.0.1:${proxy.port}${target.pathname}`;
    ctx = await createTestApp({
      // pool of 1 on PGlite (one session); migrations are already in the template
      env: { DB_POOL_SIZE: db.embedded ? '1' : '4', MIGRATIONS_RUN: 'false' },
      database: { ...db, database: { kind: 'postgres', url, poolSize: db.embedded ? 1 : 4 }, embedded: null },
    });
  });
  afterAll(async () => {
    await ctx.close({ keepDatabase: true });
    await proxy.close();
    await db.drop();
  });

  it('/health/live answers without touching the database', async () => {
    await ctx.http.get('/health/live').expect(200, { status: 'ok' });
  });

  it('/health/ready is 200 with the database up, 503 while it is unreachable, and 200 again once it is back without a restart', async () => {
    const ok = await ctx.http.get('/health/ready').expect(200);
    expect(ok.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });

    await proxy.cut();
    await eventually(async () => {
      const down = await ctx.http.get('/health/ready');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    });
    await ctx.http.get('/health/live').expect(200);
    // a page that needs the database says so in Spanish, with 503 and no stack trace
    const page = await ctx.http.get('/comunas');
    expect(page.status).toBe(503);
    expect(page.text).toContain('Servicio no disponible');

    await proxy.restore();
    await eventually(async () => {
      await ctx.http.get('/health/ready').expect(200);
    });
    await ctx.http.get('/comunas').expect(200);
  });
});
