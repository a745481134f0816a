import type { TestContext } from './test-app';

/** A signed-in browser (`ctx.signIn`): its agent and the CSRF token of a page's form. */
type Browser = Awaited<ReturnType<TestContext['signIn']>>;

/**
 * Who constitutes an association in the pages (DOM-ORG-1, -2): La Serena's municipal officer and its faith minister,
 * Jorge Araya Cortés, each signed in; the minister's user id for the assignment.
 */
export async function officerAndMinister(
  ctx: TestContext,
): Promise<{ officer: Browser; minister: Browser; ministerId: string }> {
  const officer = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
  const m = await ctx.newUser({ name: 'Jorge Araya Cortés', roles: [['faith_minister', '04101']] });
  return { officer, minister: await ctx.signIn(m), ministerId: m.id };
}

/** The 15 founders a functional organisation needs (DOM-ORG-3): `Comerciante 01 <suffix>` to `Comerciante 15 <suffix>`. */
export async function fifteenFounders(ctx: TestContext, associationId: string, suffix: string) {
  const members: { id: string; fullName: string }[] = [];
  for (let i = 0; i < 15; i++)
    members.push(
      await ctx.newMember(associationId, { fullName: `Comerciante ${String(i + 1).padStart(2, '0')} ${suffix}` }),
    );
  return members;
}
