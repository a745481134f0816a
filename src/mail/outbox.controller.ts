import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { translate } from '../common/i18n/i18n';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { MailService } from './mail.service';

/**
 * The mail outbox for people running the portal without SMTP: every queued message readable in the browser.
 * Served only outside production until the identity issue puts it behind the administrator role.
 */
@ApiExcludeController()
@Controller('admin/outbox')
export class OutboxController {
  constructor(
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
  ) {}

  /**
   * Production: not served. Elsewhere: only to this machine (the page shows queued mail, later including
   * invitation and password links), not to the network `npm start` listens on.
   */
  private guard(req: Request): void {
    // Behind a reverse proxy on this machine every client arrives from loopback: forwarded requests are refused.
    const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if (this.config.isProduction || forwarded || !isLoopback(req.socket.remoteAddress)) throw new NotFoundException();
  }

  @Get()
  @Render('mail/outbox')
  async list(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.guard(req);
    res.setHeader('Cache-Control', 'no-store');
    const messages = await this.mail.recentMessages();
    return { title: translate(res.locals.locale, 'outbox.title'), messages, smtpConfigured: this.transport !== null };
  }

  @Get(':id')
  @Render('mail/outbox-message')
  async show(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.guard(req);
    res.setHeader('Cache-Control', 'no-store');
    const message = await this.mail.message(id);
    if (!message) throw new NotFoundException();
    const { html: _html, ...view } = message;
    void _html;
    return { title: message.subject, message: view };
  }

  /** The HTML part as the recipient's client would show it, in a sandbox (no scripts, no same origin). */
  @Get(':id/html')
  async html(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.guard(req);
    const message = await this.mail.message(id);
    if (!message) throw new NotFoundException();
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(message.html);
  }
}

export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}
