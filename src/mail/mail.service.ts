import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainException, ModuleException } from '../common/errors/domain.exception';
import { mailTexts } from './mail.messages';
import { redactLinkTokens } from '../common/text';
import { ViewEngine } from '../common/views/view-engine';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { OutboxAttachment } from './entities/outbox-message.entity';
import { buildIcs, icsMethod, type CalendarEvent } from './ics';
import { OutboxRepository, type NewOutboxMessage } from './outbox.repository';
import { toOutboxMessage, toOutboxRow, type OutboxMessageView, type OutboxRowView } from './outbox.view-model';

export interface MailRequest {
  /** Folder under views/emails with subject.hbs, html.hbs and text.hbs. */
  template: string;
  to: { address: string; name?: string | null };
  /** The view model for the templates (plain values; strict templates fail on a missing key). */
  context: Record<string, unknown>;
  /** Unique per logical message: the same key is never queued twice (e.g. `minutes:<id>:v2:member:<id>`). */
  dedupeKey: string;
  attachments?: (
    { filename: string; contentType: string; content: Buffer } | { filename: string; documentId: string }
  )[];
  /** Adds an .ics invitation. */
  calendarEvent?: CalendarEvent;
  locale?: 'es' | 'en';
}

/** Rows per INSERT of `enqueueMany` (ten parameters each, well under PostgreSQL's 65,535). */
const BULK_ROWS = 500;

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/**
 * Queues mail. Call `enqueue` with the EntityManager of the business transaction: the message commits with the
 * change or not at all, and the outbox worker sends it after the commit (ARCHITECTURE.md §3.2, STYLE.md 7).
 */
@Injectable()
export class MailService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly views: ViewEngine,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Renders and queues one message inside the caller's transaction (`em`); returns false when the dedupe key
   * was already queued.
   */
  async enqueue(request: MailRequest, em: EntityManager): Promise<boolean> {
    if (!EMAIL.test(request.to.address)) {
      throw new DomainException(
        'INVALID_EMAIL',
        mailTexts.addressInvalid({ address: request.to.address.slice(0, 200) }),
        422,
        [ModuleException.fieldError('email', mailTexts.emailInvalid({ field: 'email' }))],
      );
    }
    const id = await this.outbox.insertUnlessDuplicate(this.rendered(request), em);
    return id !== null;
  }

  /**
   * Renders and queues many messages inside the caller's transaction with a few multi-row statements (a call
   * opening for thousands of associations, a market month's stands): each is queued unless its dedupe key was, and
   * an address that is not one is left out and returned, so one bad address does not stop the others.
   */
  async enqueueMany(requests: MailRequest[], em: EntityManager): Promise<{ queued: number; invalid: string[] }> {
    const invalid = requests.filter((r) => !EMAIL.test(r.to.address)).map((r) => r.to.address);
    const rows = requests.filter((r) => EMAIL.test(r.to.address)).map((r) => this.rendered(r));
    let queued = 0;
    for (let i = 0; i < rows.length; i += BULK_ROWS)
      queued += await this.outbox.insertManyUnlessDuplicate(rows.slice(i, i + BULK_ROWS), em);
    return { queued, invalid };
  }

  /** The message as the outbox keeps it: subject, HTML and text rendered, attachments (and its invitation) encoded. */
  private rendered(request: MailRequest): NewOutboxMessage {
    const context = {
      ...request.context,
      locale: request.locale ?? 'es',
      appName: 'Quórum',
      publicUrl: this.config.publicUrl,
      recipientName: request.to.name ?? null,
    };
    const subject = this.views
      .render(`emails/${request.template}/subject`, context, { layout: false, plainText: true })
      .replace(/\s+/g, ' ')
      .trim();
    const html = this.views.render(`emails/${request.template}/html`, { ...context, subject }, { layout: 'email' });
    const text = this.views.render(
      `emails/${request.template}/text`,
      { ...context, subject },
      { layout: 'email-text', plainText: true },
    );
    const attachments: OutboxAttachment[] = (request.attachments ?? []).map((a) =>
      'documentId' in a
        ? { filename: a.filename, contentType: 'application/pdf', documentId: a.documentId } // the stored type is used at send time
        : { filename: a.filename, contentType: a.contentType, contentBase64: a.content.toString('base64') },
    );
    if (request.calendarEvent) {
      attachments.push({
        filename: 'invitacion.ics',
        contentType: `text/calendar; charset=utf-8; method=${icsMethod(request.calendarEvent)}`,
        contentBase64: Buffer.from(buildIcs(request.calendarEvent), 'utf8').toString('base64'),
      });
    }
    return {
      kind: request.template,
      dedupeKey: request.dedupeKey,
      toAddress: request.to.address,
      toName: request.to.name ?? null,
      subject,
      html,
      text,
      attachments,
      nextAttemptAt: this.clock.now(),
    };
  }

  /** The latest queued messages, for the outbox page. */
  async recentMessages(limit = 200): Promise<OutboxRowView[]> {
    return (await this.outbox.listRecent(limit)).map(toOutboxRow);
  }

  /**
   * One message for the outbox page. Single-use links (invitations, resets) are shown masked: whoever reads the
   * outbox must not be able to take over the account they were sent for.
   */
  async message(id: string): Promise<(OutboxMessageView & { html: string }) | null> {
    const message = await this.outbox.findById(id);
    if (!message) return null;
    const view = toOutboxMessage(message);
    return { ...view, text: redactLinkTokens(view.text), html: redactLinkTokens(message.html) };
  }
}
