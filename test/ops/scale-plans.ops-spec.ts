import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import { loadConfig } from '../../src/config/app-config';
import {
  type RecordedStatement,
  uninstallQueryCounter,
  untilStatementsQuiet,
  watchStatements,
} from '../support/query-counter';
import { type ScaleDatabase, seedScaleDatabase } from '../support/scale-database';
import { WebSession } from '../support/web-session';

/**
 * Issue 21 item 2: every query of the pages of the scale benchmark (bench/scale.ts) runs from an index. The ci data,
 * the real app in this process; each page asked twice (cold, then as the load finds it) with every statement recorded
 * with its parameters; each SELECT (and UPDATE/DELETE: plain EXPLAIN runs nothing) explained on a connection where
 * sequential scans and hash and merge joins are disabled, so a Seq Scan left on a large table (or an index read end
 * to end to filter it) means no index can serve that query. At the ci size the planner would scan the small tables
 * anyway; at national size such a scan is a page that takes seconds. Also the number of statements per page, bounded
 * near what it is now, so an N+1 shows. A failure names the page, the statement and the table.
 */

/** Tables that grow with the country's organisations and their activity (small reference tables may be scanned). */
const LARGE_TABLES = new Set([
  'association',
  'association_status_change',
  'membership',
  'membership_event',
  'board_term',
  'board_seat',
  'person',
  'consent',
  'document',
  'meeting',
  'agenda_item',
  'attendance',
  'minutes',
  'minutes_distribution',
  'agreement',
  'commitment',
  'commitment_update',
  'commitment_evidence',
  'program_association',
  'program_beneficiary',
  'fund_call',
  'fund_application',
  'fund_declaration',
  'market_slot',
  'market_application',
  'table_participant',
  'audit_log',
  'outbox_message',
  'user_session',
  'api_token',
  'app_user',
  'role_assignment',
]);

/**
 * Statements each page sends, cold (first visit) and warm (second): what it sent when this test was written (December
 * 2026) plus three. A query per row (an organisation, a member, a commitment) would add dozens at the ci size.
 */
const MAX_STATEMENTS: Record<string, { cold: number; warm: number }> = {
  'registry of the largest commune (page)': { cold: 7, warm: 6 },
  'association (page)': { cold: 17, warm: 16 },
  'meeting (page)': { cold: 12, warm: 12 },
  'commitments list (page)': { cold: 10, warm: 10 },
  "table's board (API)": { cold: 7, warm: 5 },
  "association's fund matches (API)": { cold: 13, warm: 9 },
  "program's portfolio (API)": { cold: 10, warm: 5 },
  'public registry (page)': { cold: 5, warm: 5 },
};

interface Page {
  name: string;
  url: string;
  cookie?: string;
  token?: string;
}

interface Visit {
  page: string;
  statements: RecordedStatement[];
}

interface Scan {
  page: string;
  table: string;
  node: string;
  statement: string;
}

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

/**
 * What in an EXPLAIN (FORMAT JSON) plan reads a large table whole: a Seq Scan; or, on a table big enough at the ci size
 * for the planner's costs to mean something (`counted`), an index read from end to end (no Index Cond) to filter its
 * rows or to return them all (not under a Limit): where sequential scans are disabled, the planner takes an index that
 * way when none fits the query's conditions.
 */
function wholeReads(plan: PlanNode, counted: Set<string>, underLimit = false, found: [string, string][] = []) {
  const type = String(plan['Node Type']);
  const table = String(plan['Relation Name'] ?? '');
  if (type === 'Seq Scan' && LARGE_TABLES.has(table)) found.push([table, type]);
  if (
    (type === 'Index Scan' || type === 'Index Only Scan') &&
    counted.has(table) &&
    !plan['Index Cond'] &&
    (plan.Filter || !underLimit)
  )
    found.push([table, `${type} using ${String(plan['Index Name'])}, no Index Cond, Filter: ${String(plan.Filter)}`]);
  for (const child of plan.Plans ?? []) wholeReads(child, counted, underLimit || type === 'Limit', found);
  return found;
}

/** What plain EXPLAIN can show without running it (the session's INSERT is left out). */
const explained = /^\s*(SELECT|WITH|UPDATE|DELETE)\b/i;

describe('scale pages run from indexes (issue 21 item 2)', () => {
  let scale: ScaleDatabase;
  let app: INestApplication | undefined;
  let base: string;
  let recording: RecordedStatement[] | null = null;
  let unwatch: () => void = () => {};
  const visits: Visit[] = [];

  beforeAll(async () => {
    scale = await seedScaleDatabase('ci', 'plans');
    unwatch = watchStatements((st) => void recording?.push(st));
    const config = loadConfig({
      DATABASE_URL: scale.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      MAIL_WORKER: 'false',
      LOGIN_RATE_LIMIT: '1000',
      PORT: '0',
    });
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), APP_OPTIONS);
    configureApp(app as NestExpressApplication);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    unwatch();
    uninstallQueryCounter();
    await app?.close();
    await scale?.drop();
  }, 60_000);

  it('asks every page of the scale benchmark with 200, cold and warm, within its bound of statements', async () => {
    const { manifest: m } = scale;
    const email = (role: string) => m.accounts.find((a) => a.role === role)!.email;
    const [officer, president] = await Promise.all(
      ['municipal_officer', 'association_officer'].map((r) => WebSession.signIn(base, email(r), m.password)),
    );
    const token = async (role: string) => {
      const res = await fetch(`${base}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: email(role), password: m.password }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    };
    const [presidentToken, coordinatorToken, programToken] = [
      await token('association_officer'),
      await token('table_coordinator'),
      await token('program_officer'),
    ];
    const a = m.ids.largeAssociation.id;
    const pages: Page[] = [
      {
        name: 'registry of the largest commune (page)',
        url: `/organizaciones?communeCode=${m.ids.largestCommune.code}`,
        cookie: officer.cookieHeader,
      },
      { name: 'association (page)', url: `/organizaciones/${a}`, cookie: president.cookieHeader },
      { name: 'meeting (page)', url: `/reuniones/${m.ids.meetingWithApprovedActa.id}`, cookie: president.cookieHeader },
      { name: 'commitments list (page)', url: `/organizaciones/${a}/compromisos`, cookie: president.cookieHeader },
      {
        name: "table's board (API)",
        url: `/api/v1/tables/${m.ids.tableWithManyCommitments.id}/commitments?pageSize=50&page=1`,
        token: coordinatorToken,
      },
      {
        name: "association's fund matches (API)",
        url: `/api/v1/associations/${a}/fund-matches`,
        token: presidentToken,
      },
      {
        name: "program's portfolio (API)",
        url: `/api/v1/programs/${m.ids.programWithManyBeneficiaries.id}/portfolio`,
        token: programToken,
      },
      { name: 'public registry (page)', url: `/comunas/${m.ids.largestCommune.code}/organizaciones` },
    ];

    await untilStatementsQuiet(2000, 60_000);

    const counts: string[] = [];
    const over: string[] = [];
    for (const page of pages) {
      const seen: number[] = [];
      for (const pass of ['cold', 'warm'] as const) {
        recording = [];
        const res = await fetch(`${base}${page.url}`, {
          headers: {
            ...(page.cookie ? { cookie: page.cookie } : {}),
            ...(page.token ? { authorization: `Bearer ${page.token}`, accept: 'application/json' } : {}),
          },
          redirect: 'manual',
        });
        const body = await res.text();
        // statements the response's end triggered (a session touch) belong to the request too
        await new Promise((r) => setTimeout(r, 100));
        const statements = recording;
        recording = null;
        expect({ page: page.name, status: res.status, body: res.status === 200 ? '' : body.slice(0, 300) }).toEqual({
          page: page.name,
          status: 200,
          body: '',
        });
        visits.push({ page: `${page.name} ${pass}`, statements });
        seen.push(statements.length);
        if (statements.length > MAX_STATEMENTS[page.name][pass])
          over.push(
            `${page.name} (${pass}): ${statements.length} > ${MAX_STATEMENTS[page.name][pass]}\n` +
              statements.map((s) => `  ${s.text.replace(/\s+/g, ' ').slice(0, 200)}`).join('\n'),
          );
      }
      counts.push(`${page.name}: ${seen[0]} statements cold, ${seen[1]} warm`);
    }
    console.log(`statements per page (ci data):\n${counts.join('\n')}`);
    expect(over).toEqual([]);
  }, 60_000);

  it('no statement of these pages reads a large table whole when sequential scans and hash and merge joins are off', async () => {
    expect(visits.length).toBe(Object.keys(MAX_STATEMENTS).length * 2);
    const client = new Client({ connectionString: scale.url });
    await client.connect();
    const scans: Scan[] = [];
    const skipped = new Set<string>();
    let explainedCount = 0;
    try {
      // every join a nested loop: its inner side must find its rows by an index too
      await client.query('SET enable_seqscan = off; SET enable_hashjoin = off; SET enable_mergejoin = off');
      const { rows: sizes } = await client.query<{ table: string }>(
        `SELECT relname AS table FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace
            AND relname = ANY($1) AND reltuples >= 1000`,
        [[...LARGE_TABLES]],
      );
      const counted = new Set(sizes.map((r) => r.table));
      expect(counted.has('membership')).toBe(true);
      const done = new Set<string>();
      for (const visit of visits)
        for (const st of visit.statements) {
          if (!explained.test(st.text)) {
            skipped.add(st.text.replace(/\s+/g, ' ').slice(0, 40));
            continue;
          }
          const key = JSON.stringify([st.text, st.values]);
          if (done.has(key)) continue;
          done.add(key);
          explainedCount++;
          const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
            `EXPLAIN (FORMAT JSON) ${st.text}`,
            st.values,
          );
          for (const [table, node] of wholeReads(rows[0]['QUERY PLAN'][0].Plan, counted))
            scans.push({ page: visit.page, table, node, statement: st.text.replace(/\s+/g, ' ') });
        }
    } finally {
      await client.end();
    }
    console.log(
      `${explainedCount} distinct statements explained (not explained: ${[...skipped].join(' | ')}); ` +
        `${scans.length} whole reads of large tables`,
    );
    expect(explainedCount).toBeGreaterThan(40);
    expect(scans).toEqual([]);
  }, 60_000);
});
