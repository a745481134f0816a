import { AuthService } from '../../src/auth/auth.service';
import type { Actor } from '../../src/common/access/actor';
import type { TestContext } from './test-app';

/** The actor of the account with `email` (a demo account, say), as a session of theirs would act. */
export async function actorByEmail(ctx: TestContext, email: string): Promise<Actor> {
  const [{ id }] = await ctx.query<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]);
  return (await ctx.get<AuthService>(AuthService).actorForUser(id, 'session'))!;
}
