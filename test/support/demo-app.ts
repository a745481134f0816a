import { AuthService } from '../../src/auth/auth.service';
import type { Actor } from '../../src/common/access/actor';
import { createTestApp, type TestContext } from './test-app';

/** The actor of the account with `email` (a demo account, say), as a session of theirs would act. */
export async function actorByEmail(ctx: TestContext, email: string): Promise<Actor> {
  const [{ id }] = await ctx.query<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]);
  return (await ctx.get<AuthService>(AuthService).actorForUser(id, 'session'))!;
}

/**
 * The demo data at the clock the files reading it share (2026-11-22T15:00Z: one snapshot for them all), on an app
 * created before the calling describe's tests and closed after them. `demo.ctx` is the app once created;
 * `demo.actorOf(email)` a demo account's actor.
 */
export function useDemoApp(): { readonly ctx: TestContext; actorOf: (email: string) => Promise<Actor> } {
  let ctx: TestContext | undefined;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { DEMO: 'true' }, now: '2026-11-22T15:00:00Z' });
  }, 120_000); // the whole demo of the five stories, on PGlite under a busy CI
  afterAll(() => ctx?.close());
  const app = (): TestContext => {
    if (!ctx) throw new Error('useDemoApp: the demo app is created in beforeAll');
    return ctx;
  };
  return {
    get ctx() {
      return app();
    },
    actorOf: (email) => actorByEmail(app(), email),
  };
}
