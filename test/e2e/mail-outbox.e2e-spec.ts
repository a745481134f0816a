import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DocumentStore } from '../../src/documents/document-store.service';
import { PdfRenderer } from '../../src/documents/pdf-renderer';
import { SmtpMailTransport } from '../../src/mail/mail-transport';
import { OutboxRepository } from '../../src/mail/outbox.repository';
import { MailService } from '../../src/mail/mail.service';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';
import { appWithMailPeer } from '../support/mail-app';
import { testDatabaseKind } from '../support/test-database';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('mail through the outbox', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  let mail: MailService;
  let worker: OutboxWorker;

  beforeAll(async () => {
    // the test drives the worker with runOnce() instead of the timer
    ({ peer, ctx } = await appWithMailPeer({ MAIL_MAX_ATTEMPTS: '3', PUBLIC_URL: 'https://quorum.example.cl' }));
    mail = ctx.get(MailService);
    worker = ctx.get(OutboxWorker);
  });
  afterAll(async () => {
    await ctx.close();
    await peer.stop();
  });
  beforeEach(() => peer.messages.splice(0));

  const notice = (
    dedupeKey: string,
    to = 'socia@example.cl',
    extra: Partial<Parameters<MailService['enqueue']>[0]> = {},
    em?: EntityManager,
  ) =>
    mail.enqueue(
      {
        template: 'test-notice',
        to: { address: to, name: 'Ana Muñoz & Cía' },
        context: { organisation: 'Barrio Patrimonial La Serena', note: 'Reunión el martes <19:30>' },
        dedupeKey,
        ...extra,
      },
      em ?? ctx.dataSource.manager,
    );

  it('delivers a queued mail to a real SMTP peer with HTML and text parts and a PDF whose bytes match', async () => {
    const renderer = ctx.get<PdfRenderer>(PdfRenderer);
    const document = await ctx.get<DocumentStore>(DocumentStore).issue(
      {
        kind: 'minutes',
        ownerType: 'meeting',
        ownerId: 'm1',
        subject: 'Acta N° 1',
        filename: 'acta-1.pdf',
        render: (verification) =>
          renderer.render({
            organisation: { name: 'Barrio Patrimonial La Serena' },
            title: 'Acta N° 1',
            blocks: [],
            verification,
          }),
      },
      ctx.dataSource.manager,
    );
    const inline = await renderer.render({
      organisation: { name: 'Org' },
      title: 'Anexo',
      blocks: [{ type: 'paragraph', text: 'Anexo con ñandú' }],
    });
    await ctx.dataSource.transaction((em) =>
      notice(
        'delivery-1',
        'socia@example.cl',
        {
          attachments: [
            { filename: 'acta-sesión-1.pdf', documentId: document.id },
            { filename: 'anexo.pdf', contentType: 'application/pdf', content: inline },
          ],
          calendarEvent: {
            uid: 'meeting-1@quorum',
            title: 'Sesión ordinaria',
            location: 'Sede social',
            start: new Date('2026-03-17T22:30:00Z'),
            end: new Date('2026-03-18T00:00:00Z'),
            organizer: { name: 'Barrio Patrimonial La Serena', email: 'directiva@example.cl' },
          },
        },
        em,
      ),
    );
    expect(await worker.runOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    const [received] = await peer.waitFor(1);
    expect(received.subject).toBe('Prueba de correo de Quórum para Barrio Patrimonial La Serena');
    expect(received.to).toMatchObject({ value: [{ address: 'socia@example.cl', name: 'Ana Muñoz & Cía' }] });
    expect(received.text).toContain('Hola, Ana Muñoz & Cía:');
    expect(received.text).toContain('Reunión el martes <19:30>'); // plain text is not HTML-escaped
    expect(received.text).toContain('https://quorum.example.cl'); // shared text footer
    expect(received.html).toContain('Hola, Ana Muñoz &amp; Cía:'); // HTML is
    expect(received.html).toContain('Reunión el martes &lt;19:30&gt;');
    expect(received.html).toContain('Mensaje enviado por Quórum'); // shared header/footer partials
    const byName = Object.fromEntries(received.attachments.map((a) => [a.filename, a]));
    expect(sha(byName['acta-sesión-1.pdf'].content)).toBe(document.sha256);
    expect(sha(byName['anexo.pdf'].content)).toBe(sha(inline));
    const ics = byName['invitacion.ics'].content.toString('utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('DTSTART:20260317T223000Z');
    expect(ics).toContain('UID:meeting-1@quorum');
    expect(ics).toContain('ORGANIZER;CN="Barrio Patrimonial La Serena":MAILTO:directiva@example.cl');
    const [row] = await ctx.query(
      `SELECT attempts, sent_at IS NOT NULL AS sent, last_error FROM outbox_message WHERE dedupe_key = 'delivery-1'`,
    );
    expect(row).toEqual({ attempts: 1, sent: true, last_error: null });
  });

  it('refuses an invalid recipient address with INVALID_EMAIL (422) and queues nothing', async () => {
    const before = await ctx.count('outbox_message');
    await expect(notice('bad-address', 'no es un correo')).rejects.toMatchObject({
      code: 'INVALID_EMAIL',
      status: 422,
    });
    expect(await ctx.count('outbox_message')).toBe(before);
  });

  it('queues a message once per dedupe key, and not at all when the business transaction rolls back', async () => {
    expect(await notice('once')).toBe(true);
    expect(await notice('once')).toBe(false);
    await expect(
      ctx.dataSource.transaction(async (em) => {
        await mail.enqueue(
          {
            template: 'test-notice',
            to: { address: 'x@example.cl' },
            context: { organisation: 'X', note: '' },
            dedupeKey: 'rolled-back',
          },
          em,
        );
        throw new Error('falló la aprobación');
      }),
    ).rejects.toThrow('falló la aprobación');
    expect(
      await ctx.query(`SELECT dedupe_key FROM outbox_message WHERE dedupe_key IN ('once', 'rolled-back')`),
    ).toEqual([{ dedupe_key: 'once' }]);
    await worker.runOnce();
    expect((await peer.waitFor(1)).length).toBe(1);
  });

  it('queues many at once: each dedupe key once (even twice in one batch), a bad address left out and returned, the rest sent', async () => {
    expect(await notice('bulk-1')).toBe(true); // already queued before the batch
    const request = (key: string, address = `${key}@example.cl`) => ({
      template: 'test-notice',
      to: { address, name: 'Socia' },
      context: { organisation: 'Barrio Patrimonial La Serena', note: key },
      dedupeKey: key,
    });
    const result = await ctx.dataSource.transaction((em) =>
      mail.enqueueMany(
        [
          request('bulk-1'),
          request('bulk-2'),
          request('bulk-2'),
          request('bulk-3', 'no es un correo'),
          request('bulk-4'),
        ],
        em,
      ),
    );
    expect(result).toEqual({ queued: 2, invalid: ['no es un correo'] });
    expect(
      await ctx.query(`SELECT dedupe_key FROM outbox_message WHERE dedupe_key LIKE 'bulk-%' ORDER BY dedupe_key`),
    ).toEqual([{ dedupe_key: 'bulk-1' }, { dedupe_key: 'bulk-2' }, { dedupe_key: 'bulk-4' }]);
    await worker.runOnce();
    const sent = await peer.waitFor(3);
    expect(sent.map((m) => m.text).some((t) => t?.includes('bulk-4'))).toBe(true);
  });

  it('keeps the mail queued while SMTP is down and sends it exactly once when it is back', async () => {
    await peer.stop();
    await notice('outage');
    const down = await worker.runOnce();
    expect(down).toEqual({ claimed: 1, sent: 0, failed: 1 });
    const [queued] = await ctx.query<{ attempts: number; sent: boolean; last_error: string; next_attempt_at: Date }>(
      `SELECT attempts, sent_at IS NOT NULL AS sent, last_error, next_attempt_at FROM outbox_message WHERE dedupe_key = 'outage'`,
    );
    expect(queued).toMatchObject({ attempts: 1, sent: false });
    expect(queued.last_error).toMatch(/ECONNREFUSED/);
    // not due yet: the retry waits for its backoff (30 s after the first failure)
    await peer.restart();
    expect(await worker.runOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    ctx.clock.advance(31_000);
    expect(await worker.runOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    ctx.clock.advance(3_600_000);
    expect(await worker.runOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    await new Promise((r) => setTimeout(r, 200));
    expect(peer.messages.map((m) => m.subject)).toHaveLength(1);
  });

  it('loses nothing when a worker dies after claiming: the lease runs out and another worker sends it', async () => {
    await notice('orphaned');
    // a worker claims the row and is killed before sending (nothing but the claim happened)
    const outbox = ctx.get<OutboxRepository>(OutboxRepository);
    const claimed = await outbox.claimNext(
      ctx.clock.now(),
      120_000,
      '00000000-0000-4000-8000-000000000001',
      3,
      new Date(ctx.clock.now().getTime() + 120_000),
    );
    expect(claimed?.dedupeKey).toBe('orphaned');
    expect(await worker.runOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 }); // leased: nobody else takes it
    ctx.clock.advance(121_000);
    expect(await worker.runOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect((await peer.waitFor(1)).map((m) => m.subject)).toHaveLength(1);
    const [row] = await ctx.query(
      `SELECT attempts, sent_at IS NOT NULL AS sent FROM outbox_message WHERE dedupe_key = 'orphaned'`,
    );
    expect(row).toEqual({ attempts: 2, sent: true });
    // the dead worker's claim is void: had it woken up, it could not overwrite the outcome
    expect(
      await outbox.markFailedAttempt(
        claimed!.id,
        '00000000-0000-4000-8000-000000000001',
        'late',
        ctx.clock.now(),
        ctx.clock.now(),
      ),
    ).toBe(false);
    expect(await outbox.markSent(claimed!.id, ctx.clock.now(), null)).toBe(false); // already recorded as sent
    const [after] = await ctx.query(`SELECT failed_at, last_error FROM outbox_message WHERE dedupe_key = 'orphaned'`);
    expect(after).toEqual({ failed_at: null, last_error: null });
  });

  it('stops retrying a message whose sends keep dying (crash loop) after MAIL_MAX_ATTEMPTS, without sending it', async () => {
    await notice('crash-loop');
    const outbox = ctx.get<OutboxRepository>(OutboxRepository);
    for (let i = 0; i < 3; i++) {
      // claimed, then the process dies: no outcome is ever recorded
      const now = ctx.clock.now();
      expect(
        (
          await outbox.claimNext(
            now,
            120_000,
            `00000000-0000-4000-8000-00000000000${i}`,
            3,
            new Date(now.getTime() + 120_000),
          )
        )?.dedupeKey,
      ).toBe('crash-loop');
      ctx.clock.advance(121_000);
    }
    expect(await worker.runOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    const [row] = await ctx.query(
      `SELECT attempts, failed_at IS NOT NULL AS failed, sent_at FROM outbox_message WHERE dedupe_key = 'crash-loop'`,
    );
    expect(row).toEqual({ attempts: 3, failed: true, sent_at: null });
    expect(peer.messages).toHaveLength(0);
  });

  it('gives up after MAIL_MAX_ATTEMPTS and shows it as failed', async () => {
    await peer.stop();
    await notice('gives-up');
    for (let i = 0; i < 3; i++) {
      await worker.runOnce();
      ctx.clock.advance(3_600_000);
    }
    expect(await worker.runOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    const [row] = await ctx.query(
      `SELECT attempts, failed_at IS NOT NULL AS failed FROM outbox_message WHERE dedupe_key = 'gives-up'`,
    );
    expect(row).toEqual({ attempts: 3, failed: true });
    await peer.restart();
  });

  it('with SMTP down and two workers running, every message waits and then goes out exactly once', async () => {
    await peer.stop();
    for (let i = 0; i < 30; i++) await notice(`concurrent-${i}`, `socio${i}@example.cl`);
    let second: TestContext | null = null;
    let otherWorker: OutboxWorker;
    if (testDatabaseKind() === 'postgres') {
      // a second app instance with its own pool on the same database: real concurrency
      second = await createTestApp({
        database: ctx.db,
        env: { SMTP_URL: peer.url, MAIL_WORKER: 'false' },
        now: ctx.clock.now(),
      });
      otherWorker = second.get(OutboxWorker);
    } else {
      // the embedded database has one connection: a second worker shares it, claims still interleave
      otherWorker = new OutboxWorker(
        ctx.get(OutboxRepository),
        ctx.get(DocumentStore),
        ctx.clock,
        new SmtpMailTransport(peer.url),
        ctx.config,
      );
    }
    try {
      // down: both workers try, nothing is lost or sent, every message is retried later
      const [downA, downB] = await Promise.all([worker.runOnce(), otherWorker.runOnce()]);
      expect(downA.claimed + downB.claimed).toBe(30);
      expect(downA.sent + downB.sent).toBe(0);
      const [{ waiting }] = await ctx.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM outbox_message WHERE dedupe_key LIKE 'concurrent-%' AND sent_at IS NULL AND failed_at IS NULL AND attempts = 1`,
      );
      expect(waiting).toBe(30);
      // back: after the backoff both workers send, each message once
      await peer.restart();
      ctx.clock.advance(31_000);
      second?.clock.advance(31_000);
      const [a, b] = await Promise.all([worker.runOnce(), otherWorker.runOnce()]);
      expect(a.sent + b.sent).toBe(30);
      expect(a.failed + b.failed).toBe(0);
      expect(a.claimed).toBeGreaterThan(0); // both workers really took part
      expect(b.claimed).toBeGreaterThan(0);
      await peer.waitFor(30);
      await new Promise((r) => setTimeout(r, 300));
      const recipients = peer.messages.map((m) => (m.to as { value: { address: string }[] }).value[0].address).sort();
      expect(recipients).toHaveLength(30);
      expect(new Set(recipients).size).toBe(30);
    } finally {
      if (second) await second.close({ keepDatabase: true });
      else await otherWorker.onModuleDestroy();
    }
  });
});

describe('the outbox worker in the running app', () => {
  it('sends queued mail on its own every MAIL_POLL_MS, and stops with the app', async () => {
    const peer = await SmtpPeer.start();
    const ctx = await createTestApp({ env: { SMTP_URL: peer.url, MAIL_POLL_MS: '200' } });
    try {
      await ctx.get<MailService>(MailService).enqueue(
        {
          template: 'test-notice',
          to: { address: 'vecina@example.cl' },
          context: { organisation: 'JJVV Las Compañías', note: 'hola' },
          dedupeKey: 'timer-1',
        },
        ctx.dataSource.manager,
      );
      const [received] = await peer.waitFor(1, 10_000);
      expect(received.subject).toBe('Prueba de correo de Quórum para JJVV Las Compañías');
    } finally {
      await ctx.close({ keepDatabase: true });
    }
    // after shutdown nothing is sent any more
    const before = peer.messages.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(peer.messages.length).toBe(before);
    await ctx.db.drop();
    await peer.stop();
  });
});
