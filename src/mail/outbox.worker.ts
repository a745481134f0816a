import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DocumentStore } from '../documents/document-store.service';
import type { OutboxMessage } from './entities/outbox-message.entity';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { OutboxRepository } from './outbox.repository';

/** Longer than the worst single send (10 s connect + 10 s greeting + 30 s socket timeouts). */
const LEASE_MS = 120_000;
/** Messages one run sends at most before it yields to the next timer tick. */
const MAX_PER_RUN = 50;
/** How long shutdown waits for the send in progress before it lets go (its lease then expires). */
const SHUTDOWN_WAIT_MS = 5_000;
/** A hard limit on one send, well inside the lease (Nodemailer's socket timeout is per response, not total). */
const SEND_DEADLINE_MS = 60_000;

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min ... capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface OutboxRunResult {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * Sends queued mail. Any number of workers (one per app instance) may run: each claims one due row at a time
 * with `FOR UPDATE SKIP LOCKED`, a lease and a claim token, so a message goes to one worker at a time and only
 * that worker records its outcome. A failed send is retried
 * with exponential backoff until MAIL_MAX_ATTEMPTS, recording the attempts and the last error.
 * Without SMTP configured nothing is sent: messages stay readable at /admin/outbox.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<OutboxRunResult> | null = null;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.transport !== null;
  }

  onApplicationBootstrap(): void {
    if (!this.transport || !this.config.mail.worker) return;
    this.timer = setInterval(
      () => void this.runOnce().catch((err) => this.logger.error({ err }, 'outbox run failed')),
      this.config.mail.pollMs,
    );
    this.timer.unref();
  }

  /**
   * Stops polling and waits (at most SHUTDOWN_WAIT_MS) for the one send in progress; no further message is
   * claimed. A send still running after that is abandoned: its lease expires and another worker retries it.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)));
      await Promise.race([this.running.catch(() => undefined), timeout]);
      clearTimeout(timer);
    }
    this.transport?.close();
  }

  /** One pass: claim what is due and send it. Runs are serialised within a worker. */
  runOnce(): Promise<OutboxRunResult> {
    if (!this.transport || this.stopped) return Promise.resolve({ claimed: 0, sent: 0, failed: 0 });
    if (this.running) return this.running;
    this.running = this.run(this.transport).finally(() => (this.running = null));
    return this.running;
  }

  private async run(transport: MailTransport): Promise<OutboxRunResult> {
    const result: OutboxRunResult = { claimed: 0, sent: 0, failed: 0 };
    await this.outbox.failExhausted(this.clock.now(), this.config.mail.maxAttempts);
    while (!this.stopped && result.claimed < MAX_PER_RUN) {
      const claimToken = randomUUID();
      const now = this.clock.now();
      const message = await this.outbox.claimNext(
        now,
        LEASE_MS,
        claimToken,
        this.config.mail.maxAttempts,
        new Date(now.getTime() + LEASE_MS),
      );
      if (!message) break;
      result.claimed++;
      if (await this.sendOne(transport, message, claimToken)) result.sent++;
      else result.failed++;
    }
    return result;
  }

  private async sendOne(transport: MailTransport, message: OutboxMessage, claimToken: string): Promise<boolean> {
    let messageId: string | null;
    try {
      const attachments = await Promise.all(
        message.attachments.map(async (a) =>
          'documentId' in a
            ? await this.documents
                .content(a.documentId)
                .then((d) => ({ filename: a.filename, contentType: d.contentType, content: d.content }))
            : { filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') },
        ),
      );
      const host = new URL(this.config.publicUrl).hostname || 'quorum.local';
      const send = transport.send({
        from: this.config.mailFrom,
        to: { address: message.toAddress, name: message.toName },
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments,
        // The same Message-ID on every attempt lets receiving servers drop a duplicate after a crash mid-send.
        messageId: `<${message.id}@${host}>`,
        headers: { 'X-Quorum-Kind': message.kind },
      });
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`el envío superó ${SEND_DEADLINE_MS / 1000} s`)), SEND_DEADLINE_MS);
      });
      try {
        ({ messageId } = await Promise.race([send, deadline]));
      } finally {
        clearTimeout(timer);
      }
    } catch (err) {
      const now = this.clock.now();
      const giveUp = message.attempts >= this.config.mail.maxAttempts;
      const error = err instanceof Error ? err.message : String(err);
      await this.outbox.markFailedAttempt(
        message.id,
        claimToken,
        error,
        new Date(now.getTime() + backoffMs(message.attempts)),
        giveUp ? now : null,
      );
      this.logger.warn({ messageId: message.id, attempts: message.attempts, error, gaveUp: giveUp }, 'mail not sent');
      return false;
    }
    // The server accepted the mail: from here on it is never recorded as failed. Recording the delivery is
    // retried; if it still fails the row stays leased and its next attempt is far off (set at claim time).
    for (let attempt = 1; ; attempt++) {
      try {
        await this.outbox.markSent(message.id, this.clock.now(), messageId);
        return true;
      } catch (err) {
        if (attempt >= 3) {
          this.logger.error({ err, messageId: message.id }, 'mail sent but its delivery could not be recorded');
          return true;
        }
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }
}
