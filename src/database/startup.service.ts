import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TerritoryReferenceService } from '../territory/territory-reference.service';
import { EMBEDDED_DATABASE } from './database.module';
import type { EmbeddedDatabase } from './embedded-database';
import { runMigrations } from './migration-runner';
import { DemoLoader } from './seeds/demo.loader';
import { SystemSettingsRepository } from './system-settings.repository';

export interface StartupReport {
  migrations: string[];
  newInstance: boolean;
  demoLoaded: boolean;
}

/**
 * What happens before the portal listens: migrations (unless MIGRATIONS_RUN=false), the territory reference
 * data, and demo data when configured (by default: only on a new embedded database).
 */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');
  report: StartupReport = { migrations: [], newInstance: false, demoLoaded: false };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedDatabase | null,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: TerritoryReferenceService,
    private readonly demo: DemoLoader,
    private readonly settings: SystemSettingsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const migrations = this.config.migrationsRun ? await runMigrations(this.dataSource, this.embedded !== null) : [];
    if (migrations.length) this.logger.log(`migrations applied: ${migrations.join(', ')}`);
    const { municipalitiesCreated } = await this.reference.syncIfChanged();
    if (municipalitiesCreated) this.logger.log(`territory: ${municipalitiesCreated} municipalities created`);
    const newInstance = await this.settings.putIfAbsent('instance.initializedAt', new Date().toISOString());
    const demo = this.config.demo === true || (this.config.demo === 'auto' && this.embedded !== null && newInstance);
    if (demo) await this.demo.load();
    this.report = { migrations, newInstance, demoLoaded: demo };
  }
}
