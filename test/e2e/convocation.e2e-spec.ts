import ICAL from 'ical.js';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';
import { bearer } from '../support/api-problem';

/** DOM-MTG-3: the convocation read from a real SMTP peer, its ICS parsed by Mozilla's ical.js. */
describe('convocation', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  let officer: string;
  let worker: OutboxWorker;
  beforeAll(async () => {
    peer = await SmtpPeer.start();
    ctx = await createTestApp({ env: { SMTP_URL: peer.url, MAIL_WORKER: 'false', LOGIN_RATE_LIMIT: '1000' } });
    officer = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    worker = ctx.get(OutboxWorker);
  });
  afterAll(async () => {
    await ctx.close();
    await peer.stop();
  });
  beforeEach(() => peer.messages.splice(0));

  it('issue 20 item 5, DOM-MTG-4: an overdue commitment carried to the agenda says so in the notice and on the meeting page', async () => {
    const a = await ctx.newAssociation({ name: 'Barrio Comercial Calle Cordovez' });
    await ctx.newMember(a.id, { fullName: 'Ana Muñoz Araya', email: 'ana.cordovez@example.cl' });
    const meeting = async (localStart: string) =>
      (
        await ctx.http
          .post(`/api/v1/associations/${a.id}/meetings`)
          .set(bearer(officer))
          .send({ localStart, place: 'Sede' })
          .expect(201)
      ).body.id as string;
    const held = await meeting('2026-03-03T19:30');
    await ctx.http
      .put(`/api/v1/meetings/${held}/minutes`)
      .set(bearer(officer))
      .send({
        items: [{ title: 'Seguridad', notes: 'Se acuerda pedir rondas.' }],
        commitments: [
          { description: 'Pedir rondas a Carabineros', ownerName: 'Ana Muñoz Araya', dueOn: '2026-03-10' },
          { description: 'Cotizar luminarias', ownerName: 'Ana Muñoz Araya', dueOn: '2026-04-30' },
        ],
      })
      .expect(200);
    const next = await meeting('2026-03-24T19:30');
    const { shareText } = (await ctx.http.get(`/api/v1/meetings/${next}/convocation`).set(bearer(officer)).expect(200))
      .body;
    expect(shareText).toContain('Pedir rondas a Carabineros (compromiso vencido el 10-03-2026)'); // today is 17-03
    expect(shareText).toContain('Cotizar luminarias');
    expect(shareText).not.toContain('Cotizar luminarias (compromiso vencido');
    const admin = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const page = (await admin.agent.get(`/reuniones/${next}`).expect(200)).text;
    expect(page).toMatch(/Pedir rondas a Carabineros <span class="badge text-bg-danger">Vencido<\/span>/);
    expect(page).not.toMatch(/Cotizar luminarias <span class="badge/);
  });

  it('DOM-MTG-3: every member with e-mail gets the notice with date, place, link, agenda and an ICS invitation; the share text says the same; sending twice mails nobody twice', async () => {
    const a = await ctx.newAssociation({
      name: 'Barrio Comercial Calle Prat',
      contactEmail: 'directiva@barrioprat.cl',
    });
    await ctx.newMember(a.id, { fullName: 'Ana Muñoz Araya', email: 'ana@example.cl' });
    await ctx.newMember(a.id, { fullName: 'Luis Rojas Tapia', email: 'luis@example.cl' });
    await ctx.newMember(a.id, { fullName: 'Rosa Díaz Soto' }); // no e-mail
    const meeting = (
      await ctx.http
        .post(`/api/v1/associations/${a.id}/meetings`)
        .set(bearer(officer))
        .send({
          localStart: '2026-03-24T19:30',
          place: 'Sede de la Cámara de Comercio, Prat 560',
          onlineUrl: 'https://meet.example.com/abc',
        })
        .expect(201)
    ).body;
    await ctx.http
      .post(`/api/v1/meetings/${meeting.id}/agenda`)
      .set(bearer(officer))
      .send({ title: 'Seguridad en calle Prat' })
      .expect(201);

    const preview = (await ctx.http.get(`/api/v1/meetings/${meeting.id}/convocation`).set(bearer(officer)).expect(200))
      .body;
    expect(preview).toMatchObject({
      recipients: 2,
      withoutEmail: ['Rosa Díaz Soto'],
      noticeDays: 5,
      daysAhead: 7,
      shortNotice: false,
    });
    expect(preview.shareText).toBe(
      [
        'Convocatoria: reunión ordinaria de Barrio Comercial Calle Prat',
        'Fecha y hora: martes 24-03-2026 a las 19:30',
        'Lugar: Sede de la Cámara de Comercio, Prat 560',
        'En línea: https://meet.example.com/abc',
        '',
        'Tabla:',
        '1. Seguridad en calle Prat',
      ].join('\n'),
    );

    const sent = await ctx.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(bearer(officer)).expect(200);
    expect(sent.body.queued).toBe(2);
    expect(await worker.runOnce()).toMatchObject({ sent: 2, failed: 0 });
    const mails = await peer.waitFor(2);
    const ana = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === 'ana@example.cl')!;
    expect(ana.subject).toBe(
      'Convocatoria: reunión ordinaria de Barrio Comercial Calle Prat, martes 24-03-2026 a las 19:30',
    );
    for (const text of [
      'Hola, Ana Muñoz Araya:',
      'Fecha y hora: martes 24-03-2026 a las 19:30',
      'Lugar: Sede de la Cámara de Comercio, Prat 560',
      'En línea: https://meet.example.com/abc',
      '1. Seguridad en calle Prat',
    ])
      expect(ana.text).toContain(text);
    const ics = ana.attachments.find((x) => x.filename === 'invitacion.ics')!.content.toString('utf8');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect([event.uid, event.startDate.toJSDate().toISOString(), event.location, event.summary]).toEqual([
      `meeting-${meeting.id}@localhost`,
      '2026-03-24T22:30:00.000Z',
      'Sede de la Cámara de Comercio, Prat 560',
      'Reunión ordinaria: Barrio Comercial Calle Prat',
    ]);
    expect(String(event.organizer).toLowerCase()).toBe('mailto:directiva@barrioprat.cl');

    // again, unchanged: nobody gets it twice; moved: everyone gets the new one (SEQUENCE 1)
    expect(
      (await ctx.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(bearer(officer)).expect(200)).body.queued,
    ).toBe(0);
    await ctx.http
      .patch(`/api/v1/meetings/${meeting.id}`)
      .set(bearer(officer))
      .send({ localStart: '2026-03-25T19:30' })
      .expect(200);
    expect(
      (await ctx.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(bearer(officer)).expect(200)).body.queued,
    ).toBe(2);
  });

  it('DOM-MTG-3: a meeting closer than the statute notice period (5 days) is convened with the short notice said', async () => {
    const a = await ctx.newAssociation({ name: 'Junta de Vecinos Villa Lambert' });
    await ctx.newMember(a.id, { fullName: 'Carmen Soto', email: 'carmen@example.cl' });
    const meeting = (
      await ctx.http
        .post(`/api/v1/associations/${a.id}/meetings`)
        .set(bearer(officer))
        .send({ localStart: '2026-03-19T19:00', place: 'Sede vecinal', kind: 'extraordinary' })
        .expect(201)
    ).body;
    const res = await ctx.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(bearer(officer)).expect(200);
    expect(res.body).toMatchObject({ queued: 1, shortNotice: true, daysAhead: 2, noticeDays: 5 });
    const { agent } = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const page = (await agent.get(`/reuniones/${meeting.id}/convocatoria`).expect(200)).text;
    expect(page).toContain('Faltan 2 días para la reunión y el estatuto pide avisar con 5');
    expect(page).toContain('Convocatoria: asamblea extraordinaria de Junta de Vecinos Villa Lambert');
    expect(page).toContain('Convocatoria enviada el');
    const meetingPage = (await agent.get(`/reuniones/${meeting.id}`).expect(200)).text;
    expect(meetingPage).toMatch(/id="meeting-status">Convocada/);
    expect(meetingPage).toContain('Mover esta reunión'); // still to come: it can be moved or cancelled
    expect((await agent.get(`/organizaciones/${a.id}/reuniones`).expect(200)).text).toContain('data-status="convened"');
    // a cancelled meeting is not convened
    await ctx.http
      .post(`/api/v1/meetings/${meeting.id}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Se posterga' })
      .expect(200);
    expect((await ctx.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(bearer(officer))).status).toBe(422);
  });

  it('links and addresses the ics library would refuse (capitals, ports, underscores, accents) do not break the notice or the feed', async () => {
    const a = await ctx.newAssociation({ name: 'Agrupación Peñuelas', contactEmail: 'directiva@peñuelas.cl' });
    await ctx.newMember(a.id, { fullName: 'Inés Ñúñez', email: 'ines@example.cl' });
    const meeting = (
      await ctx.http
        .post(`/api/v1/associations/${a.id}/meetings`)
        .set(bearer(officer))
        .send({ localStart: '2026-03-30T19:00', place: 'Sede', onlineUrl: 'Https://Meet.Example.com:8443/sala_uno' })
        .expect(201)
    ).body;
    expect(
      (await ctx.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(bearer(officer)).expect(200)).body.queued,
    ).toBe(1);
    const { url } = (await ctx.http.post(`/api/v1/associations/${a.id}/calendar-feed`).set(bearer(officer)).expect(201))
      .body;
    const feed = await ctx.http.get(new URL(url).pathname).expect(200);
    expect(feed.text).toContain('sala_uno');
  });

  it('DOM-MTG-3: cancelling a convened meeting sends those convened a cancellation their calendars apply (METHOD:CANCEL, STATUS:CANCELLED, same UID); moving one asks to convene again', async () => {
    const a = await ctx.newAssociation({ name: 'Agrupación Mercado Municipal', contactEmail: 'directiva@mercado.cl' });
    await ctx.newMember(a.id, { fullName: 'Olga Pizarro', email: 'olga@example.cl' });
    const meeting = (
      await ctx.http
        .post(`/api/v1/associations/${a.id}/meetings`)
        .set(bearer(officer))
        .send({ localStart: '2026-04-02T19:00', place: 'Mercado, local 12' })
        .expect(201)
    ).body;
    await ctx.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(bearer(officer)).expect(200);
    expect((await ctx.http.get(`/api/v1/meetings/${meeting.id}`).set(bearer(officer))).body.status).toBe('convened');
    const moved = (
      await ctx.http
        .patch(`/api/v1/meetings/${meeting.id}`)
        .set(bearer(officer))
        .send({ localStart: '2026-04-03T19:00' })
        .expect(200)
    ).body;
    expect(moved.status).toBe('scheduled'); // to be convened again
    await ctx.http.post(`/api/v1/meetings/${meeting.id}/convene`).set(bearer(officer)).expect(200);
    await ctx.http
      .post(`/api/v1/meetings/${meeting.id}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Corte de luz en el mercado' })
      .expect(200);
    while ((await ctx.get<OutboxWorker>(OutboxWorker).runOnce()).claimed > 0);
    const mails = await peer.waitFor(3);
    const toOlga = mails.filter((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address === 'olga@example.cl');
    expect(toOlga.map((m) => m.subject?.split(':')[0])).toEqual(['Convocatoria', 'Convocatoria', 'Reunión cancelada']);
    const cancellation = toOlga[2];
    expect(cancellation.text).toContain('Motivo: Corte de luz en el mercado');
    const calendar = new ICAL.Component(
      ICAL.parse(cancellation.attachments.find((x) => x.filename === 'invitacion.ics')!.content.toString('utf8')),
    );
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect([
      calendar.getFirstPropertyValue('method'),
      vevent.getFirstPropertyValue('status'),
      new ICAL.Event(vevent).uid,
      new ICAL.Event(vevent).sequence,
    ]).toEqual(['CANCEL', 'CANCELLED', `meeting-${meeting.id}@localhost`, 2]);
  });
});
