import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { translate } from '../common/i18n/i18n';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { OutboxRepository } from './outbox.repository';
import { toOutboxMessage, toOutboxRow } from './outbox.view-model';

/**
 * The mail outbox for people running the portal without SMTP: every queued message readable in the browser.
 * Served only outside production until the identity issue puts it behind the administrator role.
 */
@ApiExcludeController()
@Controller('admin/outbox')
export class OutboxController {
  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
  ) {}

  private guard(): void {
    if (this.config.isProduction) throw new NotFoundException();
  }

  @Get()
  @Render('mail/outbox')
  async list(@Res({ passthrough: true }) res: Response) {
    this.guard();
    res.setHeader('Cache-Control', 'no-store');
    const messages = (await this.outbox.listRecent(200)).map(toOutboxRow);
    return { title: translate(res.locals.locale, 'outbox.title'), messages, smtpConfigured: this.transport !== null };
  }

  @Get(':id')
  @Render('mail/outbox-message')
  async show(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response) {
    this.guard();
    res.setHeader('Cache-Control', 'no-store');
    const message = await this.outbox.findById(id);
    if (!message) throw new NotFoundException();
    return { title: message.subject, message: toOutboxMessage(message) };
  }

  /** The HTML part as the recipient's client would show it, in a sandbox (no scripts, no same origin). */
  @Get(':id/html')
  async html(@Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response): Promise<void> {
    this.guard();
    const message = await this.outbox.findById(id);
    if (!message) throw new NotFoundException();
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(message.html);
  }
}
