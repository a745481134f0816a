import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import { Clock, FixedClock } from '../../src/common/clock';
import { PasswordHasher, type Argon2Params } from '../../src/auth/password-hasher';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { EMBEDDED_DATABASE } from '../../src/database/database.module';
import { Factories } from '../factories/factories';
import { createTestDatabase, sharedDemoDatabase, TestDatabase } from './test-database';

export interface TestAppOptions {
  /** Environment variables as a user would set them (validated by the real config loader). */
  env?: Record<string, string>;
  /** Changes to the validated config (after loading). */
  config?: Partial<AppConfig>;
  /** Pins "now" for rules and deadlines. Defaults to 2026-03-17T15:00:00Z (a Tuesday, noon in Santiago). */
  now?: string | Date;
  /** Replace adapters (mail transport, PDF renderer...) where the adapter is not the point of the test. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Run the HTTP server on a real port (browser tests, fault tests). */
  listen?: boolean;
  /** Extra modules (test-only controllers, e.g. one that throws, to check the error pages). */
  imports?: NonNullable<ModuleMetadata['imports']>;
  /** Reuse a database (e.g. to restart the app on the same data). */
  database?: TestDatabase;
  /**
   * With `DEMO: 'true'` on PGlite, the demo comes from a snapshot shared by the run's files with the same clock
   * (sharedDemoDatabase); `false` loads it through the app every time (the tests of the loading itself).
   */
  sharedDemo?: boolean;
  /**
   * The portal's own argon2id parameters (19 MiB, t=2). By default tests hash with the smallest cost instead: a
   * hash at full cost takes 0.2 to 0.8 s of a CI core, and the suite signs in and creates users about 1,500 times.
   * Only the specs about the hashing itself need the real cost.
   */
  realPasswordHashing?: boolean;
}

/** argon2id at its cheapest (1 MiB, one pass): the same code paths as PasswordHasher, a test's cost. */
class TestPasswordHasher extends PasswordHasher {
  protected override readonly params: Argon2Params = {
    memorySize: 1024,
    iterations: 1,
    parallelism: 1,
    hashLength: 32,
  };
}

/** Settings that change nothing in the demo's data: files differing only in these share its snapshot. */
const DEMO_NEUTRAL_ENV = new Set(['DEMO', 'LOGIN_RATE_LIMIT', 'SMTP_URL', 'MAIL_WORKER']);

export const DEFAULT_TEST_NOW = '2026-03-17T15:00:00.000Z';

/**
 * The portal as tests see it: the real AppModule and configureApp() on a database of its own, a pinned
 * clock, Supertest on the HTTP server, and the factories (`ctx.newX()`, see test/factories) that build scenarios
 * through real services.
 */
export class TestContext extends Factories {
  readonly http: ReturnType<typeof supertest>;

  constructor(
    readonly app: NestExpressApplication,
    readonly config: AppConfig,
    readonly clock: FixedClock,
    readonly db: TestDatabase,
    readonly baseUrl: string | null,
  ) {
    super(app);
    this.http = supertest(app.getHttpServer());
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get<T>(token: Parameters<INestApplication['get']>[0]): T {
    return this.app.get(token, { strict: false }) as T;
  }

  /**
   * Signs in through the login form like a browser (cookie jar, CSRF token) and returns the agent; `csrf()` reads
   * a fresh form token from a page, for POSTs.
   */
  async signIn(user: {
    email: string;
    password: string;
  }): Promise<{ agent: ReturnType<typeof supertest.agent>; csrf: (path?: string) => Promise<string> }> {
    const agent = supertest.agent(this.app.getHttpServer());
    const csrf = async (path = '/ingresar') => {
      const page = await agent.get(path);
      const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
      if (!m) throw new Error(`no hay token CSRF en ${path} (${page.status})`);
      return m[1];
    };
    const token = await csrf('/ingresar'); // before the POST is built: the agent attaches cookies when it builds a request
    const res = await agent
      .post('/ingresar')
      .type('form')
      .send({ _csrf: token, email: user.email, password: user.password });
    if (res.status !== 303) throw new Error(`no se pudo ingresar como ${user.email}: ${res.status}`);
    return { agent, csrf: (path = '/cuenta') => csrf(path) };
  }

  /**
   * An anonymous browser on a page with a form: its session cookie and CSRF token, and `submit(action, body)`
   * to post that form (the token added) with the same cookie.
   */
  async openForm(path: string) {
    const page = await this.http.get(path);
    const cookies = (page.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const sid = cookies.find((c) => c.startsWith('quorum.sid='))?.split(';')[0] ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const submit = (action: string, body: Record<string, unknown>) =>
      this.http
        .post(action)
        .set('Cookie', sid)
        .type('form')
        .send({ _csrf: token, ...body });
    return { page, sid, token, submit };
  }

  /** Plain SQL for assertions about what was (or was not) written. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  async count(table: string): Promise<number> {
    const [row] = await this.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`);
    return Number(row.n);
  }

  /** Closes the app; the database is dropped unless `keepDatabase` (to start another app on it). */
  async close(options: { keepDatabase?: boolean } = {}): Promise<void> {
    await this.app.close();
    if (!options.keepDatabase) await this.db.drop();
  }
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestContext> {
  if (
    options.env?.DEMO === 'true' &&
    options.sharedDemo !== false &&
    !options.database &&
    !options.config &&
    !options.override &&
    !options.imports
  ) {
    // a mail worker with somewhere to send would send the demo's queued mails before the snapshot is taken
    const mailing = options.env.MAIL_WORKER !== 'false' && !!options.env.SMTP_URL;
    const data = Object.entries(options.env).filter(([k]) => !DEMO_NEUTRAL_ENV.has(k) || (mailing && k === 'SMTP_URL'));
    const key = JSON.stringify({
      now: new Date(options.now ?? DEFAULT_TEST_NOW).toISOString(),
      data,
      realPasswordHashing: !!options.realPasswordHashing, // the demo's accounts are hashed at that cost
    });
    const shared = await sharedDemoDatabase(key, async () => {
      const ctx = await startApp(options);
      return { value: ctx, database: ctx.db };
    });
    if (shared && 'loaded' in shared) return shared.loaded;
    // the demo is in the snapshot: the app starts on it as on an existing installation
    if (shared)
      return startApp({ ...options, env: { ...options.env, DEMO: 'false' }, database: shared.database }, true);
  }
  return startApp(options);
}

async function startApp(options: TestAppOptions, ownsDatabase = false): Promise<TestContext> {
  const db = options.database ?? (await createTestDatabase());
  try {
    await db.embedded?.waitUntilIdle(); // a previous app on this database may still be letting go of its connection
    const config: AppConfig = {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO: 'false', ...options.env }),
      ...options.config,
      database: db.database,
    };
    const clock = new FixedClock(new Date(options.now ?? DEFAULT_TEST_NOW));
    let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config), ...(options.imports ?? [])] })
      .overrideProvider(Clock)
      .useValue(clock)
      .overrideProvider(EMBEDDED_DATABASE)
      .useValue(db.embedded);
    if (!options.realPasswordHashing) builder = builder.overrideProvider(PasswordHasher).useClass(TestPasswordHasher);
    if (options.override) builder = options.override(builder);
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>(APP_OPTIONS);
    configureApp(app);
    let baseUrl: string | null = null;
    if (options.listen) {
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      baseUrl = `http://127.0.0.1:${address.port}`;
    } else {
      await app.init();
    }
    return new TestContext(app, config, clock, db, baseUrl);
  } catch (err) {
    if (!options.database || ownsDatabase) await db.drop().catch(() => undefined);
    throw err;
  }
}
