import type { DataSourceOptions, EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { EmbeddedDatabase } from './embedded-database';
import { MIGRATIONS } from './migrations';
import { useNamedStatements } from './named-statement';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The schema's entity classes: listed once, by the application that composes the features (src/schema.ts). */
export type EntityList = (Function | EntitySchema)[];

/**
 * The one description of how the app reaches its database, shared by the Nest module, the CLI and tests.
 * `synchronize` is off everywhere: the schema changes only through migrations.
 */
export function dataSourceOptions(
  config: AppConfig,
  embedded: EmbeddedDatabase | null,
  entities: EntityList,
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false, // run explicitly at boot (see DatabaseBootstrap) so the order is ours
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: false as const,
    applicationName: 'quorum',
  };
  // a PostgreSQL connection is a session of its own; PGlite has one session for every connection, where a statement
  // prepared by an earlier connection (before a restart or a reconnect) is still there ("already exists")
  useNamedStatements(config.database.kind === 'postgres' && config.database.preparedStatements !== false);
  if (config.database.kind === 'postgres') {
    return {
      ...common,
      url: config.database.url,
      // issue 22 item 3: a server that does not answer fails fast (5 s to connect or to get a pooled connection;
      // a statement is stopped by the server after 15 s, and given up by the client after 20 s); TCP keepalive
      // notices a vanished server. DatabaseAvailability turns the first such failure into immediate 503s.
      extra: {
        max: config.database.poolSize,
        connectionTimeoutMillis: 5000,
        idleTimeoutMillis: 30000,
        statement_timeout: 15_000,
        query_timeout: 20_000,
        keepAlive: true,
      },
    };
  }
  if (!embedded) throw new Error('embedded database not started');
  return {
    ...common,
    host: embedded.host,
    port: embedded.port,
    username: 'postgres',
    password: 'postgres',
    database: 'postgres',
    // PGlite has one session: one pooled connection, requests queue in the app (see docs/decisions.md).
    extra: { max: 1, connectionTimeoutMillis: 5000, idleTimeoutMillis: 0 },
  };
}
