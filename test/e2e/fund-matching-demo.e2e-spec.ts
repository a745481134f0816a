import { DEMO_ASSOCIATION_IDS } from '../../src/associations/associations.demo';
import { createTestApp, TestContext } from '../support/test-app';

type Match = {
  name: string;
  eligibility: string;
  reasons: { requirement: string; met: boolean | null; detail: string }[];
};

// the clock of the other demo specs: they share one loaded demo (test/support/test-database.ts, sharedDemoDatabase)
const NOW = '2026-11-22T15:00:00Z';

/** Issue 18 item 8: the demo associations show each matching outcome (DOM-FND-2, DOM-FND-4). */
describe('fund matching demo data', () => {
  let ctx: TestContext;
  let admin: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { DEMO: 'true', LOGIN_RATE_LIMIT: '1000' }, now: NOW });
    admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
  }, 180_000); // the whole demo of the five stories, on PGlite under a busy CI
  afterAll(() => ctx?.close());

  const matches = async (id: string): Promise<Match[]> =>
    (
      await ctx.http
        .get(`/api/v1/associations/${id}/fund-matches`)
        .set({ Authorization: `Bearer ${admin}` })
        .expect(200)
    ).body.items;
  const reason = (m: Match, requirement: string) => m.reasons.find((r) => r.requirement === requirement);

  it('Las Compañías Norte has an expired board; the Centro Histórico an overdue expense report, warned on its page', async () => {
    const fondeve = (await matches(DEMO_ASSOCIATION_IDS.jjvvCompanias)).find(
      (m) => m.name === 'FONDEVE La Serena 2025',
    )!;
    expect(fondeve.eligibility).toBe('not_eligible');
    expect(reason(fondeve, 'boardInForce')).toMatchObject({ met: false, detail: 'Directorio vencido el 31-10-2026' });
    const centro = (await matches(DEMO_ASSOCIATION_IDS.jjvvCentro)).find((m) => m.name === 'FONDEVE La Serena 2025')!;
    expect(reason(centro, 'boardInForce')).toMatchObject({ met: true });
    expect(reason(centro, 'noPendingExpenseReport')).toMatchObject({
      met: false,
      detail: 'Rendición pendiente del FONDEVE La Serena 2025: vencía el 15-12-2025',
    });
    const { agent } = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const page = await agent.get(`/organizaciones/${DEMO_ASSOCIATION_IDS.jjvvCentro}/fondos`).expect(200);
    expect(page.text).toContain('Rendición vencida del FONDEVE La Serena 2025: vencía el 15-12-2025.');
  });

  it('Barrio Patrimonial, constituted at the load, fails every call asking two years of age', async () => {
    for (const m of await matches(DEMO_ASSOCIATION_IDS.barrioPatrimonial)) {
      const age = reason(m, 'minOrganizationAgeYears');
      if (age) {
        expect(age.met).toBe(false);
        expect(m.eligibility).toBe('not_eligible');
      }
    }
    // a call for juntas de vecinos only (the FONDEVE) is not for a functional organisation
    const fondeve = (await matches(DEMO_ASSOCIATION_IDS.barrioPatrimonial)).find(
      (m) => m.name === 'FONDEVE La Serena 2025',
    )!;
    expect(reason(fondeve, 'applicant')).toMatchObject({ met: false });
  });
});
