import { createTestApp, TestContext } from '../support/test-app';
import { form } from '../support/page-form';
import { bearer, problem } from '../support/api-problem';

/**
 * The acta engine's refusals in the reader's language (issue 16 item 6): Spanish by default, English with
 * `?lang=en` (or the cookie it leaves), the numbers, dates and the body's word filled in each language, in the
 * JSON API and on the page forms. The texts live in src/meetings/meetings.messages.ts.
 */

describe('meetings: refusals in Spanish and English', () => {
  let ctx: TestContext;
  let token: string;
  let officerUser: Awaited<ReturnType<TestContext['newUser']>>;
  let associationId: string;
  let memberIds: string[];

  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos Villa El Romeral' });
    associationId = a.id;
    memberIds = [];
    for (const fullName of ['Ana Muñoz Araya', 'Luis Rojas Tapia', 'Rosa Díaz Soto'])
      memberIds.push((await ctx.newMember(a.id, { fullName })).id);
    officerUser = await ctx.newUser({ name: 'Ana Muñoz Araya', roles: [['association_officer', a.id]] });
    token = await ctx.apiToken(officerUser);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const meeting = async (localStart: string) =>
    (
      await ctx.http
        .post(`/api/v1/associations/${associationId}/meetings`)
        .set(bearer(token))
        .send({ localStart, place: 'Sede vecinal' })
        .expect(201)
    ).body.id as string;
  const saveDraft = (meetingId: string, notes: string) =>
    ctx.http
      .put(`/api/v1/meetings/${meetingId}/minutes`)
      .set(bearer(token))
      .send({ items: [{ title: 'Varios', notes }] })
      .expect(200);

  it('an API refusal with its date (EARLIER_MINUTES_PENDING): Spanish by default, English with ?lang=en, nothing approved', async () => {
    const early = await meeting('2026-03-05T19:00');
    const late = await meeting('2026-03-06T19:00');
    await saveDraft(early, 'a');
    await saveDraft(late, 'b');
    const approve = (query = '') =>
      ctx.http.post(`/api/v1/meetings/${late}/minutes/approve${query}`).set(bearer(token));

    const spanish = await approve();
    expect([spanish.status, problem(spanish).code, problem(spanish).detail]).toEqual([
      422,
      'EARLIER_MINUTES_PENDING',
      'Primero apruebe el acta de la reunión del 05-03-2026: las actas se aprueban en el orden de las reuniones.',
    ]);
    const english = await approve('?lang=en');
    expect([english.status, problem(english).code, problem(english).detail]).toEqual([
      422,
      'EARLIER_MINUTES_PENDING',
      'First approve the minutes of the meeting of 05-03-2026: minutes are approved in the order of the meetings.',
    ]);
    expect(await ctx.query(`SELECT status FROM minutes WHERE meeting_id = $1`, [late])).toEqual([{ status: 'draft' }]);
  });

  it('an API field refusal with its numbers (votes above those present): each language names the agreement and counts', async () => {
    const held = await meeting('2026-03-10T19:30');
    await ctx.http
      .put(`/api/v1/meetings/${held}/attendance`)
      .set(bearer(token))
      .send(memberIds.map((memberId) => ({ memberId, status: 'present' })))
      .expect(200);
    const body = { agreements: [{ text: 'Pedir rondas nocturnas', votesFor: 4, votesAgainst: 0, abstentions: 0 }] };
    const save = (query = '') =>
      ctx.http.put(`/api/v1/meetings/${held}/minutes${query}`).set(bearer(token)).send(body).expect(400);

    expect(problem(await save()).errors).toEqual([
      {
        field: 'agreements[0].votesFor',
        message: 'Acuerdo 1: hay 4 votos (a favor, en contra y abstenciones) y solo 3 socios presentes.',
      },
    ]);
    const english = problem(await save('?lang=en'));
    expect(english.detail).toBe(
      'Agreement 1: there are 4 votes (for, against and abstentions) and only 3 members present.',
    );
    expect(english.errors).toEqual([
      {
        field: 'agreements[0].votesFor',
        message: 'Agreement 1: there are 4 votes (for, against and abstentions) and only 3 members present.',
      },
    ]);
    expect(await ctx.query(`SELECT count(*)::int AS n FROM minutes WHERE meeting_id = $1`, [held])).toEqual([{ n: 0 }]);
  });

  it('a page-form refusal (the acta editor): Spanish by default, English once the reader asks for it, the form kept', async () => {
    const held = await meeting('2026-03-11T19:30');
    await ctx.http
      .put(`/api/v1/meetings/${held}/attendance`)
      .set(bearer(token))
      .send(memberIds.map((memberId) => ({ memberId, status: 'present' })))
      .expect(200);
    const officer = await ctx.signIn(officerUser);
    const page = `/reuniones/${held}/acta`;
    const fields: [string, string][] = [
      ['version', '0'],
      ['items[0][title]', 'Seguridad'],
      ['items[0][notes]', 'Se conversa.'],
      ['agreements[0][text]', 'Pedir rondas nocturnas a Carabineros'],
      ['agreements[0][votesFor]', '4'],
      ['agreements[0][votesAgainst]', '0'],
      ['agreements[0][abstentions]', '0'],
    ];
    const post = async (query = '') =>
      officer.agent
        .post(`${page}${query}`)
        .type('form')
        .send(form([['_csrf', await officer.csrf(page)], ...fields]));

    const spanish = await post();
    expect(spanish.status).toBe(400);
    expect(spanish.text).toContain(
      'Acuerdo 1: hay 4 votos (a favor, en contra y abstenciones) y solo 3 socios presentes.',
    );
    expect(spanish.text).toContain('Pedir rondas nocturnas a Carabineros</textarea>');

    const english = await post('?lang=en');
    expect(english.status).toBe(400);
    expect(english.text).toContain(
      'Agreement 1: there are 4 votes (for, against and abstentions) and only 3 members present.',
    );
    expect(english.text).not.toContain('socios presentes');
    expect(english.text).toContain('Pedir rondas nocturnas a Carabineros</textarea>');
    expect(await ctx.query(`SELECT count(*)::int AS n FROM minutes WHERE meeting_id = $1`, [held])).toEqual([{ n: 0 }]);
  });

  it('a refusal that names the body in each language (a cancelled meeting has no acta)', async () => {
    const upcoming = await meeting('2026-04-21T19:30');
    await ctx.http
      .post(`/api/v1/meetings/${upcoming}/cancel`)
      .set(bearer(token))
      .send({ reason: 'Lluvia' })
      .expect(200);
    const save = (query = '') =>
      ctx.http.put(`/api/v1/meetings/${upcoming}/minutes${query}`).set(bearer(token)).send({}).expect(422);
    expect(problem(await save()).detail).toBe('La reunión está cancelada: no tiene acta.');
    expect(problem(await save('?lang=en')).detail).toBe('The meeting is cancelled: it has no minutes.');
  });
});
