import { DEMO_ASSOCIATION_IDS } from '../../../src/associations/associations.demo';
import { PortfolioService } from '../../../src/programs/portfolio.service';
import { DEMO_MELIPILLA_OFFICER_EMAIL, DEMO_PROGRAM_OFFICER_EMAIL } from '../../../src/programs/programs.demo';
import { DemoLoader } from '../../../src/startup/demo.loader';
import { useDemoApp } from '../../support/demo-app';

/** The programs of the demo (issue 17 item 9, DOMAIN.md §1b stories 1 and 5), usable as they are. */
describe('programs demo data', () => {
  const demo = useDemoApp();
  const { actorOf } = demo;
  const programOf = async (email: string) =>
    (
      await demo.ctx.query<{ id: string; name: string }>(
        `SELECT p.id, p.name FROM program p JOIN role_assignment r ON r.scope_id = p.id::text JOIN app_user u ON u.id = r.user_id WHERE u.email = $1`,
        [email],
      )
    )[0];

  it("Sercotec Coquimbo's officer follows Barrio Patrimonial: enrolled, roster shared, its 19 businesses, the story's benefits, two activities", async () => {
    const program = await programOf(DEMO_PROGRAM_OFFICER_EMAIL);
    expect(program.name).toBe('Barrios Comerciales Coquimbo 2026');
    const portfolio = await demo.ctx
      .get<PortfolioService>(PortfolioService)
      .portfolio(await actorOf(DEMO_PROGRAM_OFFICER_EMAIL), program.id, {});
    expect(portfolio.associations).toHaveLength(1);
    expect(portfolio.associations[0]).toMatchObject({
      associationId: DEMO_ASSOCIATION_IDS.barrioPatrimonial,
      name: 'Barrio Patrimonial La Serena',
      membersActive: 19,
      boardInForce: true,
    });
    expect(portfolio.associations[0].actasApproved).toBeGreaterThan(0);
    expect(portfolio.beneficiaries.total).toBe(19);
    expect(portfolio.beneficiaries.byOwnerSex.female + portfolio.beneficiaries.byOwnerSex.male).toBe(19);
    for (const c of ['Pub / bar', 'Restaurante', 'Peluquería'])
      expect(portfolio.beneficiaries.byCategory[c]).toBeGreaterThan(0);
    expect(portfolio.budgetClp).toBe(80_000_000);
    expect(portfolio.deliveredClp).toBe(26_300_000);
    const benefits = await demo.ctx.query<{ description: string }>(
      `SELECT description FROM program_benefit WHERE program_id = $1 ORDER BY delivered_on`,
      [program.id],
    );
    expect(benefits.map((b) => b.description).join(' | ')).toMatch(
      /Imagen corporativa.*Bulevares familiares.*Plan de desarrollo urbano comercial/,
    );
    const [consent] = await demo.ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM consent WHERE association_id = $1 AND recipient_id = $2 AND withdrawn_at IS NULL`,
      [DEMO_ASSOCIATION_IDS.barrioPatrimonial, program.id],
    );
    expect(consent.n).toBe(1);
    const activities = await demo.ctx.query<{ marked: number }>(
      `SELECT count(a.id)::int AS marked FROM program_activity pa JOIN attendance a ON a.meeting_id = pa.meeting_id WHERE pa.program_id = $1 GROUP BY pa.id`,
      [program.id],
    );
    expect(activities).toEqual([{ marked: 19 }, { marked: 19 }]);
    expect(portfolio.activityAttendanceRate).toBeGreaterThan(0.5);
  });

  it("Melipilla's business centre has 40 entrepreneurs of the province, each with their own consent", async () => {
    const program = await programOf(DEMO_MELIPILLA_OFFICER_EMAIL);
    const [row] = await demo.ctx.query<{ n: number; communes: string[]; consents: number }>(
      `SELECT count(*)::int AS n, array_agg(DISTINCT commune_code ORDER BY commune_code) AS communes, count(consent_id)::int AS consents
         FROM program_beneficiary WHERE program_id = $1`,
      [program.id],
    );
    expect(row).toEqual({ n: 40, communes: ['13501', '13504'], consents: 40 });
  });

  it('loading the demo again changes nothing', async () => {
    const before = await Promise.all(
      ['program', 'program_beneficiary', 'program_benefit', 'program_activity'].map((t) => demo.ctx.count(t)),
    );
    await demo.ctx.get<DemoLoader>(DemoLoader).load();
    const after = await Promise.all(
      ['program', 'program_beneficiary', 'program_benefit', 'program_activity'].map((t) => demo.ctx.count(t)),
    );
    expect(after).toEqual(before);
  });
});
