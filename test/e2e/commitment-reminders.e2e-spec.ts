import { OutboxWorker } from '../../src/mail/outbox.worker';
import { TableBoardService } from '../../src/tables/table-board.service';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';
import { testDatabaseKind } from '../support/test-database';
import { bearer } from '../support/api-problem';
import { newSecurityCouncil } from '../support/table-fixtures';

const addressOf = (m: { to?: unknown }) => (m.to as { value: { address: string }[] }).value[0].address;

/**
 * DOM-TBL-3: the owners' contacts get a reminder N days before the due date and N days after it while still open
 * (REMINDER_DAYS_BEFORE, REMINDER_DAYS_AFTER), at most once per window: with two workers at once, after a
 * restart, and however often the job runs. Read from a real SMTP peer.
 */
describe('commitment reminders', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  let second: TestContext | null = null;
  /** Reminders 3 days before the due date and 2 after it, mail through the peer only when the test runs the worker. */
  const env = () => ({
    SMTP_URL: peer.url,
    MAIL_WORKER: 'false',
    REMINDER_DAYS_BEFORE: '3',
    REMINDER_DAYS_AFTER: '2',
    PUBLIC_URL: 'https://quorum.example.cl',
  });

  beforeAll(async () => {
    peer = await SmtpPeer.start();
    ctx = await createTestApp({ env: env() });
  });
  afterAll(async () => {
    if (second) await second.close({ keepDatabase: true });
    await ctx.close();
    await peer.stop();
  });

  it("DOM-TBL-3: reminders go once per window to the owners' contacts, with two workers, across a restart, and again only in the next window", async () => {
    if (testDatabaseKind() === 'postgres')
      second = await createTestApp({
        database: ctx.db,
        env: { SMTP_URL: peer.url, MAIL_WORKER: 'false', REMINDER_DAYS_BEFORE: '3', REMINDER_DAYS_AFTER: '2' },
        now: ctx.clock.now(),
      });
    const officer = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    // the liaison's address typed in capitals: the reminder goes to it in lower case
    const { tableId, add, comisario, pdi } = await newSecurityCouncil(ctx, officer, 'Enlace@Carabineros.example.cl');
    await add({ institutionId: pdi.institutionId, name: 'Subinspectora', email: 'subinspectora@pdi.example.cl' });
    const muni = await add({
      institutionName: 'Municipalidad de La Serena',
      institutionKind: 'municipality',
      name: 'Secretaria ejecutiva',
      councilSeat: 'executive_secretary',
    }); // no e-mail
    const session = (
      await ctx.http
        .post(`/api/v1/tables/${tableId}/meetings`)
        .set(bearer(officer))
        .send({ localStart: '2026-03-02T10:00', place: 'Municipalidad' })
        .expect(201)
    ).body.id;
    // the test clock is 2026-03-17 (Santiago)
    await ctx.http
      .put(`/api/v1/meetings/${session}/minutes`)
      .set(bearer(officer))
      .send({
        commitments: [
          { description: 'Rondas en O’Higgins', ownerInstitutionId: comisario.institutionId, dueOn: '2026-03-19' }, // before window (from the 16th): both Carabineros contacts
          { description: 'Informe de robos', ownerParticipantId: pdi.id, dueOn: '2026-03-14' }, // after window (from the 16th): the inspector only
          { description: 'Luminarias', ownerInstitutionId: muni.institutionId, dueOn: '2026-03-18' }, // no contact with e-mail
          { description: 'Cámaras', ownerInstitutionId: comisario.institutionId, dueOn: '2026-03-30' }, // not yet (from the 27th)
          { description: 'Patrullaje nocturno', ownerInstitutionId: pdi.institutionId, dueOn: '2026-03-18' }, // done: none
        ],
      })
      .expect(200);
    const [{ id: done }] = await ctx.query<{ id: string }>(
      `SELECT id FROM commitment WHERE description = 'Patrullaje nocturno'`,
    );
    await ctx.http
      .post(`/api/v1/commitments/${done}/updates`)
      .set(bearer(officer))
      .send({ status: 'done', note: 'Hecho' })
      .expect(201);

    // two workers at once (the second started before the commitments existed, so its start-up run found nothing):
    // on PostgreSQL a second instance with its own pool; embedded, the same service twice (one connection, interleaved)
    const board = ctx.get<TableBoardService>(TableBoardService);
    const other = second ? second.get<TableBoardService>(TableBoardService) : board;
    const [a, b] = await Promise.all([board.queueReminders(), other.queueReminders()]);
    expect(a + b).toBe(3);
    await ctx.get<OutboxWorker>(OutboxWorker).runOnce();
    await peer.waitFor(3);
    expect(peer.messages.map((m) => [addressOf(m), m.subject]).sort()).toEqual([
      [
        'comisario@carabineros.example.cl',
        'Recordatorio: compromiso con plazo el 19-03-2026 (Consejo comunal de seguridad pública de La Serena)',
      ],
      [
        'enlace@carabineros.example.cl',
        'Recordatorio: compromiso con plazo el 19-03-2026 (Consejo comunal de seguridad pública de La Serena)',
      ],
      [
        'inspector@pdi.example.cl',
        'Compromiso vencido el 14-03-2026 (Consejo comunal de seguridad pública de La Serena)',
      ],
    ]);
    expect(peer.messages.find((m) => addressOf(m) === 'inspector@pdi.example.cl')!.text).toContain('Informe de robos');

    // run again, and after a restart on the same database: nothing more
    expect(await board.queueReminders()).toBe(0);
    await ctx.close({ keepDatabase: true });
    ctx = await createTestApp({ database: ctx.db, env: env() });
    expect(await ctx.get<TableBoardService>(TableBoardService).queueReminders()).toBe(0);

    // the 21st: Carabineros' rounds are two days overdue (the after window), the cameras not yet in theirs
    ctx.clock.set('2026-03-21T15:00:00Z');
    expect(await ctx.get<TableBoardService>(TableBoardService).queueReminders()).toBe(2);
    expect(await ctx.get<TableBoardService>(TableBoardService).queueReminders()).toBe(0);
    await ctx.get<OutboxWorker>(OutboxWorker).runOnce();
    await peer.waitFor(5);
    expect(peer.messages.slice(3).map((m) => m.subject)).toEqual([
      'Compromiso vencido el 19-03-2026 (Consejo comunal de seguridad pública de La Serena)',
      'Compromiso vencido el 19-03-2026 (Consejo comunal de seguridad pública de La Serena)',
    ]);
    expect(await ctx.query(`SELECT count(*)::int AS n FROM outbox_message WHERE kind = 'commitment-reminder'`)).toEqual(
      [{ n: 5 }],
    );
  });
});
