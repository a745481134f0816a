import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions, type EntityList } from './data-source-options';
import { EmbeddedDatabase } from './embedded-database';
import { SystemSettingsRepository } from './system-settings.repository';
import { DatabaseAvailability } from './database-availability';

export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');

/** Closes the app's pool first, then the embedded database it was connected to. */
@Injectable()
class EmbeddedDatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedDatabase | null,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    try {
      const dataSource = this.moduleRef.get(DataSource, { strict: false });
      if (dataSource.isInitialized) await dataSource.destroy();
    } catch {
      // no data source was created (boot failed before it)
    }
    if (!this.embedded.ownedByCaller) await this.embedded.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED_DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.database.kind === 'embedded' ? EmbeddedDatabase.start({ dataDir: config.database.dataDir }) : null,
    },
    EmbeddedDatabaseLifecycle,
  ],
  exports: [EMBEDDED_DATABASE],
})
class EmbeddedDatabaseModule {}

@Global()
@Module({})
export class DatabaseModule {
  /** The database with the schema's entities, which the application passes down (src/schema.ts). */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        EmbeddedDatabaseModule,
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG, EMBEDDED_DATABASE],
          useFactory: (config: AppConfig, embedded: EmbeddedDatabase | null) => ({
            ...dataSourceOptions(config, embedded, entities),
            retryAttempts: config.database.kind === 'embedded' ? 0 : 5,
            retryDelay: 2000,
          }),
        }),
      ],
      providers: [SystemSettingsRepository, DatabaseAvailability],
      exports: [SystemSettingsRepository, DatabaseAvailability],
    };
  }
}
