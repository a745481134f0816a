import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a loopback port that keeps every message it accepts, parsed with mailparser. It can be
 * stopped and started again on the same port to simulate an outage.
 */
export class SmtpPeer {
  readonly messages: ParsedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;
  private waiters: { count: number; resolve: () => void }[] = [];

  static async start(): Promise<SmtpPeer> {
    const peer = new SmtpPeer();
    await peer.listen(0);
    return peer;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private listen(port: number): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            this.waiters = this.waiters.filter((w) => {
              if (this.messages.length >= w.count) w.resolve();
              return this.messages.length < w.count;
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Resolves when at least `count` messages arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs = 10_000): Promise<ParsedMail[]> {
    if (this.messages.length >= count) return Promise.resolve(this.messages);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`esperaba ${count} correos, llegaron ${this.messages.length}`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.messages);
        },
      });
    });
  }

  /** Stops listening (connections refused) until start() is called again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }
}
