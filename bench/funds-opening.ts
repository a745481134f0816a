/**
 * funds-opening (issue 18, DOM-FND-3): a regional fund call opening in a region of 10,000 associations (each with a
 * board, half of them expired, and an officer account): FundDeliveryService.queueOpening finds the eligible ones
 * through FundMatchingService and queues one mail per officer address in the outbox, in this process on PostgreSQL:
 * target < 5 s. The associations, boards and accounts are inserted with SQL (bench only).
 */
import { Client } from 'pg';
import { freshDatabase } from './built-portal';

const ASSOCIATIONS = 10_000;
const TARGET_MS = 5_000;

export async function fundsOpening(): Promise<Record<string, unknown>> {
  const database = await freshDatabase('quorum_bench_funds_opening');
  const [{ NestFactory }, { AppModule }, { loadConfig }, { FundDeliveryService }, { FundMatchingService }] =
    await Promise.all([
      import('@nestjs/core'),
      import('../src/app.module'),
      import('../src/config/app-config'),
      import('../src/events/funds/fund-delivery.service'),
      import('../src/events/funds/fund-matching.service'),
    ]);
  const config = loadConfig({
    // as deployed: compiled templates are kept (development compiles every mail's templates again)
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    MAIL_WORKER: 'false',
    DATABASE_URL: database.url,
    PUBLIC_URL: 'https://quorum.example.cl',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  const db = new Client({ connectionString: database.url });
  try {
    await db.connect();
    const t = process.hrtime.bigint();
    await db.query(
      `INSERT INTO association (commune_code, kind, name, name_key, area, address, status, rut, version)
       SELECT (ARRAY['04101', '04102', '04106'])[1 + g % 3], (ARRAY['functional_organization', 'neighbourhood_council'])[1 + g % 2],
              'Organización ' || g, 'organizacion ' || g, 'urban', 'Calle ' || g, 'in_force', NULL, 1
         FROM generate_series(1, $1::int) g`,
      [ASSOCIATIONS],
    );
    // half the boards expired a month ago: those associations are not eligible
    await db.query(
      `INSERT INTO board_term (association_id, kind, starts_on, ends_on)
       SELECT id, 'definitive', current_date - 200, current_date + (CASE WHEN name_key ~ '[02468]$' THEN -30 ELSE 530 END) FROM association`,
    );
    await db.query(
      `WITH u AS (
         INSERT INTO app_user (email, name) SELECT 'dirigencia.' || a.id || '@bench.example.cl', 'Dirigencia ' || a.name FROM association a
         RETURNING id, email)
       INSERT INTO role_assignment (user_id, role, scope_type, scope_id)
       SELECT u.id, 'association_officer', 'association', substring(u.email from 'dirigencia\\.(.*)@') FROM u`,
    );
    const [inst] = (
      await db.query(
        `INSERT INTO institution (name, name_key, kind) VALUES ('Gobierno Regional de Coquimbo', 'gobierno regional de coquimbo', 'other_public') RETURNING id`,
      )
    ).rows;
    // opens in an hour, so the hourly job does not take it first; the timed call queues its opening mail now
    const [call] = (
      await db.query(
        `INSERT INTO fund_call (institution_id, name, year, scope, region_codes, category, target_applicant, opens_at, closes_at,
           requirements, version)
         VALUES ($1, 'FNDR Seguridad del benchmark', 2026, 'regional', ARRAY['04'], 'security', 'organizations',
           now() + interval '1 hour', now() + interval '30 days', '{"boardInForce": true}', 1) RETURNING id`,
        [inst.id],
      )
    ).rows;
    await db.query('ANALYZE');
    const seedMs = Math.round(Number(process.hrtime.bigint() - t) / 1e6);
    const delivery = app.get(FundDeliveryService);
    // the matching alone (reported: the part of the time that finding the eligible associations takes)
    const m = process.hrtime.bigint();
    const eligible = (await app.get(FundMatchingService).eligibleAssociationsForCall(call.id as string)).length;
    const matchingMs = Math.round(Number(process.hrtime.bigint() - m) / 1e6);
    const start = process.hrtime.bigint();
    const queued = await delivery.queueOpening(call.id as string);
    const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE kind = 'fund-call-opened'`))
      .rows as { n: number }[];
    const again = await delivery.queueOpening(call.id as string);
    return {
      postgres: (await db.query('SHOW server_version')).rows[0].server_version,
      data: { associations: ASSOCIATIONS, eligible: ASSOCIATIONS / 2, seedMs },
      opening: {
        ms,
        matchingMs,
        eligible,
        queued,
        outboxRows: n,
        secondRunQueued: again,
        targetMs: TARGET_MS,
        pass: ms < TARGET_MS && queued === ASSOCIATIONS / 2 && n === queued && again === 0,
      },
    };
  } finally {
    await db.end().catch(() => undefined);
    await app.close();
    await database.drop();
  }
}
