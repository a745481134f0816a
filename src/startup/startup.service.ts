import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TerritoryReferenceService } from '../territory/territory-reference.service';
import { EMBEDDED_DATABASE } from '../database/database.module';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { runMigrations } from '../database/migration-runner';
import { DemoAccount, DemoLoader } from './demo.loader';
import { UsersService } from '../auth/users.service';
import { randomBytes } from 'node:crypto';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { StartupGate } from '../common/startup-gate';

export interface StartupReport {
  migrations: string[];
  newInstance: boolean;
  demoLoaded: boolean;
  /** Demo accounts created by this start (their passwords are printed once). */
  demoAccounts: DemoAccount[];
  adminCreated: boolean;
}

/**
 * What happens before the portal listens: migrations (unless MIGRATIONS_RUN=false), the territory reference
 * data, and demo data when configured (by default: only on a new embedded database).
 */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');
  report: StartupReport = {
    migrations: [],
    newInstance: false,
    demoLoaded: false,
    demoAccounts: [],
    adminCreated: false,
  };
  private secret: string | null = null;

  /** The key that signs session cookies: generated once, kept with the data, never in the code. */
  get sessionSecret(): string {
    if (!this.secret) throw new Error('el portal aún no termina de iniciar');
    return this.secret;
  }

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedDatabase | null,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: TerritoryReferenceService,
    private readonly demo: DemoLoader,
    private readonly settings: SystemSettingsRepository,
    private readonly users: UsersService,
    private readonly gate: StartupGate,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const migrations = this.config.migrationsRun ? await runMigrations(this.dataSource, this.embedded !== null) : [];
    if (migrations.length) this.logger.log(`migrations applied: ${migrations.join(', ')}`);
    const { municipalitiesCreated } = await this.reference.syncIfChanged();
    if (municipalitiesCreated) this.logger.log(`territory: ${municipalitiesCreated} municipalities created`);
    const newInstance = await this.settings.putIfAbsent('instance.initializedAt', new Date().toISOString());
    await this.settings.putIfAbsent('secret.session', randomBytes(32).toString('hex'));
    this.secret = await this.settings.get<string>('secret.session');
    // the keys of the rate limits and sign-in budgets and of the device cookies exist before the first request
    await Promise.all([this.settings.secret('limits'), this.settings.secret('device')]);
    const adminCreated = this.config.admin
      ? (await this.users.ensureAdmin(this.config.admin.email, this.config.admin.password)).created
      : false;
    const demo = this.config.demo === true || (this.config.demo === 'auto' && this.embedded !== null && newInstance);
    const demoAccounts = demo ? await this.demo.load() : [];
    this.report = { migrations, newInstance, demoLoaded: demo, demoAccounts, adminCreated };
    // the background jobs start now, on the migrated schema
    this.gate.open();
  }
}
