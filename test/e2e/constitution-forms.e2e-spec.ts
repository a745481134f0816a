import { boardSeats, postForm } from '../support/page-form';
import { createTestApp, TestContext } from '../support/test-app';

/**
 * The constitution's page forms validated by their DTOs (issue 16 item 7): a body the form never sends is refused
 * naming its field, with the form shown again and nothing saved, where the hand-read body used to take it as
 * something else (a term kind the form does not offer as a definitive board, founders sent as an object as none).
 */
describe('constitution page forms: a tampered body', () => {
  let ctx: TestContext;
  let officer: Awaited<ReturnType<TestContext['signIn']>>;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    officer = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
  });
  afterAll(() => ctx.close());

  it('a board whose kind the form does not offer is refused naming kind, never recorded as a definitive board', async () => {
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos Las Compañías' });
    await ctx.query(`UPDATE association SET status = 'in_force' WHERE id = $1`, [a.id]);
    const members = [];
    for (let i = 0; i < 3; i++) members.push(await ctx.newMember(a.id, { fullName: `Vecina ${i + 1} Las Compañías` }));
    const boardPage = `/organizaciones/${a.id}/directorio/nuevo`;
    await officer.agent.get(boardPage).expect(200);
    const res = await postForm(officer, boardPage, [
      ['kind', 'perpetual'],
      ['startsOn', '2026-03-17'],
      ...boardSeats(members[0].id, members[1].id, members[2].id),
      ['declaredEligible', 'on'],
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toContain('tiene un valor no permitido.');
    expect(res.text).not.toContain('El campo kind');
    expect(res.text).toMatch(new RegExp(`<option value="${members[2].id}" selected`));
    expect(await ctx.query(`SELECT count(*)::int AS n FROM board_term WHERE association_id = $1`, [a.id])).toEqual([
      { n: 0 },
    ]);
  });

  it('founders sent as an object are refused naming founders, never counted as no founders', async () => {
    const a = await ctx.newAssociation({ name: 'Club Deportivo Las Compañías' });
    const members = [];
    for (let i = 0; i < 3; i++) members.push(await ctx.newMember(a.id, { fullName: `Socio ${i + 1} del Club` }));
    const assembly = `/organizaciones/${a.id}/constitucion/asamblea`;
    await officer.agent.get(assembly).expect(200);
    const res = await postForm(officer, assembly, [
      ['assemblyAt', '2026-03-16T19:30'],
      ['place', 'Sede'],
      ['founders[first]', members[0].id],
      ...boardSeats(members[0].id, members[1].id, members[2].id),
      ['declaredEligible', 'on'],
      ['statutesApproved', 'on'],
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo «Socios fundadores» debe ser una lista.');
    expect(res.text).not.toContain('socios fundadores presentes');
    expect(res.text).toContain('value="2026-03-16T19:30"');
    expect(
      await ctx.query(
        `SELECT count(*)::int AS n FROM constitution_founder f JOIN constitution c ON c.id = f.constitution_id WHERE c.association_id = $1`,
        [a.id],
      ),
    ).toEqual([{ n: 0 }]);
  });
});
