import { ENTITIES } from './schema';
import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { DatabaseThrottlerStorage } from './auth/rate-limit.storage';
import { AssociationsModule } from './associations/associations.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { LoggingModule } from './common/logging.module';
import { AppConfig, loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { SystemSettingsRepository } from './database/system-settings.repository';
import { DocumentsModule } from './documents/documents.module';
import { StartupModule } from './startup/startup.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MailModule } from './mail/mail.module';
import { PeopleModule } from './people/people.module';
import { InstitutionsModule } from './institutions/institutions.module';
import { MeetingsModule } from './meetings/meetings.module';
import { TablesModule } from './tables/tables.module';
import { ProgramsModule } from './programs/programs.module';
import { EventsModule } from './events/events.module';
import { TerritoryModule } from './territory/territory.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  /** The whole portal. Tests pass their own config (database, clock zone, log level). */
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        CommonModule,
        DatabaseModule.forRoot(ENTITIES),
        // Rate limits per IP for the routes that use ThrottlerGuard (verification; sign-in and reset), counted in
        // the database so that every instance counts the same hits (issue 21 item 5)
        ThrottlerModule.forRootAsync({
          inject: [DataSource, SystemSettingsRepository],
          useFactory: (dataSource: DataSource, settings: SystemSettingsRepository) => ({
            throttlers: [
              { name: 'verify', ttl: 60_000, limit: config.verifyRateLimit },
              { name: 'login', ttl: 60_000, limit: config.loginRateLimit },
            ],
            storage: new DatabaseThrottlerStorage(dataSource, settings),
          }),
        }),
        AuditModule,
        AuthModule,
        DocumentsModule,
        MailModule,
        StartupModule,
        HealthModule,
        IdempotencyModule,
        TerritoryModule,
        PeopleModule,
        InstitutionsModule,
        AssociationsModule,
        MeetingsModule,
        TablesModule,
        ProgramsModule,
        EventsModule,
        WebModule,
      ],
    };
  }
}
