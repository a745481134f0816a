import type { Transporter } from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: { address: string; name: string | null };
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  messageId: string;
  headers: Record<string, string>;
}

/** Where mail goes; the worker depends on this, tests may swap it, production uses SMTP. */
export abstract class MailTransport {
  abstract send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
  abstract close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** Nodemailer over SMTP_URL (`smtp://user:pass@host:587`, `smtps://…:465`). */
export class SmtpMailTransport extends MailTransport {
  private transporter: Transporter | null = null;

  constructor(private readonly url: string) {
    super();
  }

  /** Nodemailer is loaded on the first send (start-up stays fast when no mail is due). */
  private async connect(): Promise<Transporter> {
    if (!this.transporter) {
      const nodemailer = await import('nodemailer');
      const create =
        (nodemailer as unknown as { default?: typeof nodemailer }).default?.createTransport ??
        nodemailer.createTransport;
      // Fail fast when the server is down, so the worker moves on and retries later.
      this.transporter = create({
        url: this.url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as never);
    }
    return this.transporter;
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string | null }> {
    const transporter = await this.connect();
    const info = await transporter.sendMail({
      from: mail.from,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    });
    return { messageId: info.messageId ?? null };
  }

  close(): void {
    this.transporter?.close();
  }
}
