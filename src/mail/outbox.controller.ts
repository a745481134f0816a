import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AllowRoles } from '../common/access/decorators';
import type { Request, Response } from 'express';
import { translate } from '../common/i18n/i18n';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { MailService } from './mail.service';

/** The mail outbox for administrators: every queued message readable in the browser, with its status. */
@ApiExcludeController()
@AllowRoles('admin')
@Controller('admin/outbox')
export class OutboxController {
  constructor(
    private readonly mail: MailService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
  ) {}

  @Get()
  @Render('mail/outbox')
  async list(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    const messages = await this.mail.recentMessages();
    return { title: translate(res.locals.locale, 'outbox.title'), messages, smtpConfigured: this.transport !== null };
  }

  @Get(':id')
  @Render('mail/outbox-message')
  async show(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
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
    const message = await this.mail.message(id);
    if (!message) throw new NotFoundException();
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(message.html);
  }
}
