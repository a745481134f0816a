import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MAIL_TRANSPORT, SmtpMailTransport } from './mail-transport';
import { MailService } from './mail.service';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxWorker } from './outbox.worker';

@Global()
@Module({
  controllers: [OutboxController],
  providers: [
    OutboxRepository,
    MailService,
    OutboxWorker,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.smtpUrl ? new SmtpMailTransport(config.smtpUrl) : null),
    },
  ],
  exports: [MailService, OutboxWorker],
})
export class MailModule {}
