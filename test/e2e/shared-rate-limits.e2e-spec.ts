import { createHash, createHmac } from 'node:crypto';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import { DatabaseThrottlerStorage } from '../../src/auth/rate-limit.storage';
import { RateLimitJanitor } from '../../src/auth/rate-limit.janitor';
import { countQueries, uninstallQueryCounter } from '../support/query-counter';
import { createTestApp, TestContext } from '../support/test-app';
import { testDatabaseKind } from '../support/test-database';
import { whileRefusing } from '../support/refusing-table';

const LOOKUP = '/api/v1/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 21 item 5: the `verify` and `login` rate limits are counted in the database (table rate_limit), so
 * instances behind a load balancer share them instead of each allowing the whole limit. On PostgreSQL two app
 * instances run side by side on one database; the embedded database takes one connection, so there the second
 * instance starts on the same data after the first stops, within the same minute.
 */
describe('rate limits shared by every instance (issue 21 item 5)', () => {
  let a: TestContext;
  let b: TestContext | null = null;
  const env = { VERIFY_RATE_LIMIT: '4', LOGIN_RATE_LIMIT: '3' };

  beforeAll(async () => {
    a = await createTestApp({ env });
  });
  afterAll(async () => {
    uninstallQueryCounter();
    if (b) await b.close({ keepDatabase: true });
    await a.close();
  });

  it('verification lookups split across two instances reach 429 at the configured limit on both; no IP is stored', async () => {
    const status = async (ctx: TestContext) => (await ctx.http.get(LOOKUP)).status;
    if (testDatabaseKind() === 'postgres') {
      b = await createTestApp({ env, database: a.db });
      // four lookups, two through each instance: all within the limit of 4
      expect([await status(a), await status(b), await status(a), await status(b)]).toEqual([404, 404, 404, 404]);
      // the fifth is refused whichever instance it reaches (each alone has seen only two)
      const refused = await b.http.get(LOOKUP);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(await status(a)).toBe(429);
      expect((await a.http.get('/verificar/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ')).text).toContain('Demasiados intentos');
      await b.http.get('/').expect(200); // other pages are not limited
    } else {
      expect([await status(a), await status(a)]).toEqual([404, 404]);
      await a.close({ keepDatabase: true });
      // the instance that takes over within the minute sees the two lookups made through the first
      a = await createTestApp({ env, database: a.db });
      expect([await status(a), await status(a)]).toEqual([404, 404]);
      expect(await status(a)).toBe(429);
    }
    const rows = await a.query<{ key: string }>(`SELECT "key" FROM rate_limit`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sign-in attempts (the login limit) count across instances too', async () => {
    const attempt = (ctx: TestContext) =>
      ctx.http.post('/api/v1/auth/tokens').send({ email: 'nadie@example.cl', password: 'incorrecta-123' });
    const other = b ?? a;
    const statuses = [(await attempt(a)).status, (await attempt(other)).status, (await attempt(a)).status];
    expect(statuses.every((s) => s !== 429)).toBe(true);
    const refused = await attempt(other);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('issue 21 item 4: a database out of room for the count answers 507 with a Spanish message, never a 500', async () => {
    // the first test left this client blocked, and the instance refuses a known block from memory: forget it, as
    // an instance that has not seen the block yet would (and the hit goes to the database again)
    (a.get<ThrottlerStorage>(getStorageToken()) as unknown as { blocked: Map<string, unknown> }).blocked.clear();
    await a.query(`DELETE FROM rate_limit`);
    await whileRefusing(a, { table: 'rate_limit', errcode: 'disk_full', on: 'INSERT OR UPDATE' }, async () => {
      const res = await a.http.get('/api/v1/verify/YYYY-YYYY-YYYY-YYYY-YYYY-YYYY-YY');
      expect([res.status, JSON.parse(res.text).code, JSON.parse(res.text).detail]).toEqual([
        507,
        'STORAGE_FULL',
        'El almacenamiento del portal está lleno y no se guardó nada. Intente más tarde.',
      ]);
      const page = await a.http.get('/verificar/YYYY-YYYY-YYYY-YYYY-YYYY-YYYY-YY');
      expect([page.status, page.text.includes('Almacenamiento lleno')]).toEqual([507, true]);
    });
  });

  it('the storage: a window that ends starts again; past the limit the key is blocked for the block duration, hits then not counted; the janitor purges finished windows', async () => {
    const storage = a.get<ThrottlerStorage>(getStorageToken());
    expect(storage).toBeInstanceOf(DatabaseThrottlerStorage);
    const hit = () => storage.increment('test:window', 400, 2, 1500, 'test');
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 });
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 2 });
    // a client hammering a limit it reached costs no database write: refused from memory while the block lasts
    const refused = await countQueries(() => hit());
    expect(refused.result).toMatchObject({ totalHits: 3, isBlocked: true });
    expect(refused.sql).toEqual([]);
    await sleep(600); // the window ended, the block (1.5 s) has not: still refused, not counted
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true });
    await sleep(1000); // the block ended: a new window starts with this hit
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 });
    // below the limit, a window that ends starts again
    expect(await storage.increment('test:quiet', 600, 5, 600, 'test')).toMatchObject({ totalHits: 1 });
    expect(await storage.increment('test:quiet', 600, 5, 600, 'test')).toMatchObject({ totalHits: 2 });
    await sleep(700);
    expect(await storage.increment('test:quiet', 600, 5, 600, 'test')).toMatchObject({ totalHits: 1 });

    // the janitor: finished windows go, a running window and a running block stay
    await a.query(`DELETE FROM rate_limit`);
    await a.query(
      `INSERT INTO rate_limit ("key", hits, window_ends_at, blocked_until) VALUES
         ('finished', 3, now() - interval '2 minutes', NULL),
         ('block-over', 9, now() - interval '2 minutes', now() - interval '1 minute'),
         ('running', 1, now() + interval '1 minute', NULL),
         ('blocked', 9, now() - interval '1 minute', now() + interval '1 minute')`,
    );
    await (a.get<RateLimitJanitor>(RateLimitJanitor) as unknown as { run(): Promise<number> }).run();
    const left = await a.query<{ key: string }>(`SELECT "key" FROM rate_limit ORDER BY "key"`);
    expect(left.map((r) => r.key)).toEqual(['blocked', 'running']);
  });

  it('counted keys are HMACs under the installation secret.limits: a copy of the tables cannot be hashed back to an IP or an e-mail', async () => {
    const [setting] = await a.query<{ value: string }>(`SELECT value FROM system_setting WHERE key = 'secret.limits'`);
    expect(setting.value).toMatch(/^[0-9a-f]{64}$/);
    const hmac = (text: string) => createHmac('sha256', Buffer.from(setting.value, 'hex')).update(text).digest('hex');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    await a.query(`DELETE FROM rate_limit`);
    await a.get<ThrottlerStorage>(getStorageToken()).increment('test:keyed', 60_000, 5, 60_000, 'test');
    expect(await a.query(`SELECT "key" FROM rate_limit`)).toEqual([{ key: hmac('test:keyed') }]);
    await a.query(`DELETE FROM login_throttle`);
    await a.http
      .post('/api/v1/auth/tokens')
      .send({ email: 'Alguien@Example.cl', password: 'incorrecta-123' })
      .expect(401);
    const keys = (await a.query<{ kind: string; key: string }>(`SELECT kind, "key" FROM login_throttle`)).map((r) => [
      r.kind,
      r.key,
    ]);
    expect(keys).toContainEqual(['account', hmac('account:alguien@example.cl')]);
    expect(keys).toContainEqual(['source', hmac('source:127.0.0.1')]);
    for (const [, key] of keys) expect([sha('account:alguien@example.cl'), sha('source:127.0.0.1')]).not.toContain(key);
  });
});
