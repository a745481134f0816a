import { appBehindProxy, eventually } from '../support/app-behind-proxy';
import type { TcpProxy } from '../support/tcp-proxy';
import type { TestContext } from '../support/test-app';

jest.setTimeout(60_000); // the app notices a dead or revived server within seconds

describe('health endpoints', () => {
  let proxy: TcpProxy;
  let ctx: TestContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ ctx, proxy, close } = await appBehindProxy());
  });
  afterAll(() => close());

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
