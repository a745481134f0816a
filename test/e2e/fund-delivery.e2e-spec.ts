import ICAL from 'ical.js';
import { FundDeliveryService } from '../../src/events/funds/fund-delivery.service';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';
import { testDatabaseKind } from '../support/test-database';
import { bearer } from '../support/api-problem';

const addressOf = (m: { to?: unknown }) => (m.to as { value: { address: string }[] }).value[0].address;
const ENV = { MAIL_WORKER: 'false', PUBLIC_URL: 'http://quorum.example.cl', FUND_REMINDER_DAYS: '7,1' };

/**
 * DOM-FND-3 (issue 18 items 4 and 5): when a call opens, one mail per officer address of its eligible associations;
 * before it closes (7 and 1 days) one reminder per window and address to subscribers and to the officers of
 * associations preparing an application: with two instances at once and after a restart, read on a real SMTP peer.
 * The ICS feed parsed with ical.js; a revoked address answers 404.
 */
describe('fund delivery', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  let second: TestContext | null = null;
  let callId: string;
  let officerToken: string;
  let associationId: string;
  let presidentUser: { id: string; email: string; password: string };

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    ctx = await createTestApp({ env: { ...ENV, SMTP_URL: peer.url, LOGIN_RATE_LIMIT: '1000' } });
  });
  afterAll(async () => {
    if (second) await second.close({ keepDatabase: true });
    await ctx.close();
    await peer.stop();
  });

  it('one opening mail per address, one reminder per window and address, with two instances and across a restart', async () => {
    if (testDatabaseKind() === 'postgres')
      second = await createTestApp({ database: ctx.db, env: { ...ENV, SMTP_URL: peer.url }, now: ctx.clock.now() });
    const admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
    const junta = await ctx.newAssociation({ name: 'Junta de Vecinos Villa Esperanza' });
    const club = await ctx.newAssociation({ name: 'Club Deportivo Las Compañías' });
    associationId = junta.id;
    const president = await ctx.newUser({
      email: 'presidenta@villaesperanza.cl',
      roles: [
        ['association_officer', junta.id],
        ['association_officer', club.id],
      ],
    });
    await ctx.newUser({ email: 'tesorero@villaesperanza.cl', roles: [['association_officer', junta.id]] });
    officerToken = await ctx.apiToken(president);
    presidentUser = president;
    const follower = await ctx.newUser({ email: 'vecina@example.cl' });
    // Melipilla's association is outside the regional call's territory: no mail
    const melipilla = await ctx.newAssociation({ name: 'Junta de Vecinos Pomaire', communeCode: '13501' });
    await ctx.newUser({ email: 'pomaire@example.cl', roles: [['association_officer', melipilla.id]] });

    // opened an hour ago (now is 17 March 12:00 in Santiago), closes on the 25th at 17:00
    const call = await ctx.http
      .post('/api/v1/fund-calls')
      .set(bearer(admin))
      .send({
        institutionName: 'Gobierno Regional de Coquimbo',
        name: 'FNDR Seguridad Ciudadana Coquimbo 2026',
        year: 2026,
        scope: 'regional',
        regionCodes: ['04'],
        category: 'security',
        targetApplicant: 'organizations',
        opensAt: '2026-03-17T11:00',
        closesAt: '2026-03-25T17:00',
        amountMaxClp: 8_000_000,
      })
      .expect(201);
    callId = call.body.id;
    await ctx.http
      .post(`/api/v1/fund-calls/${callId}/subscription`)
      .set(bearer(await ctx.apiToken(follower)))
      .expect(201);

    const delivery = ctx.get<FundDeliveryService>(FundDeliveryService);
    const other = second ? second.get<FundDeliveryService>(FundDeliveryService) : delivery;
    await Promise.all([delivery.run(), other.run()]);
    await ctx.get<OutboxWorker>(OutboxWorker).runOnce();
    await peer.waitFor(2);
    expect(peer.messages.map((m) => [addressOf(m), m.subject]).sort()).toEqual([
      [
        'presidenta@villaesperanza.cl',
        'Abrió el fondo FNDR Seguridad Ciudadana Coquimbo 2026: cierra el 25-03-2026 17:00',
      ],
      [
        'tesorero@villaesperanza.cl',
        'Abrió el fondo FNDR Seguridad Ciudadana Coquimbo 2026: cierra el 25-03-2026 17:00',
      ],
    ]);
    const toPresident = peer.messages.find((m) => addressOf(m) === 'presidenta@villaesperanza.cl')!;
    expect(toPresident.text).toContain('Club Deportivo Las Compañías, Junta de Vecinos Villa Esperanza');
    expect(toPresident.text).toContain(`http://quorum.example.cl/fondos/${callId}`);

    // a restart on the same database runs the job again at start, and once more by hand: nothing more
    await ctx.close({ keepDatabase: true });
    ctx = await createTestApp({ database: ctx.db, env: { ...ENV, SMTP_URL: peer.url, LOGIN_RATE_LIMIT: '1000' } });
    await ctx.get<FundDeliveryService>(FundDeliveryService).run();
    const count = async (kind: string) =>
      (await ctx.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_message WHERE kind = $1`, [kind]))[0].n;
    expect(await count('fund-call-opened')).toBe(2);
    expect(await count('fund-call-reminder')).toBe(0);

    // the club prepares an application: its officer gets the reminders too
    await ctx.http
      .post(`/api/v1/fund-calls/${callId}/applications`)
      .set(bearer(await ctx.apiToken(president)))
      .send({ associationId: club.id, amountRequestedClp: 5_000_000 })
      .expect(201);

    // 18 March 17:00 local (-03): seven days before the close
    for (const at of ['2026-03-18T19:59:00Z', '2026-03-18T20:00:00Z']) {
      ctx.clock.set(at);
      second?.clock.set(at);
      const service = ctx.get<FundDeliveryService>(FundDeliveryService);
      await Promise.all([
        service.run(),
        (second ? second.get<FundDeliveryService>(FundDeliveryService) : service).run(),
      ]);
    }
    expect(await count('fund-call-reminder')).toBe(2);
    await ctx.get<OutboxWorker>(OutboxWorker).runOnce();
    await peer.waitFor(4);
    expect(
      peer.messages
        .slice(2)
        .map((m) => [addressOf(m), m.subject])
        .sort(),
    ).toEqual([
      [
        'presidenta@villaesperanza.cl',
        'Quedan 7 días para el cierre de FNDR Seguridad Ciudadana Coquimbo 2026 (25-03-2026 17:00)',
      ],
      [
        'vecina@example.cl',
        'Quedan 7 días para el cierre de FNDR Seguridad Ciudadana Coquimbo 2026 (25-03-2026 17:00)',
      ],
    ]);

    // the day before: the 1-day window, once
    ctx.clock.set('2026-03-24T20:30:00Z');
    await ctx.get<FundDeliveryService>(FundDeliveryService).run();
    await ctx.get<FundDeliveryService>(FundDeliveryService).run();
    expect(await count('fund-call-reminder')).toBe(4);
    await ctx.get<OutboxWorker>(OutboxWorker).runOnce();
    await peer.waitFor(6);
    expect(peer.messages.slice(4).map((m) => m.subject)).toEqual([
      'Mañana cierra FNDR Seguridad Ciudadana Coquimbo 2026 (25-03-2026 17:00)',
      'Mañana cierra FNDR Seguridad Ciudadana Coquimbo 2026 (25-03-2026 17:00)',
    ]);
    // closed: nothing more
    ctx.clock.set('2026-03-25T20:00:00Z');
    await ctx.get<FundDeliveryService>(FundDeliveryService).run();
    expect(await count('fund-call-reminder')).toBe(4);
    ctx.clock.set('2026-03-17T15:00:00Z');
  });

  it('the ICS feed: a secret address per user or association, each call from open to close with an alarm, parsed with ical.js; revoked → 404', async () => {
    officerToken = await ctx.apiToken(presidentUser);
    const created = await ctx.http
      .post('/api/v1/fund-feeds')
      .set(bearer(officerToken))
      .send({ associationId })
      .expect(201);
    expect(created.body.webcalUrl).toMatch(/^webcal:\/\/quorum\.example\.cl\/fondos\/calendario\/[\w-]+\.ics$/);
    const path = new URL(created.body.url).pathname;
    const token = path
      .split('/')
      .pop()!
      .replace(/\.ics$/, '');
    const [stored] = await ctx.query<{ token_hash: string }>(`SELECT token_hash FROM fund_feed WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token);

    const res = await ctx.http.get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => ({ vevent: v, event: new ICAL.Event(v) }));
    const fndr = events.find((e) => e.event.summary.startsWith('FNDR Seguridad Ciudadana Coquimbo 2026'))!;
    expect(fndr.event.startDate.toJSDate().toISOString()).toBe('2026-03-17T14:00:00.000Z');
    expect(fndr.event.endDate.toJSDate().toISOString()).toBe('2026-03-25T20:00:00.000Z');
    const alarm = fndr.vevent.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-P1D');

    // another association's officer cannot make (or learn) this association's address
    const stranger = await ctx.apiToken(
      await ctx.newUser({ roles: [['association_officer', (await ctx.newAssociation({ name: 'Otra' })).id]] }),
    );
    await ctx.http.post('/api/v1/fund-feeds').set(bearer(stranger)).send({ associationId }).expect(404);
    await ctx.http.delete(`/api/v1/fund-feeds/${created.body.id}`).set(bearer(stranger)).expect(404);

    await ctx.http.delete(`/api/v1/fund-feeds/${created.body.id}`).set(bearer(officerToken)).expect(200);
    const revoked = await ctx.http.get(path).expect(404);
    expect(revoked.text).toContain('revocada');
    await ctx.http.get('/fondos/calendario/abcdefghijklmnopqrstuvwxyz0123.ics').expect(404);

    // a user's own feed through the page: shown once with its webcal link; the call they follow is in it
    const { agent, csrf } = await ctx.signIn({ email: 'vecina@example.cl', password: 'clave-de-prueba-123' });
    const call = await agent.get(`/fondos/${callId}`).expect(200);
    expect(call.text).toContain('Dejar de recibir avisos');
    await agent.get('/mis-fondos').expect(200);
    const page = await agent
      .post('/mis-fondos')
      .type('form')
      .send({ _csrf: await csrf('/mis-fondos'), action: 'create' })
      .expect(200);
    const webcal = /href="webcal:\/\/quorum\.example\.cl(\/fondos\/calendario\/[\w-]+\.ics)" id="webcal-link"/.exec(
      page.text,
    );
    expect(webcal).not.toBeNull();
    const own = await ctx.http.get(webcal![1]).expect(200);
    expect(own.text).toContain('FNDR Seguridad Ciudadana Coquimbo 2026');
    const again = await agent.get('/mis-fondos').expect(200);
    expect(again.text).not.toContain(webcal![1]);
  });
});
