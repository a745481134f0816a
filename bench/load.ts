/**
 * load (issue 21 item 3): 64 simulated people for 60 s on the demo data (PostgreSQL, the built portal), each doing
 * what their role does every day, as a browser and a phone app would:
 *  - 40 presidents of Barrio Patrimonial La Serena: sign in through the form, open their start page, the
 *    association, its meetings, their own meeting; take attendance (PUT attendance), save the acta's draft (PUT
 *    minutes with its version), open the commitments and download the acta's PDF;
 *  - 12 people of the security table: sign in, open the start page, the table and its commitments board (API);
 *  - 12 officers: the municipal officer's registry and start page, Sercotec's program portfolio (page and API).
 * People arrive over the first 10 s; each signs in again every 100 steps, with with an account of their own (copies of the demo accounts, same
 * roles and password: 64 people signing in to one account at once is an attack the sign-in budgets refuse). Each
 * president works on a meeting of its own (created before the run), so that saves never race one another: a 409
 * would be a bug here, not contention.
 * Reported: requests, throughput, p50/p95/p99 overall and per step, errors (any status but 2xx/3xx), 5xx, and the
 * portal's RSS every second (growth after a 15 s warm-up, target < 50 MB). Targets: zero errors, zero 5xx, RSS flat.
 * BENCH_PORTAL_ROOT runs another checkout's build (the figures "before" the page-path work), BENCH_LOAD_SECONDS the
 * length, BENCH_LOAD_USERS the people.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { fromRoot } from '../src/config/paths';
import { DEMO_PROGRAM_OFFICER_EMAIL } from '../src/programs/programs.demo';
import { DEMO_PASSWORD } from '../src/startup/demo.loader';
import { percentile, round2, rssMb } from './stats';
import { freePort, productionNodeArgs } from '../test/support/portal-process';

const PG_SERVER = (process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(
  /\/[^/]*$/,
  '',
);
const ROOT = path.resolve(process.env.BENCH_PORTAL_ROOT ?? fromRoot());
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const USERS = Number(process.env.BENCH_LOAD_USERS ?? 64);
const WARM_UP_S = 15;
const ARRIVALS_MS = 10_000;
/** Steps between two sign-ins of one person (a session lasts 30 idle minutes; people sign in a few times a day). */
const SIGN_IN_EVERY = 100;
const PASSWORD = DEMO_PASSWORD;
const ACCOUNTS = {
  president: 'presidencia@barriopatrimonial.demo.quorum.cl',
  coordinator: 'seguridad.centro@laserena.demo.quorum.cl',
  officer: 'dideco@laserena.demo.quorum.cl',
  program: DEMO_PROGRAM_OFFICER_EMAIL,
};

interface Sample {
  step: string;
  status: number;
  ms: number;
  at: number;
}

class Recorder {
  readonly samples: Sample[] = [];
  readonly failures = new Map<string, number>();
  constructor(private readonly base: string) {}

  async request(
    step: string,
    route: string,
    init: RequestInit & { cookie?: string; token?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (init.cookie) headers.cookie = init.cookie;
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(`${this.base}${route}`, { ...init, headers, redirect: 'manual' });
      await res.arrayBuffer().then((b) => Object.defineProperty(res, 'bytes', { value: b }));
    } catch (err) {
      this.samples.push({ step, status: 0, ms: performance.now() - started, at: Date.now() });
      this.fail(step, 0, String(err));
      throw err;
    }
    const ms = performance.now() - started;
    this.samples.push({ step, status: res.status, ms, at: Date.now() });
    if (res.status >= 400) this.fail(step, res.status, '');
    return res;
  }

  private fail(step: string, status: number, why: string) {
    const key = `${step} ${status}${why ? ` ${why.slice(0, 80)}` : ''}`;
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }
}

const text = (res: Response) => Buffer.from((res as unknown as { bytes: ArrayBuffer }).bytes).toString('utf8');
const json = <T>(res: Response) => JSON.parse(text(res)) as T;
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]);

/** Signs in through the form as a browser does: its CSRF cookie and token, then the session cookie. */
async function signIn(rec: Recorder, email: string): Promise<string> {
  const form = await rec.request('login form', '/ingresar');
  const csrfCookies = cookiesOf(form).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(text(form))![1];
  const res = await rec.request('login', '/ingresar', {
    method: 'POST',
    cookie: csrfCookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString(),
  });
  const sid = cookiesOf(res).find((c) => c.startsWith('quorum.sid='));
  if (res.status !== 303 || !sid) throw new Error(`login ${email}: ${res.status}`);
  return sid;
}

async function apiToken(rec: Recorder, email: string): Promise<string> {
  const res = await rec.request('token', '/api/v1/auth/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return json<{ token: string }>(res).token;
}

async function startPortal(databaseUrl: string) {
  const port = await freePort();
  // BENCH_LOAD_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: where the portal's time goes under this load
  // --trace-gc: the live heap after each full collection tells a leak from V8 letting garbage pile up between them
  // the options `npm run start:prod` gives node (the heap cap), as deployed
  const nodeArgs = [
    ...productionNodeArgs(),
    '--trace-gc',
    ...(process.env.BENCH_LOAD_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TZ: 'UTC',
      NODE_ENV: 'production',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '1000',
      MAIL_WORKER: 'false',
      SESSION_SECRET: 'bench-load-secret-bench-load-secret-000',
      ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`el portal terminó: ${out.slice(-2000)}`);
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`el portal no respondió: ${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { child, base, output: () => out };
}

interface Plan {
  associationId: string;
  members: string[];
  meetings: string[];
  tableId: string;
  programId: string;
  communeCode: string;
}

/** Finds the demo's ids as the people would (their start pages and the API) and gives each president a meeting. */
async function prepare(rec: Recorder): Promise<Plan> {
  const president = await apiToken(rec, ACCOUNTS.president);
  const cookie = await signIn(rec, ACCOUNTS.president);
  const start = text(await rec.request('setup', '/inicio', { cookie }));
  const associationId = /href="\/organizaciones\/([0-9a-f-]{36})"/.exec(start)![1];
  const members = json<{ items: { id: string; status: string }[] }>(
    await rec.request('setup', `/api/v1/associations/${associationId}/members?status=active`, { token: president }),
  )
    .items.filter((m) => m.status === 'active')
    .map((m) => m.id);
  const meetings: string[] = [];
  for (let i = 0; i < USERS; i++) {
    // meetings already held, one a day going back from October 2026: each president records its own
    const day = new Date(Date.UTC(2026, 9, 1) - i * 86_400_000).toISOString().slice(0, 10);
    const res = await rec.request('setup', `/api/v1/associations/${associationId}/meetings`, {
      method: 'POST',
      token: president,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ localStart: `${day}T10:00`, kind: 'ordinary', place: 'Sede' }),
    });
    if (res.status !== 201) throw new Error(`reunión ${day}: ${res.status} ${text(res).slice(0, 300)}`);
    meetings.push(json<{ id: string }>(res).id);
  }
  const coordinator = await signIn(rec, ACCOUNTS.coordinator);
  const tableId = /href="\/mesas\/([0-9a-f-]{36})"/.exec(
    text(await rec.request('setup', '/inicio', { cookie: coordinator })),
  )![1];
  const program = await signIn(rec, ACCOUNTS.program);
  const programId = /href="\/programas\/([0-9a-f-]{36})"/.exec(
    text(await rec.request('setup', '/inicio', { cookie: program })),
  )![1];
  return { associationId, members, meetings, tableId, programId, communeCode: '04101' };
}

type Role = 'president' | 'table' | 'officer';

/** One person's day, step after step until the run ends. */
/** `n` accounts with the roles, person and password of a demo account: `carga-<i>-<email>`. */
async function copiesOf(db: Client, email: string, n: number): Promise<void> {
  await db.query(
    `WITH made AS (
       INSERT INTO app_user (email, name, password_hash, locale, person_id)
       SELECT 'carga-' || i || '-' || u.email, u.name, u.password_hash, u.locale, u.person_id
         FROM app_user u, generate_series(0, $2 - 1) i WHERE u.email = $1
       RETURNING id)
     INSERT INTO role_assignment (user_id, role, scope_type, scope_id, granted_by)
     SELECT made.id, r.role, r.scope_type, r.scope_id, r.granted_by
       FROM made, role_assignment r JOIN app_user u ON u.id = r.user_id AND u.email = $1`,
    [email, n],
  );
}

function accountOf(role: Role, index: number): string {
  const demo =
    role === 'president'
      ? ACCOUNTS.president
      : role === 'table'
        ? ACCOUNTS.coordinator
        : index % 2
          ? ACCOUNTS.officer
          : ACCOUNTS.program;
  return `carga-${index}-${demo}`;
}

async function person(rec: Recorder, role: Role, index: number, plan: Plan, until: number): Promise<void> {
  const email = accountOf(role, index);
  let cookie = '';
  let token = '';
  let version: number | undefined;
  const meeting = plan.meetings[index % plan.meetings.length];
  const a = plan.associationId;
  const steps: Record<Role, [string, () => Promise<unknown>][]> = {
    president: [
      ['start page', () => rec.request('start page', '/inicio', { cookie })],
      ['association page', () => rec.request('association page', `/organizaciones/${a}`, { cookie })],
      ['meetings list', () => rec.request('meetings list', `/organizaciones/${a}/reuniones`, { cookie })],
      ['meeting page', () => rec.request('meeting page', `/reuniones/${meeting}`, { cookie })],
      [
        'attendance',
        () =>
          rec.request('attendance', `/api/v1/meetings/${meeting}/attendance`, {
            method: 'PUT',
            token,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(
              plan.members.map((memberId, i) => ({ memberId, status: (i + index) % 4 ? 'present' : 'absent' })),
            ),
          }),
      ],
      [
        'acta save',
        async () => {
          const res = await rec.request('acta save', `/api/v1/meetings/${meeting}/minutes`, {
            method: 'PUT',
            token,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              ...(version === undefined ? {} : { version }),
              items: [{ title: 'Seguridad del barrio', notes: `Se revisa la ronda nocturna (${Date.now()}).` }],
              agreements: [
                { text: 'Pedir luminarias en calle Cordovez.', votesFor: 12, votesAgainst: 0, abstentions: 1 },
              ],
              commitments: [
                { description: 'Enviar la carta al municipio', ownerName: 'Secretaría', dueOn: '2026-12-20' },
              ],
            }),
          });
          if (res.status === 200) version = json<{ version: number }>(res).version;
        },
      ],
      ['commitments page', () => rec.request('commitments page', `/organizaciones/${a}/compromisos`, { cookie })],
      ['acta pdf', () => rec.request('acta pdf', `/api/v1/meetings/${meeting}/minutes.pdf`, { token })],
    ],
    table: [
      ['start page', () => rec.request('start page', '/inicio', { cookie })],
      ['table page', () => rec.request('table page', `/mesas/${plan.tableId}`, { cookie })],
      [
        'board (API)',
        () => rec.request('board (API)', `/api/v1/tables/${plan.tableId}/commitments?overdue=true`, { token }),
      ],
      ['board page', () => rec.request('board page', `/mesas/${plan.tableId}/compromisos`, { cookie })],
    ],
    officer: [
      ['start page', () => rec.request('start page', '/inicio', { cookie })],
      ...(index % 2
        ? ([
            [
              'registry page',
              () => rec.request('registry page', `/organizaciones?communeCode=${plan.communeCode}`, { cookie }),
            ],
            ['association page', () => rec.request('association page', `/organizaciones/${a}`, { cookie })],
          ] as [string, () => Promise<unknown>][])
        : ([
            ['program page', () => rec.request('program page', `/programas/${plan.programId}`, { cookie })],
            [
              'portfolio (API)',
              () => rec.request('portfolio (API)', `/api/v1/programs/${plan.programId}/portfolio`, { token }),
            ],
          ] as [string, () => Promise<unknown>][])),
    ],
  };
  // people arrive over the first ten seconds, as a morning does, not all in the same millisecond
  await new Promise((r) => setTimeout(r, (index * ARRIVALS_MS) / USERS));
  let n = 0;
  while (Date.now() < until) {
    if (n % SIGN_IN_EVERY === 0) {
      cookie = await signIn(rec, email).catch(() => cookie);
      if (!token) token = await apiToken(rec, email).catch(() => '');
    }
    const [, run] = steps[role][n % steps[role].length];
    await run().catch(() => undefined);
    n++;
  }
}

function summary(samples: Sample[]) {
  const sorted = samples.map((s) => s.ms).sort((x, y) => x - y);
  return {
    requests: samples.length,
    p50Ms: round2(percentile(sorted, 50)),
    p95Ms: round2(percentile(sorted, 95)),
    p99Ms: round2(percentile(sorted, 99)),
  };
}

export async function load(): Promise<Record<string, unknown>> {
  const name = `quorum_bench_load_${process.pid}`;
  const admin = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const portal = await startPortal(`${PG_SERVER}/${name}`);
  const rss: { at: number; mb: number }[] = [];
  try {
    const setup = new Recorder(portal.base);
    const plan = await prepare(setup);
    const db = new Client({ connectionString: `${PG_SERVER}/${name}` });
    await db.connect();
    for (const email of Object.values(ACCOUNTS)) await copiesOf(db, email, USERS);
    await db.end();
    const rec = new Recorder(portal.base);
    const started = Date.now();
    const until = started + SECONDS * 1000;
    const sampler = setInterval(() => rss.push({ at: Date.now() - started, mb: rssMb(portal.child.pid!) }), 1000);
    const roles: Role[] = Array.from({ length: USERS }, (_, i) =>
      i < Math.round(USERS * 0.625) ? 'president' : i < Math.round(USERS * 0.8125) ? 'table' : 'officer',
    );
    await Promise.all(roles.map((role, i) => person(rec, role, i, plan, until)));
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    const afterWarmUp = rec.samples.filter((s) => s.at - started >= WARM_UP_S * 1000);
    const steps = [...new Set(rec.samples.map((s) => s.step))].sort();
    const warm = rss.filter((r) => r.at >= WARM_UP_S * 1000);
    const rssGrowthMb = warm.length ? round2(warm[warm.length - 1].mb - warm[0].mb) : null;
    const liveHeap = liveHeapAfterFullGc(portal.output(), started, WARM_UP_S * 1000);
    const errors = rec.samples.filter((s) => s.status === 0 || s.status >= 400).length;
    const serverErrors = rec.samples.filter((s) => s.status >= 500).length;
    const portalSha = await gitHead(ROOT);
    return {
      portal: { root: ROOT === fromRoot() ? '.' : ROOT, commit: portalSha },
      users: USERS,
      seconds: round2(seconds),
      requestsPerSecond: round2(rec.samples.length / seconds),
      ...summary(rec.samples),
      afterWarmUp: { requestsPerSecond: round2(afterWarmUp.length / (seconds - WARM_UP_S)), ...summary(afterWarmUp) },
      errors,
      serverErrors,
      failures: Object.fromEntries(rec.failures),
      rssMb: {
        start: rss[0]?.mb,
        afterWarmUp: warm[0]?.mb,
        end: rss[rss.length - 1]?.mb,
        growthAfterWarmUp: rssGrowthMb,
        // every 5 s, to tell a heap settling after warm-up from a leak
        series: rss.filter((_, i) => i % 5 === 0).map((r) => Math.round(r.mb)),
      },
      liveHeapMbAfterFullGc: liveHeap,
      steps: Object.fromEntries(steps.map((s) => [s, summary(rec.samples.filter((x) => x.step === s))])),
      pass: errors === 0 && serverErrors === 0 && rssGrowthMb !== null && rssGrowthMb < 50,
    };
  } finally {
    portal.child.kill('SIGTERM');
    if (process.env.BENCH_LOAD_LOG) fs.writeFileSync(process.env.BENCH_LOAD_LOG, portal.output());
    await new Promise((r) => portal.child.once('exit', r));
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * The main thread's heap after each full collection (V8's --trace-gc lines "Mark-Compact a (b) -> live (c) MB"), after
 * the warm-up: first, last and the most. The first isolate to print is the main thread's (workers have their own).
 */
function liveHeapAfterFullGc(output: string, startedAt: number, warmUpMs: number) {
  const lines = [
    ...output.matchAll(/\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g),
  ];
  if (!lines.length) return null;
  const main = lines[0][1];
  // the process's clock starts with the process; the run starts later: take the collections of the last part
  const times = lines.filter((l) => l[1] === main).map((l) => ({ ms: Number(l[2]), mb: Number(l[3]) }));
  const end = times[times.length - 1].ms;
  const runMs = Date.now() - startedAt;
  const warm = times.filter((t) => t.ms >= end - runMs + warmUpMs);
  if (!warm.length) return null;
  return {
    first: warm[0].mb,
    last: warm[warm.length - 1].mb,
    most: Math.max(...warm.map((t) => t.mb)),
    collections: warm.length,
  };
}

async function gitHead(root: string): Promise<string | null> {
  try {
    const head = fs.readFileSync(path.join(root, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    return fs.readFileSync(path.join(root, '.git', head.slice(5)), 'utf8').trim();
  } catch {
    return null;
  }
}
