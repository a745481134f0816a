import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions, type EntityList } from './data-source-options';
import { EmbeddedDatabase } from './embedded-database';

/**
 * A DataSource for command-line tasks, outside Nest. With no DATABASE_URL it opens the embedded database
 * in DATA_DIR (the portal must not be running: the embedded database takes one connection), or a
 * throw-away in-memory one when `scratch` is set (generate and check compare with a fresh schema).
 */
export async function openCliDataSource(
  config: AppConfig,
  entities: EntityList,
  options: { scratch?: boolean } = {},
): Promise<{ dataSource: DataSource; close: () => Promise<void>; embedded: boolean }> {
  let embedded: EmbeddedDatabase | null = null;
  if (config.database.kind === 'embedded') {
    embedded = await EmbeddedDatabase.start({ dataDir: options.scratch ? 'memory://' : config.database.dataDir });
  }
  const dataSource = new DataSource(dataSourceOptions(config, embedded, entities));
  await dataSource.initialize();
  return {
    dataSource,
    embedded: embedded !== null,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.close();
    },
  };
}
