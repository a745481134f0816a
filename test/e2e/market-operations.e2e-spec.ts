import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { MarketAllocationService } from '../../src/events/market/market-allocation.service';
import { MarketOfferLapseJob } from '../../src/events/market/market-offer.job';
import { MarketVenuesService } from '../../src/events/market/market-venues.service';
import { MarketVenue } from '../../src/events/market/entities/market-venue.entity';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { PersonRegistry } from '../../src/people/person-registry.service';
import { Factories } from '../factories/factories';
import { binaryBody, pdfText } from '../support/pdf-text';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';
import { MARKET_VENUE, type MarketMonth, newMarketPrograms } from '../support/market';
import { bearer, problem } from '../support/api-problem';

const VENUE = {
  ...MARKET_VENUE,
  standsPerWeek: 1,
};
const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : '');
const acceptPath = (m: ParsedMail) => /\/semanas\/oferta\/[A-Za-z0-9_-]+/.exec(m.text ?? '')![0];

/**
 * Issue 19 items 4 and 5 (DOM-MKT-3, DOM-MKT-4): publishing mails each entrepreneur their week with an ICS event
 * (read from a real SMTP peer, parsed by ical.js); a cancelled stand is offered to the waitlist in order, accepted
 * from the mail's link, or lapsing after 48 hours (pinned clock) to the next; attendance feeds the next draft.
 */
describe('market operations: publishing, waitlist offers and attendance', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  let worker: OutboxWorker;
  let admin: string;
  let officer: string;
  let officerUser: { email: string; password: string };
  let otherOfficer: string;
  let plain: string;
  let programId: string;
  let venueId: string;
  let march: MarketMonth;
  const people: { id: string; personId: string; email: string; businessName: string }[] = [];
  const slotOf = (weekStartsOn: string) => march.weeks.find((w) => w.startsOn === weekStartsOn)!.stands[0];

  /** An entrepreneur of the program (letter A, B…), with the e-mail her offers go to, through the people registry. */
  const enrol = async (token: string, letter: string, businessCategory: string) => {
    const b = (
      await ctx.http
        .post(`/api/v1/programs/${programId}/beneficiaries`)
        .set(bearer(token))
        .send({
          rut: Factories.uniqueRut(),
          fullName: `Emprendedora ${letter} Pérez`,
          businessName: `Negocio ${letter}`,
          businessCategory,
          ownerSex: 'female',
          communeCode: '13501',
          enrolledOn: '2027-01-05',
          consentTextVersion: 'beneficiario-2026-12',
        })
        .expect(201)
    ).body as { id: string; personId: string };
    const email = `emprendedora.${letter.toLowerCase()}@example.cl`;
    // the beneficiary form does not ask for one
    await ctx.dataSource.transaction((em) => ctx.get<PersonRegistry>(PersonRegistry).update(b.personId, { email }, em));
    return { id: b.id, personId: b.personId, email, businessName: `Negocio ${letter}` };
  };

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    ctx = await createTestApp({
      env: { SMTP_URL: peer.url, MAIL_WORKER: 'false', LOGIN_RATE_LIMIT: '1000' },
      now: '2027-02-10T15:00:00.000Z',
    });
    worker = ctx.get(OutboxWorker);
    ({ admin, programId, officerUser, officer, otherOfficer, plain } = await newMarketPrograms(ctx));
    for (let i = 0; i < 8; i++)
      people.push(await enrol(admin, String.fromCharCode(65 + i), i % 2 ? 'Artesanía' : 'Alimentos'));
    venueId = (
      await ctx.http
        .post('/api/v1/market-venues')
        .set(bearer(officer))
        .send({ ...VENUE, programId })
        .expect(201)
    ).body.id;
    // eight apply for March (five weeks of one stand): five placed, three on the waitlist, in application order
    for (const [i, p] of people.entries()) {
      ctx.clock.set(`2027-02-10T15:${String(i).padStart(2, '0')}:00.000Z`);
      await ctx.http
        .post(`/api/v1/market-venues/${venueId}/applications`)
        .set(bearer(officer))
        .send({ beneficiaryId: p.id, month: '2027-03' })
        .expect(201);
    }
    ctx.clock.set('2027-02-10T16:00:00.000Z');
    march = (
      await ctx.http
        .post(`/api/v1/market-venues/${venueId}/allocations`)
        .set(bearer(officer))
        .send({ month: '2027-03' })
        .expect(200)
    ).body;
  });
  afterAll(async () => {
    await ctx.close();
    await peer.stop();
  });
  beforeEach(() => peer.messages.splice(0));

  it('PersonRegistry.findByIds: the people of the ids given, in one query (the publication reads the e-mails with it)', async () => {
    const registry = ctx.get<PersonRegistry>(PersonRegistry);
    const found = await registry.findByIds([
      people[1].personId,
      people[0].personId,
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(found.map((p) => p.email).sort()).toEqual([people[0].email, people[1].email]);
    expect(await registry.findByIds([])).toEqual([]);
  });

  it('DOM-MKT-3: publishing mails each entrepreneur their week with a parsable ICS event; publishing again or re-running is refused, nobody mailed twice', async () => {
    expect(march.waitlist.map((w) => w.beneficiaryId)).toEqual([people[5].id, people[6].id, people[7].id]);
    // another program's officer does not see the venue; a plain user neither
    await ctx.http
      .post(`/api/v1/market-venues/${venueId}/allocations/2027-03/publish`)
      .set(bearer(otherOfficer))
      .expect(404);
    await ctx.http.post(`/api/v1/market-venues/${venueId}/allocations/2027-03/publish`).set(bearer(plain)).expect(404);
    // a month not yyyy-mm, and a month without a draft
    const bad = await ctx.http
      .post(`/api/v1/market-venues/${venueId}/allocations/2027-3/publish`)
      .set(bearer(officer))
      .expect(400);
    expect(problem(bad).errors?.[0].field).toBe('month');
    const april = await ctx.http
      .post(`/api/v1/market-venues/${venueId}/allocations/2027-04/publish`)
      .set(bearer(officer))
      .expect(422);
    expect(problem(april)).toMatchObject({ code: 'ALLOCATION_NOT_DRAFTED' });
    expect(problem(april).detail).toContain('todavía no tiene sorteo en borrador');

    const res = await ctx.http
      .post(`/api/v1/market-venues/${venueId}/allocations/2027-03/publish`)
      .set(bearer(officer))
      .expect(200);
    expect(res.body).toMatchObject({ month: '2027-03', published: true, queued: 5, withoutEmail: [] });
    expect(await worker.runOnce()).toMatchObject({ sent: 5, failed: 0 });
    const mails = await peer.waitFor(5);
    expect(mails.map(to).sort()).toEqual(people.slice(0, 5).map((p) => p.email));
    const first = mails.find((m) => to(m) === people[0].email)!;
    expect(first.subject).toBe('Su semana de venta en Mall Espacio Urbano Melipilla: del 01-03-2027 al 07-03-2027');
    expect(first.text).toContain('Negocio A tiene el puesto 1 en Mall Espacio Urbano Melipilla');
    const ics = first.attachments.find((a) => a.filename === 'invitacion.ics')!.content.toString('utf8');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    // Monday 01-03 00:00 to Monday 08-03 00:00 in Santiago (summer time, UTC-3)
    expect([
      event.summary,
      event.location,
      event.startDate.toJSDate().toISOString(),
      event.endDate.toJSDate().toISOString(),
    ]).toEqual([
      'Semana de venta: Mall Espacio Urbano Melipilla',
      'Av. Vicuña Mackenna 3175, Melipilla',
      '2027-03-01T03:00:00.000Z',
      '2027-03-08T03:00:00.000Z',
    ]);
    expect(event.uid).toBe(`market-slot-${slotOf('2027-03-01').slotId}@localhost`);

    // twice: 422 ALLOCATION_PUBLISHED, and the draft cannot be re-run either; no new mail queued
    const outbox = await ctx.count('outbox_message');
    const again = await ctx.http
      .post(`/api/v1/market-venues/${venueId}/allocations/2027-03/publish`)
      .set(bearer(officer))
      .expect(422);
    expect(problem(again).code).toBe('ALLOCATION_PUBLISHED');
    await ctx.http
      .post(`/api/v1/market-venues/${venueId}/allocations`)
      .set(bearer(officer))
      .send({ month: '2027-03' })
      .expect(422);
    expect(await ctx.count('outbox_message')).toBe(outbox);
  });

  it('DOM-MKT-3: a cancelled stand is offered to the first on the waitlist, who accepts from the mail link and gets it; cancelling twice is 409', async () => {
    ctx.clock.set('2027-02-11T15:00:00.000Z');
    const slot = slotOf('2027-03-15');
    // bad input first: no reason, naming the field in plain words; nothing written
    const noReason = await ctx.http
      .post(`/api/v1/market-slots/${slot.slotId}/cancel`)
      .set(bearer(officer))
      .send({})
      .expect(400);
    expect(problem(noReason).errors?.[0].message).toContain('motivo de la cancelación');
    await ctx.http
      .post(`/api/v1/market-slots/${slot.slotId}/cancel`)
      .set(bearer(otherOfficer))
      .send({ reason: 'x' })
      .expect(404);
    expect(await ctx.count('market_offer')).toBe(0);

    const res = await ctx.http
      .post(`/api/v1/market-slots/${slot.slotId}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Enfermedad; avisó por teléfono' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      offeredTo: people[5].id,
      offerExpiresAt: '2027-02-13T15:00:00.000Z', // 48 hours
    });
    const twice = await ctx.http
      .post(`/api/v1/market-slots/${slot.slotId}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'otra vez' })
      .expect(409);
    expect(problem(twice).code).toBe('SLOT_CANCELLED');

    await worker.runOnce();
    const [offer] = await peer.waitFor(1);
    expect(to(offer)).toBe(people[5].email);
    expect(offer.subject).toBe(
      'Puesto disponible en Mall Espacio Urbano Melipilla: semana del 15-03-2027 al 21-03-2027',
    );
    expect(offer.text).toContain('confirme antes del 13-02-2027 12:00');
    const link = acceptPath(offer);
    // only the token's hash is stored
    const [stored] = await ctx.query<{ token_hash: string }>(`SELECT token_hash FROM market_offer`);
    expect(link).not.toContain(stored.token_hash);

    // the link opens a page with a confirm button (a GET never accepts), the POST gives the stand
    const form = await ctx.openForm(link);
    expect(form.page.status).toBe(200);
    expect(form.page.text).toContain('Puesto 1 · semana del 15-03-2027 al 21-03-2027');
    expect(form.page.text).toContain('Acepto el puesto');
    expect(await ctx.count('market_slot')).toBe(5);
    const accepted = await form.submit(link, {});
    expect(accepted.status).toBe(200);
    expect(accepted.text).toContain('El puesto es suyo');
    const [taken] = await ctx.query<{ beneficiary_id: string; origin: string; stand: number; status: string }>(
      `SELECT beneficiary_id, origin, stand, status FROM market_slot WHERE week_starts_on = '2027-03-15' AND status = 'assigned'`,
    );
    expect(taken).toEqual({ beneficiary_id: people[5].id, origin: 'waitlist', stand: 1, status: 'assigned' });
    // the officer's month shows them in the week, and off the waitlist
    const now = (
      await ctx.http.get(`/api/v1/market-venues/${venueId}/allocations/2027-03`).set(bearer(officer)).expect(200)
    ).body as MarketMonth;
    expect(now.waitlist.map((w) => w.beneficiaryId)).toEqual([people[6].id, people[7].id]);
    // the same link again: still theirs, nothing new
    expect((await form.submit(link, {})).text).toContain('El puesto es suyo');
    expect(await ctx.count('market_slot')).toBe(6);
  });

  it('DOM-MKT-3: an offer not accepted in 48 hours lapses (pinned clock, hourly job) and the next on the waitlist gets the mail; the lapsed link says so', async () => {
    ctx.clock.set('2027-02-12T15:00:00.000Z');
    const slot = slotOf('2027-03-22');
    const res = await ctx.http
      .post(`/api/v1/market-slots/${slot.slotId}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Viaje' })
      .expect(200);
    expect(res.body.offeredTo).toBe(people[6].id); // the first (F) holds a stand now: G is next
    await worker.runOnce();
    const [offerG] = await peer.waitFor(1);
    expect(to(offerG)).toBe(people[6].email);
    // G opens the page now, and presses the button only after the 48 hours
    const opened = await ctx.openForm(acceptPath(offerG));
    expect(opened.page.text).toContain('Acepto el puesto');
    const job = ctx.get<MarketOfferLapseJob>(MarketOfferLapseJob);
    // 47 hours later nothing lapses
    ctx.clock.set('2027-02-14T14:00:00.000Z');
    expect(await job.run()).toBe(0);
    // past 48 hours: G's offer lapses, H gets one
    ctx.clock.set('2027-02-14T16:00:00.000Z');
    peer.messages.splice(0);
    expect(await job.run()).toBe(1);
    expect(await job.run()).toBe(0); // safe to run again
    await worker.runOnce();
    const [offerH] = await peer.waitFor(1);
    expect(to(offerH)).toBe(people[7].email);
    expect(offerH.text).toContain('semana del 22-03-2027 al 28-03-2027');
    // G's link now: a clear Spanish page, 410
    const late = await ctx.openForm(acceptPath(offerG));
    expect(late.page.status).toBe(410);
    expect(late.page.text).toContain('Oferta vencida');
    expect(late.page.text).toContain('venció el 14-02-2027 12:00');
    expect(late.page.text).not.toContain('Acepto el puesto');
    const posted = await opened.submit(acceptPath(offerG), {});
    expect(posted.status).toBe(410);
    expect(posted.text).toContain('el puesto se ofreció a la siguiente persona');
    expect(await ctx.count('market_slot')).toBe(6);
    // an unknown token: 404 with a Spanish page
    const unknown = await ctx.http.get('/semanas/oferta/abcdefghijklmnopqrstuvwxyz0123456789');
    expect(unknown.status).toBe(404);
  });

  it('DOM-MKT-3: the person offered a stand can decline it from the link, and the next on the waitlist gets the offer at once; a stand whose week is over is not cancelled (422 WEEK_OVER)', async () => {
    ctx.clock.set('2027-02-15T15:00:00.000Z');
    // H holds the lapsed stand's offer (the test before): H cannot come, and nobody is left for that stand
    const [offerForH] = await ctx.query<{ id: string }>(
      `SELECT o.id FROM market_offer o WHERE o.beneficiary_id = $1 AND o.declined_at IS NULL AND o.lapsed_at IS NULL`,
      [people[7].id],
    );
    expect(offerForH).toBeDefined();
    // E's stand (the last week) is cancelled: G, first on the waitlist without a stand, is offered it
    const slot = slotOf('2027-03-29');
    const res = await ctx.http
      .post(`/api/v1/market-slots/${slot.slotId}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Enfermedad' })
      .expect(200);
    expect(res.body.offeredTo).toBe(people[6].id);
    await worker.runOnce();
    const [offerG] = await peer.waitFor(1);
    const opened = await ctx.openForm(acceptPath(offerG));
    expect(opened.page.text).toContain('No puedo esa semana: liberar el puesto');
    peer.messages.splice(0);
    const declined = await opened.submit(`${acceptPath(offerG)}/rechazar`, {});
    expect(declined.status).toBe(200);
    expect(declined.text).toContain('Oferta rechazada');
    expect(declined.text).toContain('el puesto se ofrece a la siguiente persona de la lista de espera');
    expect(declined.text).not.toContain('Acepto el puesto');
    // H gets the offer now, not 48 hours later, and takes the stand from the link
    await worker.runOnce();
    const [offerH] = await peer.waitFor(1);
    expect(to(offerH)).toBe(people[7].email);
    expect(offerH.text).toContain('semana del 29-03-2027 al 04-04-2027');
    const accepted = await (await ctx.openForm(acceptPath(offerH))).submit(acceptPath(offerH), {});
    expect(accepted.text).toContain('El puesto es suyo');
    // G's link afterwards still says declined; pressing accept on it is refused, G holds no stand
    const again = await ctx.openForm(acceptPath(offerG));
    expect(again.page.text).toContain('Oferta rechazada');
    expect((await opened.submit(acceptPath(offerG), {})).status).toBe(410);
    expect(
      await ctx.query(
        `SELECT beneficiary_id AS "beneficiaryId" FROM market_slot WHERE month = '2027-03' AND week_starts_on = '2027-03-29' AND status = 'assigned'`,
      ),
    ).toEqual([{ beneficiaryId: people[7].id }]);

    // after its week, a stand is not cancelled (its attendance says what happened): 422, nothing written
    ctx.clock.set('2027-03-08T15:00:00.000Z');
    const over = await ctx.http
      .post(`/api/v1/market-slots/${slotOf('2027-03-01').slotId}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Tarde' })
      .expect(422);
    expect(problem(over)).toMatchObject({ code: 'WEEK_OVER' });
    expect(problem(over).detail).toContain('La semana del 01-03-2027 ya terminó');
    expect(await ctx.query(`SELECT status FROM market_slot WHERE id = $1`, [slotOf('2027-03-01').slotId])).toEqual([
      { status: 'assigned' },
    ]);
  });

  it('DOM-MKT-4: attendance is refused for a week that has not started and for bad statuses; a no-show counts in the next month’s order', async () => {
    ctx.clock.set('2027-03-02T15:00:00.000Z'); // Tuesday of the first week
    const first = slotOf('2027-03-01');
    const second = slotOf('2027-03-08');
    const notYet = await ctx.http
      .put(`/api/v1/market-slots/${second.slotId}/attendance`)
      .set(bearer(officer))
      .send({ status: 'attended' })
      .expect(422);
    expect(problem(notYet)).toMatchObject({ code: 'WEEK_NOT_STARTED' });
    expect(problem(notYet).detail).toBe(
      'La semana del 08-03-2027 todavía no comienza: la asistencia se marca desde ese día.',
    );
    const badStatus = await ctx.http
      .put(`/api/v1/market-slots/${first.slotId}/attendance`)
      .set(bearer(officer))
      .send({ status: 'present' })
      .expect(400);
    expect(problem(badStatus).errors?.[0].message).toContain('Indique la asistencia');
    await ctx.http
      .put(`/api/v1/market-slots/${first.slotId}/attendance`)
      .set(bearer(otherOfficer))
      .send({ status: 'no_show' })
      .expect(404);
    const cancelled = slotOf('2027-03-15');
    expect(
      problem(
        await ctx.http
          .put(`/api/v1/market-slots/${cancelled.slotId}/attendance`)
          .set(bearer(officer))
          .send({ status: 'attended' })
          .expect(409),
      ).code,
    ).toBe('SLOT_CANCELLED');
    expect((await ctx.query(`SELECT 1 FROM market_slot WHERE attendance IS NOT NULL`)).length).toBe(0);

    const marked = await ctx.http
      .put(`/api/v1/market-slots/${first.slotId}/attendance`)
      .set(bearer(officer))
      .send({ status: 'no_show' })
      .expect(200);
    expect(marked.body).toMatchObject({ slotId: first.slotId, attendance: 'no_show', weekStartsOn: '2027-03-01' });

    // April: A (one week, one no-show) applies first, B (one week, attended) later: B comes before A
    for (const p of [people[0], people[1]])
      await ctx.http
        .post(`/api/v1/market-venues/${venueId}/applications`)
        .set(bearer(officer))
        .send({ beneficiaryId: p.id, month: '2027-04' })
        .expect(201);
    const allocation = ctx.get<MarketAllocationService>(MarketAllocationService);
    const history = await allocation.history(venueId, '2027-04');
    expect(history.get(people[0].id)).toEqual({ weeksReceived12m: 1, noShows6m: 1 });
    expect(history.get(people[1].id)).toEqual({ weeksReceived12m: 1, noShows6m: 0 });
    const venue = (await ctx.get<MarketVenuesService>(MarketVenuesService).find(venueId)) as MarketVenue;
    const { placements } = await allocation.explain(venue, '2027-04');
    expect(placements.get(people[1].id)!.order).toBe(1);
    expect(placements.get(people[0].id)!.order).toBe(2);
    expect(placements.get(people[0].id)!.reason.why).toContain('1 inasistencia en los últimos 6 meses');
  });

  it('DOM-MKT-4: the officer marks attendance on a phone page (three large buttons per stand) and publishes from the venue page', async () => {
    const { agent, csrf } = await ctx.signIn(officerUser);
    // the venue page links the published month's operations; April (not published) offers the publish button
    const venuePage = await agent.get(`/semanas-de-venta/${venueId}?mes=2027-03`).expect(200);
    expect(venuePage.text).toContain(`href="/semanas-de-venta/${venueId}/asistencia?mes=2027-03"`);
    expect(venuePage.text).toContain(`href="/semanas-de-venta/${venueId}/programa.pdf?mes=2027-03"`);
    expect((await agent.get(`/semanas-de-venta/${venueId}?mes=2027-04`).expect(200)).text).toContain(
      'Publicar el mes y avisar por correo',
    );
    const page = await agent.get(`/semanas-de-venta/${venueId}/asistencia?mes=2027-03&semana=2027-03-08`).expect(200);
    expect(page.text).toContain('Puesto 1 · Negocio B');
    for (const label of ['Asistió', 'Justificó', 'No asistió']) expect(page.text).toContain(label);
    expect(page.text).toContain('touch-target'); // quorum.css: at least 44 px high (no inline styles under the CSP)
    expect(page.text).toContain('La semana del 08-03-2027 todavía no comienza');
    const path = `/semanas-de-venta/${venueId}/asistencia?mes=2027-03&semana=2027-03-08`;
    // too early: the page again with the refusal, nothing written
    const early = await agent
      .post(`/semanas-de-venta/${venueId}/asistencia/${slotOf('2027-03-08').slotId}`)
      .type('form')
      .send({ _csrf: await csrf(path), status: 'attended' })
      .expect(422);
    expect(early.text).toContain('todavía no comienza');
    // this week's stand: marked, back to the week
    const saved = await agent
      .post(`/semanas-de-venta/${venueId}/asistencia/${slotOf('2027-03-01').slotId}`)
      .type('form')
      .send({ _csrf: await csrf(path), status: 'excused' })
      .expect(303);
    expect(saved.headers.location).toBe(
      `/semanas-de-venta/${venueId}/asistencia?mes=2027-03&semana=2027-03-01&hecho=asistencia#puesto-1`,
    );
    const [marked] = await ctx.query<{ attendance: string }>(`SELECT attendance FROM market_slot WHERE id = $1`, [
      slotOf('2027-03-01').slotId,
    ]);
    expect(marked.attendance).toBe('excused');
    // publishing April from the venue page without a draft: back to the page with the reason
    const refused = await agent
      .post(`/semanas-de-venta/${venueId}/meses/2027-04/publicar`)
      .type('form')
      .send({ _csrf: await csrf(path) })
      .expect(303);
    expect(decodeURIComponent(refused.headers.location!)).toContain('todavía no tiene sorteo en borrador');
  });

  it('DOM-MKT-4: the month’s schedule PDF lists weeks, stands, businesses and categories, never a person', async () => {
    await ctx.http
      .get(`/api/v1/market-venues/${venueId}/schedule.pdf?month=2027-03`)
      .set(bearer(otherOfficer))
      .expect(404);
    const bad = await ctx.http
      .get(`/api/v1/market-venues/${venueId}/schedule.pdf?month=marzo`)
      .set(bearer(officer))
      .expect(400);
    expect(problem(bad).errors?.[0].field).toBe('month');
    const res = await ctx.http
      .get(`/api/v1/market-venues/${venueId}/schedule.pdf?month=2027-03`)
      .set(bearer(officer))
      .buffer(true)
      .parse(binaryBody)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const { text } = await pdfText(res.body as Buffer);
    for (const expected of [
      'Mall Espacio Urbano Melipilla',
      'Programa de marzo de 2027',
      'Semana del 01-03-2027 al 07-03-2027',
      'Semana del 15-03-2027 al 21-03-2027',
      'Negocio A',
      'Negocio F', // took the cancelled stand from the waitlist
      'Alimentos',
      'Artesanía',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Negocio C'); // cancelled
    expect(text).not.toContain('Emprendedora');
    expect(text).not.toContain('BORRADOR');
  });

  it('DOM-MKT-4: the public page of a published month shows business names and categories only, without signing in', async () => {
    const page = await ctx.http.get(`/semanas-de-venta/${venueId}/publico/2027-03`).expect(200);
    expect(page.text).toContain('Emprendedoras y emprendedores de marzo de 2027');
    expect(page.text).toContain('Negocio A');
    expect(page.text).toContain('(Alimentos)');
    expect(page.text).not.toContain('Emprendedora A');
    expect(page.text).not.toContain('@example.cl');
    const [person] = await ctx.query<{ document_number: string }>(`SELECT document_number FROM person WHERE id = $1`, [
      people[0].personId,
    ]);
    expect(page.text).not.toContain(person.document_number.slice(0, 6));
    // a month not published is not there
    await ctx.http.get(`/semanas-de-venta/${venueId}/publico/2027-04`).expect(404);
    await ctx.http.get(`/semanas-de-venta/${venueId}/publico/marzo`).expect(404);
  });

  it('Mis semanas: the entrepreneur sees their weeks and history and subscribes to a secret ICS feed that can be replaced and revoked', async () => {
    const user = await ctx.newUser({ personId: people[0].personId });
    const { agent, csrf } = await ctx.signIn(user);
    // the nav links "Mis semanas" for a user linked to a person, not for one without
    expect((await agent.get('/').expect(200)).text).toContain('href="/mis-semanas"');
    const page = await agent.get('/mis-semanas').expect(200);
    expect(page.text).toContain('Mall Espacio Urbano Melipilla');
    expect(page.text).toContain('Puesto 1 · semana del 01-03-2027 al 07-03-2027');
    const created = await agent
      .post('/mis-semanas/calendario')
      .type('form')
      .send({ _csrf: await csrf('/mis-semanas') })
      .expect(200);
    const url = /<code id="feed-url">([^<]+)<\/code>/.exec(created.text)![1];
    const feedPath = new URL(url).pathname;
    const [stored] = await ctx.query<{ token_hash: string }>(
      `SELECT token_hash FROM market_feed WHERE revoked_at IS NULL`,
    );
    expect(feedPath).not.toContain(stored.token_hash);
    const feed = await ctx.http
      .get(feedPath)
      .expect(200)
      .expect('Content-Type', /text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => [e.uid, e.startDate.toJSDate().toISOString()])).toEqual([
      [`market-slot-${slotOf('2027-03-01').slotId}@localhost`, '2027-03-01T03:00:00.000Z'],
    ]);
    // a new address replaces the old one; revoking stops the new one
    const again = await agent
      .post('/mis-semanas/calendario')
      .type('form')
      .send({ _csrf: await csrf('/mis-semanas') })
      .expect(200);
    await ctx.http.get(feedPath).expect(404);
    const second = new URL(/<code id="feed-url">([^<]+)<\/code>/.exec(again.text)![1]).pathname;
    await ctx.http.get(second).expect(200);
    await agent
      .post('/mis-semanas/calendario/revocar')
      .type('form')
      .send({ _csrf: await csrf('/mis-semanas') })
      .expect(200);
    await ctx.http.get(second).expect(404);
    // someone without a business: an explanation, and no feed to create
    const plainUser = await ctx.signIn(await ctx.newUser());
    expect((await plainUser.agent.get('/').expect(200)).text).not.toContain('href="/mis-semanas"');
    expect((await plainUser.agent.get('/mis-semanas').expect(200)).text).toContain('no está asociada a un negocio');
    await plainUser.agent
      .post('/mis-semanas/calendario')
      .type('form')
      .send({ _csrf: await plainUser.csrf('/mis-semanas') })
      .expect(403);
  });

  it('DOM-MKT-3: a stand whose week ends while its offer waits is offered to nobody when the offer lapses; a stand of a week still to come goes on down the waitlist', async () => {
    const assigned = async (week: string) =>
      (
        await ctx.query<{ id: string }>(
          `SELECT id FROM market_slot WHERE venue_id = $1 AND month = '2027-03' AND week_starts_on = $2 AND status = 'assigned'`,
          [venueId, week],
        )
      )[0].id;
    const offersFor = async (slotId: string) =>
      (await ctx.query<{ n: number }>(`SELECT count(*)::int AS n FROM market_offer WHERE slot_id = $1`, [slotId]))[0].n;
    // Saturday 20 March: the stands of the weeks of 29 and 15 March are cancelled, each offered to the waitlist
    ctx.clock.set('2027-03-20T15:00:00.000Z');
    const current = await ctx.apiToken(officerUser); // the suite's token, of 10 February, is past its 30 days
    const coming = await assigned('2027-03-29');
    const ending = await assigned('2027-03-15');
    // a ninth entrepreneur, waiting for March behind G
    const ninth = await enrol(current, 'I', 'Alimentos');
    // she had applied in time: on the waitlist since the allocation, behind G (applications close at publication)
    await ctx.query(
      `INSERT INTO market_waitlist (venue_id, month, beneficiary_id, position)
       SELECT $1, '2027-03', $2, max(position) + 1 FROM market_waitlist WHERE venue_id = $1 AND month = '2027-03'`,
      [venueId, ninth.id],
    );
    for (const slotId of [coming, ending]) {
      const res = await ctx.http
        .post(`/api/v1/market-slots/${slotId}/cancel`)
        .set(bearer(current))
        .send({ reason: 'Viaje' })
        .expect(200);
      expect(res.body.offeredTo).not.toBeNull();
    }
    await worker.runOnce();
    await peer.waitFor(2);
    peer.messages.splice(0);
    // Monday 22 March, past the 48 hours: both offers lapse; the week of 15 March is over
    ctx.clock.set('2027-03-22T16:00:00.000Z');
    await ctx.get<MarketOfferLapseJob>(MarketOfferLapseJob).run();
    const lapsed = await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM market_offer WHERE slot_id = ANY($1::uuid[]) AND lapsed_at IS NOT NULL`,
      [[coming, ending]],
    );
    expect(lapsed).toEqual([{ n: 2 }]);
    expect(await offersFor(ending)).toBe(1); // nobody else is offered a week that is over
    expect(await offersFor(coming)).toBe(2); // the next on the waitlist is offered the week still to come
    await worker.runOnce();
    const texts = (await peer.waitFor(1)).map((m) => m.text ?? '');
    expect(texts.filter((t) => t.includes('semana del 29-03-2027 al 04-04-2027'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('semana del 15-03-2027'))).toEqual([]);
  });
});
