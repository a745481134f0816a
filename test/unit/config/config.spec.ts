import * as path from 'node:path';
import { ConfigValidationError, loadConfig } from '../../../src/config/app-config';
import { projectRoot } from '../../../src/config/paths';

describe('configuration', () => {
  it('needs nothing to start: port 3000, embedded database under ./data, migrations at start, demo on a new database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'embedded', dataDir: path.join(projectRoot(), 'data'), poolSize: 1 });
    expect(config.migrationsRun).toBe(true);
    expect(config.demo).toBe('auto');
    expect(config.defaultLocale).toBe('es');
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('switches to PostgreSQL with DATABASE_URL and reads DATA_DIR, DEMO and MIGRATIONS_RUN', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/quorum',
      DEMO: 'true',
      MIGRATIONS_RUN: 'false',
      PORT: '8080',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/quorum',
      poolSize: 10,
      preparedStatements: true,
    });
    // behind PgBouncer in transaction mode: no named prepared statements
    expect(
      loadConfig({ DATABASE_URL: 'postgres://pgbouncer:6432/quorum', DB_PREPARED_STATEMENTS: 'false' }).database,
    ).toMatchObject({ preparedStatements: false });
    expect(config.demo).toBe(true);
    expect(config.migrationsRun).toBe(false);
    expect(loadConfig({ DATA_DIR: '/srv/quorum' }).database).toMatchObject({
      kind: 'embedded',
      dataDir: '/srv/quorum',
    });
    expect(loadConfig({ DEMO: 'false' }).demo).toBe(false);
  });

  it('refuses bad values at boot, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'http', DATABASE_URL: 'mysql://x', DEMO: 'maybe', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    for (const name of ['PORT="http"', 'DATABASE_URL="mysql://x"', 'DEMO="maybe"', 'NODE_ENV="staging"'])
      expect(message).toContain(name);
    expect(message).toContain('Configuración inválida');
  });
});
