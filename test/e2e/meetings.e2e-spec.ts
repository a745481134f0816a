import ICAL from 'ical.js';
import { createTestApp, TestContext } from '../support/test-app';
import { bearer, problem } from '../support/api-problem';

/** The events of an ICS text read by a maintained parser (Mozilla's ical.js). */
function parseIcs(
  text: string,
): { uid: string; start: string; status: string | null; sequence: number; summary: string; location: string }[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      status: (v.getFirstPropertyValue('status') as string | null) ?? null,
      sequence: event.sequence,
      summary: event.summary,
      location: event.location,
    };
  });
}

/** Meeting series, the calendar and the ICS feed (DOM-MTG-1, -2) through the API and the pages. */
describe('meetings: series, calendar and ICS feed', () => {
  let ctx: TestContext;
  let officer: string;
  let associationId: string;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
    // API.md: the association's officers run its meetings (an administrator may too); the municipality reads them
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    associationId = (await ctx.newAssociation({ name: 'Barrio Comercial Calle Prat' })).id;
  });
  afterAll(() => ctx.close());
  /**
   * An administrator's browser on a new association's calendar page; `submit` posts one of the page's forms (to the
   * page's path and `action`) with its CSRF token.
   */
  const onCalendar = async (name: string) => {
    const { agent, csrf } = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const a = await ctx.newAssociation({ name });
    const page = `/organizaciones/${a.id}/reuniones`;
    const submit = async (action: string, fields: Record<string, unknown>) =>
      agent
        .post(`${page}${action}`)
        .type('form')
        .send({ _csrf: await csrf(page), ...fields });
    return { agent, csrf, a, page, submit };
  };
  /** A meeting scheduled by the administrator (201): its body. */
  const scheduleMeeting = async (aid: string, body: Record<string, unknown>) =>
    (await ctx.http.post(`/api/v1/associations/${aid}/meetings`).set(bearer(officer)).send(body).expect(201)).body;
  /** A series scheduled by the administrator (201): its meetings, in order. */
  const scheduleSeries = async (aid: string, body: Record<string, unknown>) =>
    (await ctx.http.post(`/api/v1/associations/${aid}/meeting-series`).set(bearer(officer)).send(body).expect(201)).body
      .meetings as { id: string }[];

  it('DOM-MTG-1: a biweekly series on Tuesdays at 19:30 keeps its local time across the April DST change; its meetings are on the calendar', async () => {
    const res = await ctx.http.post(`/api/v1/associations/${associationId}/meeting-series`).set(bearer(officer)).send({
      localStart: '2026-03-24T19:30',
      every: '2 weeks',
      count: 6,
      place: 'Sede de la Cámara de Comercio, Prat 560',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rrule: 'FREQ=WEEKLY;INTERVAL=2', timeZone: 'America/Santiago' });
    expect(res.body.meetings.map((m: { localStart: string }) => m.localStart)).toEqual([
      '2026-03-24T19:30',
      '2026-04-07T19:30',
      '2026-04-21T19:30',
      '2026-05-05T19:30',
      '2026-05-19T19:30',
      '2026-06-02T19:30',
    ]);
    expect(res.body.meetings.map((m: { startsAt: string }) => m.startsAt.slice(11, 16))).toEqual([
      '22:30',
      '23:30',
      '23:30',
      '23:30',
      '23:30',
      '23:30',
    ]);
    const calendar = (
      await ctx.http.get(`/api/v1/associations/${associationId}/meetings`).set(bearer(officer)).expect(200)
    ).body;
    expect(calendar.upcoming.map((m: { localStart: string }) => m.localStart).slice(0, 6)).toEqual(
      res.body.meetings.map((m: { localStart: string }) => m.localStart),
    );
    const one = (await ctx.http.get(`/api/v1/meetings/${res.body.meetings[1].id}`).set(bearer(officer)).expect(200))
      .body;
    expect(one).toMatchObject({
      number: 2,
      status: 'scheduled',
      kind: 'ordinary',
      place: 'Sede de la Cámara de Comercio, Prat 560',
      localStart: '2026-04-07T19:30',
      associationName: 'Barrio Comercial Calle Prat',
    });
  });

  it('DOM-MTG-1: "1st and 3rd Tuesday" as an rrule; more than 200 or a bad rule is a 400 naming the field, nothing saved', async () => {
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos El Llano' });
    const ok = await ctx.http
      .post(`/api/v1/associations/${a.id}/meeting-series`)
      .set(bearer(officer))
      .send({
        localStart: '2026-04-07T19:00',
        rrule: 'FREQ=MONTHLY;BYDAY=1TU,3TU',
        until: '2026-06-30',
        place: 'Sede vecinal',
      })
      .expect(201);
    expect(ok.body.meetings.map((m: { localStart: string }) => m.localStart.slice(0, 10))).toEqual([
      '2026-04-07',
      '2026-04-21',
      '2026-05-05',
      '2026-05-19',
      '2026-06-02',
      '2026-06-16',
    ]);
    const before = await ctx.count('meeting');
    for (const [body, field] of [
      [{ localStart: '2026-04-07T19:00', every: '1 week', count: 201, place: 'Sede' }, 'count'],
      [{ localStart: '2026-04-07T19:00', every: '1 week', until: '2031-01-01', place: 'Sede' }, 'until'],
      [{ localStart: '2026-04-07T19:00', rrule: 'FREQ=SECONDLY', count: 3, place: 'Sede' }, 'rrule'],
      [{ localStart: '2026-02-30T19:00', every: '1 week', count: 3, place: 'Sede' }, 'localStart'],
      [
        { localStart: '2026-04-07T19:00', every: '1 week', count: 3, place: 'Sede', timeZone: 'Luna/Tranquilidad' },
        'timeZone',
      ],
      [
        { localStart: '2026-04-07T19:00', every: '1 week', count: 3, place: 'Sede', onlineUrl: 'javascript:alert(1)' },
        'onlineUrl',
      ],
    ] as const) {
      const res = await ctx.http.post(`/api/v1/associations/${a.id}/meeting-series`).set(bearer(officer)).send(body);
      expect([field, res.status, problem(res).errors?.[0]?.field]).toEqual([field, 400, field]);
    }
    expect(await ctx.count('meeting')).toBe(before);
  });

  it('one meeting moves or is cancelled on its own; the ICS feed a phone subscribes to shows it (SEQUENCE raised, STATUS:CANCELLED), and a new address revokes the old one', async () => {
    const a = await ctx.newAssociation({ name: 'Agrupación de Comerciantes de Cordovez' });
    const [first, second, third] = await scheduleSeries(a.id, {
      localStart: '2026-03-31T19:30',
      every: '1 week',
      count: 3,
      place: 'Cordovez 339',
    });
    const moved = await ctx.http
      .patch(`/api/v1/meetings/${second.id}`)
      .set(bearer(officer))
      .send({ localStart: '2026-04-08T20:00' })
      .expect(200);
    expect(moved.body).toMatchObject({ localStart: '2026-04-08T20:00', status: 'scheduled' });
    const stale = await ctx.http
      .patch(`/api/v1/meetings/${second.id}`)
      .set(bearer(officer))
      .send({ localStart: '2026-04-09T20:00', version: 1 });
    expect([stale.status, problem(stale).code]).toEqual([409, 'VERSION_CONFLICT']);
    await ctx.http
      .post(`/api/v1/meetings/${third.id}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Feriado regional' })
      .expect(200);
    const again = await ctx.http
      .post(`/api/v1/meetings/${third.id}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'otra vez' });
    expect([again.status, problem(again).code]).toEqual([422, 'MEETING_NOT_SCHEDULED']);

    const { url } = (await ctx.http.post(`/api/v1/associations/${a.id}/calendar-feed`).set(bearer(officer)).expect(201))
      .body;
    expect(url).toMatch(/^http:\/\/localhost:\d+\/calendario\/[A-Za-z0-9_-]{32}\.ics$/);
    const path = new URL(url).pathname;
    const ics = await ctx.http.get(path).expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const events = parseIcs(ics.text);
    expect(events.map((e) => [e.start, e.status, e.sequence])).toEqual([
      ['2026-03-31T22:30:00.000Z', 'CONFIRMED', 0],
      ['2026-04-09T00:00:00.000Z', 'CONFIRMED', 1],
      ['2026-04-14T23:30:00.000Z', 'CANCELLED', 1],
    ]);
    expect(events[0]).toMatchObject({
      uid: `meeting-${first.id}@localhost`,
      summary: 'Reunión: Agrupación de Comerciantes de Cordovez',
      location: 'Cordovez 339',
    });
    // a new address: the old one stops working; revoking stops the new one
    const renewed = (await ctx.http.post(`/api/v1/associations/${a.id}/calendar-feed`).set(bearer(officer)).expect(201))
      .body.url;
    expect((await ctx.http.get(path)).status).toBe(404);
    await ctx.http.get(new URL(renewed).pathname).expect(200);
    await ctx.http.delete(`/api/v1/associations/${a.id}/calendar-feed`).set(bearer(officer)).expect(200);
    expect((await ctx.http.get(new URL(renewed).pathname)).status).toBe(404);
    expect((await ctx.http.get('/calendario/no-existe.ics')).status).toBe(404);
  });

  it("who may (API.md): the association's officers schedule; the municipal officer and a member read the calendar but cannot schedule; an officer of another commune gets 404", async () => {
    const member = await ctx.apiToken(await ctx.newUser({ roles: [['association_member', associationId]] }));
    const municipal = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    const assocOfficer = await ctx.apiToken(await ctx.newUser({ roles: [['association_officer', associationId]] }));
    /** Two weekly meetings at the seat from `localStart`, scheduled as `token`. */
    const scheduleTwo = (token: string, localStart: string) =>
      ctx.http
        .post(`/api/v1/associations/${associationId}/meeting-series`)
        .set(bearer(token))
        .send({ localStart, every: '1 week', count: 2, place: 'Sede' });
    await ctx.http.get(`/api/v1/associations/${associationId}/meetings`).set(bearer(municipal)).expect(200);
    expect((await scheduleTwo(municipal, '2026-04-07T19:00')).status).toBe(403);
    await scheduleTwo(assocOfficer, '2026-04-08T19:00').expect(201);
    const other = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04102']] }));
    await ctx.http.get(`/api/v1/associations/${associationId}/meetings`).set(bearer(member)).expect(200);
    expect((await scheduleTwo(member, '2026-04-07T19:00')).status).toBe(403);
    expect((await ctx.http.get(`/api/v1/associations/${associationId}/meetings`).set(bearer(other))).status).toBe(404);
    const meetingId = (
      await ctx.query<{ id: string }>(`SELECT id FROM meeting WHERE association_id = $1 LIMIT 1`, [associationId])
    )[0].id;
    expect((await ctx.http.get(`/api/v1/meetings/${meetingId}`).set(bearer(other))).status).toBe(404);
    expect((await ctx.http.get('/api/v1/meetings/no-es-un-id').set(bearer(officer))).status).toBe(404);
  });

  it('the calendar page: a series scheduled from the form (1st and 3rd Tuesday), a refusal kept in the form, the feed address shown once, a meeting moved', async () => {
    const { agent, csrf, page, submit } = await onCalendar('Comité Comercial Balmaceda');
    const empty = await agent.get(page).expect(200);
    expect(empty.text).toContain('No hay reuniones programadas.');
    let res = await submit('/serie', {
      localStart: '2026-04-07T19:00',
      cadence: 'firstThirdTuesday',
      count: '500',
      place: 'Balmaceda 455',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo «Cuántas reuniones» debe ser un número entero entre 1 y 200.');
    expect(res.text).toContain('value="Balmaceda 455"');
    res = await submit('/serie', {
      localStart: '2026-04-07T19:00',
      cadence: 'firstThirdTuesday',
      count: '4',
      place: 'Balmaceda 455',
    });
    expect(res.status).toBe(303);
    const listed = await agent.get(page).expect(200);
    expect(listed.text).toContain('Se programaron 4 reuniones.');
    expect(listed.text.match(/data-status="scheduled"/g)).toHaveLength(4);
    for (const date of ['07-04-2026 19:00', '21-04-2026 19:00', '05-05-2026 19:00', '19-05-2026 19:00'])
      expect(listed.text).toContain(date);
    const feed = await submit('/calendario', {});
    expect(feed.status).toBe(200);
    const url = /id="feed-url" value="([^"]+)"/.exec(feed.text)![1];
    await ctx.http.get(new URL(url).pathname).expect(200);
    // issue 20 item 5: a copy button (public/js/quorum.js) and the webcal:// address a phone opens
    expect(feed.text).toContain('data-copy="#feed-url"');
    expect(feed.text).toContain('<script src="/assets/js/quorum.js" defer></script>');
    expect((await ctx.http.get('/assets/js/quorum.js').expect(200)).headers['content-type']).toMatch(/javascript/);
    expect(feed.text).toContain(`href="${url.replace(/^https?:\/\//, 'webcal://')}"`);
    expect((await agent.get(page)).text).not.toContain(url); // shown once

    const meetingId = /href="\/reuniones\/([0-9a-f-]{36})"/.exec(listed.text)![1];
    res = await agent
      .post(`/reuniones/${meetingId}/mover`)
      .type('form')
      .send({ _csrf: await csrf(`/reuniones/${meetingId}`), localStart: '2026-04-08T19:00', version: '1' });
    expect(res.status).toBe(303);
    const moved = await agent.get(`/reuniones/${meetingId}`).expect(200);
    expect(moved.text).toContain('08-04-2026 19:00');
  });

  it('issue 20 item 3, DOM-MTG-2: one extraordinary meeting recorded from the calendar page; a refusal marks only that form, keeps what was typed and writes nothing', async () => {
    const { agent, a, page, submit } = await onCalendar('Comité Comercial Cienfuegos');
    const form = await agent.get(page).expect(200);
    expect(form.text).toContain('Registrar una reunión');
    expect(form.text).toMatch(/<option value="extraordinary"[^>]*>Extraordinaria<\/option>/);
    const before = await ctx.count('meeting');
    const refused = await submit('/nueva', {
      singleStart: '',
      singleKind: 'extraordinary',
      singlePlace: 'Sede Cienfuegos 120',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('value="Sede Cienfuegos 120"');
    expect(refused.text).toMatch(/id="singleStart"[^>]*is-invalid|is-invalid[^>]*id="singleStart"/);
    // the series form on the same page is left as it was
    expect(refused.text).not.toMatch(/id="localStart"[^>]*is-invalid|is-invalid[^>]*id="localStart"/);
    expect(await ctx.count('meeting')).toBe(before);

    const created = await submit('/nueva', {
      singleStart: '2026-05-12T19:30',
      singleKind: 'extraordinary',
      singlePlace: 'Sede Cienfuegos 120',
    });
    expect(created.status).toBe(303);
    expect(created.headers.location).toMatch(/^\/reuniones\/[0-9a-f-]{36}$/);
    const meeting = await agent.get(created.headers.location).expect(200);
    expect(meeting.text).toContain('La reunión del 12-05-2026 19:30 quedó registrada.');
    expect(meeting.text).toMatch(/id="meeting-kind">Extraordinaria</);
    expect(await ctx.query(`SELECT kind, place FROM meeting WHERE association_id = $1`, [a.id])).toEqual([
      { kind: 'extraordinary', place: 'Sede Cienfuegos 120' },
    ]);
    // a kind the page does not offer is refused on its field
    const bad = await submit('/nueva', { singleStart: '2026-05-19T19:30', singleKind: 'party', singlePlace: 'Sede' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="singleKind"[^>]*is-invalid|is-invalid[^>]*id="singleKind"/);
    expect(await ctx.count('meeting')).toBe(before + 1);
  });

  it('issue 20 item 3, DOM-MTG-4: a meeting recorded by mistake is removed after a confirmation, and the next agenda then reads the acta of the meeting before it; one with attendance is kept', async () => {
    const { agent, csrf } = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const a = await ctx.newAssociation({ name: 'Comité Comercial Matta' });
    const member = await ctx.newMember(a.id, { fullName: 'Rosa Matta Fuentes', joinedOn: '2026-01-05' });
    const create = async (localStart: string) =>
      (await scheduleMeeting(a.id, { localStart, place: 'Sede Matta' })) as { id: string };
    await create('2026-03-03T19:30');
    const mistaken = await create('2026-03-10T19:30'); // typed a week off
    const next = await create('2026-03-17T19:30');
    const firstAgendaItem = async () =>
      (await ctx.http.get(`/api/v1/meetings/${next.id}`).set(bearer(officer)).expect(200)).body.agenda[0].title;
    expect(await firstAgendaItem()).toBe('Lectura y aprobación del acta de la reunión del 10-03-2026');

    const page = `/reuniones/${mistaken.id}`;
    expect((await agent.get(page).expect(200)).text).toContain('Eliminar esta reunión');
    // without the confirmation: refused on the check box, nothing removed
    const unconfirmed = await agent
      .post(`${page}/eliminar`)
      .type('form')
      .send({ _csrf: await csrf(page) });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Marque la casilla para confirmar que la reunión se registró por error.');
    expect(await ctx.count('meeting')).toBeGreaterThan(0);
    await ctx.http.get(`/api/v1/meetings/${mistaken.id}`).set(bearer(officer)).expect(200);

    const removed = await agent
      .post(`${page}/eliminar`)
      .type('form')
      .send({ _csrf: await csrf(page), confirm: 'on' });
    expect([removed.status, removed.headers.location]).toEqual([303, `/organizaciones/${a.id}/reuniones`]);
    expect((await agent.get(removed.headers.location).expect(200)).text).toContain(
      'La reunión se eliminó del calendario.',
    );
    await ctx.http.get(`/api/v1/meetings/${mistaken.id}`).set(bearer(officer)).expect(404);
    expect(await firstAgendaItem()).toBe('Lectura y aprobación del acta de la reunión del 03-03-2026');
    expect(
      await ctx.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.removed' AND object_id = $1`, [
        mistaken.id,
      ]),
    ).toEqual([{ n: 1 }]);

    // a meeting whose attendance was taken is a record: it stays
    await ctx.http
      .put(`/api/v1/meetings/${next.id}/attendance`)
      .set(bearer(officer))
      .send([{ memberId: member.id, status: 'present' }])
      .expect(200);
    const kept = await agent
      .post(`/reuniones/${next.id}/eliminar`)
      .type('form')
      .send({ _csrf: await csrf(`/reuniones/${next.id}`), confirm: 'on' });
    expect(kept.status).toBe(422);
    expect(kept.text).toContain('La reunión ya tiene asistencia registrada: no se puede eliminar.');
    await ctx.http.get(`/api/v1/meetings/${next.id}`).set(bearer(officer)).expect(200);
  });

  describe('attendance and quorum (DOM-MTG-5, -6)', () => {
    it('DOM-MTG-6: quorum from the members active on the meeting date (joined after or left before do not count); online counts, excused does not; second call', async () => {
      const a = await ctx.newAssociation({ name: 'Agrupación de Locatarios de la Recova' });
      const members: { id: string }[] = [];
      for (let i = 0; i < 19; i++)
        members.push(
          await ctx.newMember(a.id, {
            fullName: `Locataria ${String(i + 1).padStart(2, '0')}`,
            joinedOn: '2026-03-01',
          }),
        );
      const late = await ctx.newMember(a.id, { fullName: 'Llegó Después', joinedOn: '2026-03-16' }); // joins the day after the meeting
      const gone = await ctx.newMember(a.id, { fullName: 'Se Fue Antes', joinedOn: '2026-03-01' });
      const stays = await ctx.newMember(a.id, { fullName: 'Se Va Después', joinedOn: '2026-03-01' });
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${gone.id}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-10', reason: 'Cerró su local' })
        .expect(200);
      await ctx.http
        .post(`/api/v1/associations/${a.id}/members/${stays.id}/end`)
        .set(bearer(officer))
        .send({ leftOn: '2026-03-16', reason: 'Cerró su local' })
        .expect(200);
      // a meeting already held on 15-03 (a date in the past records a held meeting)
      const meeting = await scheduleMeeting(a.id, { localStart: '2026-03-15T19:30', place: 'Mercado La Recova' });
      expect(meeting.status).toBe('held');
      let got = (await ctx.http.get(`/api/v1/meetings/${meeting.id}`).set(bearer(officer)).expect(200)).body;
      // 19 + the one who leaves on 16-03 = 20 active on 15-03: first call needs 11
      expect(got.attendance).toHaveLength(20);
      expect(got.attendance.map((x: { fullName: string }) => x.fullName)).not.toContain('Llegó Después');
      expect(got.attendance.map((x: { fullName: string }) => x.fullName)).not.toContain('Se Fue Antes');
      expect(got.attendance.every((x: { status: string }) => x.status === 'absent')).toBe(true);
      expect(got.quorum).toEqual({ call: 'first', required: 11, present: 0, reached: false });

      const mark = (list: object[]) =>
        ctx.http.put(`/api/v1/meetings/${meeting.id}/attendance`).set(bearer(officer)).send(list);
      let res = await mark([
        ...members.slice(0, 8).map((m) => ({ memberId: m.id, status: 'present' })),
        ...members.slice(8, 10).map((m) => ({ memberId: m.id, status: 'present', mode: 'online', arrivedAt: '19:40' })),
        ...members.slice(10, 15).map((m) => ({ memberId: m.id, status: 'excused' })),
      ]).expect(200);
      expect(res.body.quorum).toEqual({ call: 'first', required: 11, present: 10, reached: false });
      res = await mark([{ memberId: stays.id, status: 'present' }]).expect(200); // people not listed keep theirs
      expect(res.body.quorum).toEqual({ call: 'first', required: 11, present: 11, reached: true });
      res = await mark([{ memberId: members[0].id, status: 'absent' }]).expect(200);
      expect(res.body.quorum).toMatchObject({ present: 10, reached: false });
      // second call: the statute's minimum (default 1)
      expect(
        (
          await ctx.http
            .put(`/api/v1/meetings/${meeting.id}/call`)
            .set(bearer(officer))
            .send({ call: 'second' })
            .expect(200)
        ).body.quorum,
      ).toEqual({ call: 'second', required: 1, present: 10, reached: true });
      got = (await ctx.http.get(`/api/v1/meetings/${meeting.id}`).set(bearer(officer)).expect(200)).body;
      expect(got.attendance.find((x: { memberId: string }) => x.memberId === members[8].id)).toMatchObject({
        status: 'present',
        mode: 'online',
        arrivedAt: '19:40',
      });

      // refusals name the element and change nothing
      const before = await ctx.count('attendance');
      const bad = await mark([
        { memberId: late.id, status: 'present' },
        { memberId: members[1].id, status: 'tal vez' },
        { memberId: members[2].id, status: 'present', arrivedAt: '7pm' },
      ]);
      expect(bad.status).toBe(400);
      expect(problem(bad).errors!.map((e) => e.field)).toEqual([
        'attendance[0].memberId',
        'attendance[1].status',
        'attendance[2].arrivedAt',
      ]);
      expect((await mark([])).status).toBe(400);
      const twice = await mark([
        { memberId: members[1].id, status: 'present' },
        { memberId: members[1].id, status: 'absent' },
      ]);
      expect([twice.status, problem(twice).errors?.[0]?.field]).toEqual([400, 'attendance[1].memberId']);
      expect(
        (
          await ctx.http
            .put(`/api/v1/meetings/${meeting.id}/attendance`)
            .set(bearer(officer))
            .send({ memberId: members[1].id })
        ).status,
      ).toBe(400);
      expect(await ctx.count('attendance')).toBe(before);
    });

    it('the attendance page on a phone: one tap per member changes the quorum indicator', async () => {
      const { agent, csrf } = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
      const a = await ctx.newAssociation({ name: 'Agrupación Feria Las Compañías' });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await ctx.newMember(a.id, { fullName: `Feriante ${i + 1}` })).id);
      const meeting = await scheduleMeeting(a.id, { localStart: '2026-03-17T11:00', place: 'Feria' });
      const page = `/reuniones/${meeting.id}/asistencia`;
      /** Posts the page's form: a member's mark, and their times if given. */
      const tap = async (fields: Record<string, string>) =>
        agent
          .post(page)
          .type('form')
          .send({ _csrf: await csrf(page), ...fields });
      /** What the API records of the first member's attendance. */
      const firstMembersRecord = async () =>
        (await ctx.http.get(`/api/v1/meetings/${meeting.id}`).set(bearer(officer))).body.attendance.find(
          (x: { memberId: string }) => x.memberId === ids[0],
        );
      let html = (await agent.get(page).expect(200)).text;
      expect(html).toMatch(/id="quorum-figures"[^>]*>Presentes: 0 de 2 necesarios — <strong>sin quórum/);
      for (const [memberId, mark] of [
        [ids[0], 'present'],
        [ids[1], 'online'],
      ]) {
        const res = await tap({ memberId, mark });
        expect([res.status, res.headers.location]).toEqual([303, `${page}#m-${memberId}`]);
      }
      html = (await agent.get(page).expect(200)).text;
      expect(html).toMatch(/id="quorum-figures"[^>]*>Presentes: 2 de 2 necesarios — <strong>hay quórum/);
      expect(html).toContain(`id="m-${ids[1]}" data-mark="online"`);
      expect(html).toContain('En la sala 1 · en línea 1 · justificados 0 · de 3 socios activos');
      // DOM-MTG-5: arrival and departure times from the same row
      expect((await tap({ memberId: ids[0], mark: 'present', arrivedAt: '11:20', leftAt: '12:45' })).status).toBe(303);
      expect(await firstMembersRecord()).toMatchObject({ status: 'present', arrivedAt: '11:20', leftAt: '12:45' });
      // a tap on the mark keeps the times; the times form with an empty field clears that one
      expect((await tap({ memberId: ids[0], mark: 'online' })).status).toBe(303);
      expect(await firstMembersRecord()).toMatchObject({ mode: 'online', arrivedAt: '11:20', leftAt: '12:45' });
      expect((await tap({ memberId: ids[0], mark: 'online', arrivedAt: '11:20', leftAt: '' })).status).toBe(303);
      expect(await firstMembersRecord()).toMatchObject({ arrivedAt: '11:20', leftAt: null });
      const badTime = await tap({ memberId: ids[0], mark: 'present', arrivedAt: '25:99' });
      expect([badTime.status, badTime.text.includes('debe ser una hora local hh:mm')]).toEqual([400, true]);
      const refused = await tap({ memberId: 'alguien', mark: 'present' });
      expect(refused.status).toBe(400);
    });

    it('issue 16 item 7: a mark outside the four the page offers is refused at the door naming mark, with the list shown again and nothing written', async () => {
      const { agent, csrf } = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
      const a = await ctx.newAssociation({ name: 'Agrupación de Feriantes de Las Compañías' });
      const memberId = (await ctx.newMember(a.id, { fullName: 'Feriante Uno' })).id;
      const meeting = await scheduleMeeting(a.id, { localStart: '2026-03-18T11:00', place: 'Feria' });
      const page = `/reuniones/${meeting.id}/asistencia`;
      const refused = await agent
        .post(page)
        .type('form')
        .send({ _csrf: await csrf(page), memberId, mark: 'tarde' });
      expect(refused.status).toBe(400);
      // issue 20 item 6: the field by its name on the page, the marks in words (not the API's values)
      expect(refused.text).toContain(
        'El campo «Asistencia» debe ser una de las marcas de la lista: presente, en línea, justificado o ausente.',
      );
      expect(refused.text).toContain(`id="m-${memberId}"`);
      expect(await ctx.query(`SELECT count(*)::int AS n FROM attendance WHERE meeting_id = $1`, [meeting.id])).toEqual([
        { n: 0 },
      ]);
    });
  });

  describe('agenda (DOM-MTG-4)', () => {
    it("DOM-MTG-4: the agenda starts with the previous acta and every open commitment of earlier meetings (carried until done or cancelled), then the officers' items in their order", async () => {
      const a = await ctx.newAssociation({ name: 'Barrio Comercial Eduardo de la Barra' });
      const owner = await ctx.newMember(a.id, { fullName: 'Rodrigo Castillo Rojas' });
      const [first, second, third] = await scheduleSeries(a.id, {
        localStart: '2026-03-03T19:30',
        every: '2 weeks',
        count: 4,
        place: 'Sede',
      });
      // the minutes issue records commitments; here they are written as it will
      const commit = (origin: string, description: string, extra = '') =>
        ctx.query<{ id: string }>(
          `INSERT INTO commitment (association_id, origin_meeting_id, description, owner_membership_id, due_on, status, version) VALUES ($1, $2, $3, $4, '2026-03-31', ${extra || `'open'`}, 1) RETURNING id`,
          [a.id, origin, description, owner.id],
        );
      const [police] = await commit(first.id, "Pedir más presencia policial en O'Higgins y Eduardo de la Barra");
      await commit(first.id, 'Cotizar letreros para el boulevard', `'done'`);
      const [lights] = await commit(second.id, 'Gestionar luminarias en calle Cienfuegos');
      const agenda = async (id: string) =>
        (await ctx.http.get(`/api/v1/meetings/${id}`).set(bearer(officer)).expect(200)).body.agenda;
      // the third meeting (31-03): acta of 17-03, the two open commitments of earlier meetings
      let third_ = await agenda(third.id);
      expect(
        third_.map((i: { position: number; source: string; title: string }) => [i.position, i.source, i.title]),
      ).toEqual([
        [1, 'previous_minutes', 'Lectura y aprobación del acta de la reunión del 17-03-2026'],
        [2, 'carried_commitment', "Pedir más presencia policial en O'Higgins y Eduardo de la Barra"],
        [3, 'carried_commitment', 'Gestionar luminarias en calle Cienfuegos'],
      ]);
      expect(third_[1]).toMatchObject({
        commitmentId: police.id,
        detail: 'Compromiso pendiente (Rodrigo Castillo Rojas, plazo 31-03-2026)',
      });
      // the second meeting only carries what was agreed before it
      expect((await agenda(second.id)).map((i: { title: string }) => i.title)).toEqual([
        'Lectura y aprobación del acta de la reunión del 03-03-2026',
        "Pedir más presencia policial en O'Higgins y Eduardo de la Barra",
      ]);
      // the officers' items, reordered; a commitment done drops off
      await ctx.http
        .post(`/api/v1/meetings/${third.id}/agenda`)
        .set(bearer(officer))
        .send({ title: 'Imagen corporativa del barrio' })
        .expect(201);
      const added = (
        await ctx.http
          .post(`/api/v1/meetings/${third.id}/agenda`)
          .set(bearer(officer))
          .send({ title: 'Boulevard familiar de verano' })
          .expect(201)
      ).body.agenda;
      const own = added
        .filter((i: { source: string }) => i.source === 'manual')
        .map((i: { itemId: string }) => i.itemId);
      const reordered = (
        await ctx.http
          .put(`/api/v1/meetings/${third.id}/agenda/order`)
          .set(bearer(officer))
          .send({ itemIds: [own[1], own[0]] })
          .expect(200)
      ).body.agenda;
      expect(reordered.slice(3).map((i: { title: string }) => i.title)).toEqual([
        'Boulevard familiar de verano',
        'Imagen corporativa del barrio',
      ]);
      const badOrder = await ctx.http
        .put(`/api/v1/meetings/${third.id}/agenda/order`)
        .set(bearer(officer))
        .send({ itemIds: [own[0]] });
      expect([badOrder.status, problem(badOrder).errors?.[0]?.field]).toEqual([400, 'itemIds']);
      await ctx.query(`UPDATE commitment SET status = 'done' WHERE id = $1`, [lights.id]);
      third_ = await agenda(third.id);
      expect(third_.map((i: { title: string }) => i.title)).not.toContain('Gestionar luminarias en calle Cienfuegos');
      await ctx.http.delete(`/api/v1/meetings/${third.id}/agenda/${own[1]}`).set(bearer(officer)).expect(200);
      expect(
        (await agenda(third.id)).map((i: { position: number; title: string }) => [i.position, i.title]).slice(-1),
      ).toEqual([[3, 'Imagen corporativa del barrio']]);
      const items = await ctx.count('agenda_item');
      expect(
        (await ctx.http.post(`/api/v1/meetings/${third.id}/agenda`).set(bearer(officer)).send({ title: '  ' })).status,
      ).toBe(400);
      expect(await ctx.count('agenda_item')).toBe(items);
    });

    it('DOM-MTG-2: a point on a reform of the statutes is refused on an ordinary meeting (422 naming the matter, nothing written) and taken by an extraordinary one, marked on its page and in its convocation', async () => {
      const { agent, csrf } = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
      const a = await ctx.newAssociation({ name: 'Junta de Vecinos Villa El Indio' });
      const meetingOf = async (kind: string, localStart: string) =>
        (await scheduleMeeting(a.id, { localStart, place: 'Sede', kind })) as { id: string };
      const ordinary = await meetingOf('ordinary', '2026-04-09T19:00');
      const extraordinary = await meetingOf('extraordinary', '2026-04-16T19:00');
      const items = await ctx.count('agenda_item');
      const refused = await ctx.http
        .post(`/api/v1/meetings/${ordinary.id}/agenda`)
        .set(bearer(officer))
        .send({ title: 'Reforma del artículo 12 de los estatutos', matter: 'statute_reform' });
      expect(refused.status).toBe(422);
      expect(problem(refused)).toMatchObject({ code: 'EXTRAORDINARY_MEETING_REQUIRED' });
      expect(problem(refused).errors?.[0]?.field).toBe('matter');
      expect(problem(refused).detail).toBe(
        'La reforma de los estatutos se decide solo en una reunión extraordinaria, y esta reunión es ordinaria: cree una reunión extraordinaria desde el calendario de reuniones y agregue allí este punto.',
      );
      const unknown = await ctx.http
        .post(`/api/v1/meetings/${extraordinary.id}/agenda`)
        .set(bearer(officer))
        .send({ title: 'Fiesta', matter: 'party' });
      expect([unknown.status, problem(unknown).errors?.[0]?.field]).toEqual([400, 'matter']);
      expect(await ctx.count('agenda_item')).toBe(items);

      const added = await ctx.http
        .post(`/api/v1/meetings/${extraordinary.id}/agenda`)
        .set(bearer(officer))
        .send({ title: 'Reforma del artículo 12 de los estatutos', matter: 'statute_reform' })
        .expect(201);
      expect(added.body.agenda.at(-1)).toMatchObject({
        title: 'Reforma del artículo 12 de los estatutos',
        matter: 'statute_reform',
      });
      const convocation = (
        await ctx.http.get(`/api/v1/meetings/${extraordinary.id}/convocation`).set(bearer(officer)).expect(200)
      ).body;
      expect(convocation.shareText).toContain(
        'Reforma del artículo 12 de los estatutos (materia de reunión extraordinaria: reforma de los estatutos)',
      );

      // the page: the same refusal on the ordinary meeting keeps the title and the matter chosen
      const page = `/reuniones/${ordinary.id}`;
      const form = await agent.get(page).expect(200);
      expect(form.text).toMatch(
        /<select[^>]*id="matter"[^>]*>.*<option value="dissolution">Disolución de la organización<\/option>/s,
      );
      const onPage = await agent
        .post(`${page}/temario`)
        .type('form')
        .send({ _csrf: await csrf(page), title: 'Disolución de la junta', matter: 'dissolution' });
      expect(onPage.status).toBe(422);
      expect(onPage.text).toContain('value="Disolución de la junta"');
      expect(onPage.text).toMatch(/<option value="dissolution" selected>/);
      expect(onPage.text).toContain('La disolución de la organización se decide solo en una reunión extraordinaria');
      expect(onPage.text).not.toContain('campo matter');
      expect(await ctx.count('agenda_item')).toBe(items + 1);
      const marked = await agent.get(`/reuniones/${extraordinary.id}`).expect(200);
      expect(marked.text).toContain('Reunión extraordinaria: reforma de los estatutos');
    });

    it('the meeting page lists the agenda; an item added, moved up and removed from the page', async () => {
      const { agent, csrf } = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
      const a = await ctx.newAssociation({ name: 'Comité de Adelanto Avenida Francisco de Aguirre' });
      const meeting = await scheduleMeeting(a.id, { localStart: '2026-04-02T19:00', place: 'Sede' });
      const page = `/reuniones/${meeting.id}`;
      /** Posts one of the agenda's forms (`/temario` and what follows it) from the meeting's page. */
      const postAgenda = async (action: string, fields: Record<string, string> = {}) =>
        agent
          .post(`${page}/temario${action}`)
          .type('form')
          .send({ _csrf: await csrf(page), ...fields });
      const empty = await agent.get(page).expect(200);
      expect(empty.text).toContain('La tabla aún no tiene puntos.');
      const refused = await postAgenda('', { title: '' });
      expect(refused.status).toBe(400);
      for (const title of ['Seguridad', 'Aseo y ornato']) expect((await postAgenda('', { title })).status).toBe(303);
      let html = (await agent.get(page).expect(200)).text;
      const ids = [...html.matchAll(/temario\/([0-9a-f-]{36})\/subir/g)].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      expect((await postAgenda(`/${ids[1]}/subir`)).status).toBe(303);
      html = (await agent.get(page).expect(200)).text;
      expect(html.indexOf('Aseo y ornato')).toBeLessThan(html.indexOf('Seguridad'));
      // issue 20 item 3: the × only opens a confirmation; the removal is its own button
      const removal = new RegExp(
        `<details class="agenda-remove"><summary[^>]*>×</summary>\\s*<form method="post" action="${page}/temario/${ids[0]}/quitar"[^>]*>.*?¿Quitar «Seguridad[^»]*» de la tabla\\?.*?Sí, quitar</button></form>`,
        's',
      );
      expect(html).toMatch(removal);
      expect((await postAgenda(`/${ids[0]}/quitar`)).status).toBe(303);
      expect((await agent.get(page).expect(200)).text).not.toContain('>Seguridad<');
    });
  });
});
