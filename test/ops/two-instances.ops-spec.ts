import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bearer } from '../support/api-problem';
import { Nginx, PROXY_ADDRESS } from '../support/nginx';
import { freePort, PortalProcess } from '../support/portal-process';
import { newSecurityCouncil } from '../support/table-fixtures';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { Client } from 'pg';

jest.setTimeout(120_000);

type Answer = { status: number; text: string; location: string | null; upstream: string | null; bytes: Buffer };

/** A browser's cookie jar over fetch: cookies are kept whichever instance (or nginx) set them. */
class Browser {
  readonly cookies = new Map<string, string>();

  private header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private async keep(res: Response): Promise<Answer> {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0];
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      text: bytes.toString('utf8'),
      location: res.headers.get('location'),
      upstream: res.headers.get('x-upstream'),
      bytes,
    };
  }

  async get(base: string, url: string): Promise<Answer> {
    return this.keep(await fetch(base + url, { redirect: 'manual', headers: this.header() }));
  }

  async post(base: string, url: string, form: Record<string, string>): Promise<Answer> {
    return this.keep(
      await fetch(base + url, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...this.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      }),
    );
  }
}

const csrfOf = (page: Answer): string => {
  const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
  if (!m) throw new Error(`no hay token CSRF en la página (${page.status})`);
  return m[1];
};

/** A JSON answer as the tests read it (fields asserted on, never trusted). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers' shapes are what the assertions check
type Json = any;

async function api(
  base: string,
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = { ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let payload: FormData | string | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(base + url, { method, headers, body: payload });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    body: /json/.test(type) ? JSON.parse(bytes.toString('utf8')) : null,
    headers: res.headers,
    bytes,
  };
}

/** A date in Santiago, `days` from today (the processes run on the real clock). */
function santiagoDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const addressOf = (m: { to?: unknown }) => (m.to as { value: { address: string }[] }).value[0].address;

/**
 * Issue 21 item 5: two portal processes that share nothing but the PostgreSQL database (each its own port,
 * EVIDENCE_DIR and DATA_DIR), both with their mail worker and hourly jobs on, behind Debian's nginx (round robin,
 * X-Forwarded-For/Proto, TRUST_PROXY naming nginx's address only). Signed in through one, a user acts through the other; forms,
 * uploads, mail, reminders, approvals and the sign-in throttle behave whichever instance answers: nothing sent
 * twice, nothing lost.
 */
describe('two instances behind nginx, sharing only the database', () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-two-'));
  let db: TestDatabase | null = null;
  let peer: SmtpPeer | null = null;
  let nginx: Nginx | null = null;
  let a: PortalProcess | null = null;
  let b: PortalProcess | null = null;
  let sql: Client | null = null;
  let A: string; // instance A, directly
  let B: string; // instance B, directly
  let N: string; // through nginx

  const seed = {
    tableId: '',
    sessions: [] as string[],
    evidenceCommitment: '',
    officer: { email: 'dideco@laserena.example.cl', password: 'clave-de-prueba-123' },
    throttled: { email: 'tesorera@laserena.example.cl', password: 'clave-de-prueba-123' },
    adminToken: '',
    coordinatorToken: '',
    carabinerosToken: '',
  };

  const query = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await sql!.query(text, params)).rows as T[];

  beforeAll(async () => {
    db = await createTestDatabase();
    peer = await SmtpPeer.start();

    // The scenario, written before the instances start (through the real services and API in this process):
    // a security council with contacts, held sessions with draft actas, commitments in both reminder windows.
    const ctx = await createTestApp({
      database: db,
      now: new Date(),
      env: { REMINDER_DAYS_BEFORE: '0', REMINDER_DAYS_AFTER: '0', MAIL_WORKER: 'false', LOGIN_RATE_LIMIT: '1000' },
    });
    try {
      const officer = await ctx.apiToken(
        await ctx.newUser({ ...seed.officer, name: 'Dideco La Serena', roles: [['municipal_officer', '04101']] }),
      );
      await ctx.newUser({ ...seed.throttled, name: 'Tesorera', roles: [['municipal_officer', '04101']] });
      seed.adminToken = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
      const { tableId, comisario, pdi } = await newSecurityCouncil(ctx, officer);
      seed.tableId = tableId;
      for (const days of [-9, -8, -7]) {
        const session = await ctx.http
          .post(`/api/v1/tables/${seed.tableId}/meetings`)
          .set(bearer(officer))
          .send({ localStart: `${santiagoDay(days)}T10:00`, place: 'Municipalidad' })
          .expect(201);
        seed.sessions.push(session.body.id);
      }
      await ctx.http
        .put(`/api/v1/meetings/${seed.sessions[0]}/minutes`)
        .set(bearer(officer))
        .send({
          commitments: [
            // REMINDER_DAYS_BEFORE=3: due in two days, both Carabineros contacts are reminded
            { description: 'Rondas en O’Higgins', ownerInstitutionId: comisario.institutionId, dueOn: santiagoDay(2) },
            // REMINDER_DAYS_AFTER=1: five days overdue, the inspector is reminded
            { description: 'Informe de robos', ownerParticipantId: pdi.id, dueOn: santiagoDay(-5) },
            // outside both windows: the upload's commitment
            { description: 'Cámaras en la plaza', ownerInstitutionId: comisario.institutionId, dueOn: santiagoDay(60) },
          ],
        })
        .expect(200);
      for (const session of seed.sessions.slice(1))
        await ctx.http
          .put(`/api/v1/meetings/${session}/minutes`)
          .set(bearer(officer))
          .send({
            commitments: [
              { description: 'Seguimiento', ownerInstitutionId: pdi.institutionId, dueOn: santiagoDay(90) },
            ],
          })
          .expect(200);
      seed.evidenceCommitment = (
        await ctx.query<{ id: string }>(`SELECT id FROM commitment WHERE description = 'Cámaras en la plaza'`)
      )[0].id;
      seed.coordinatorToken = await ctx.apiToken(
        await ctx.newUser({ name: 'Coordinadora del Consejo', roles: [['table_coordinator', seed.tableId]] }),
      );
      seed.carabinerosToken = await ctx.apiToken(
        await ctx.newUser({
          email: 'comisario@carabineros.example.cl',
          name: 'Comisario',
          roles: [['table_participant', seed.tableId]],
        }),
      );
      expect(await ctx.count('outbox_message')).toBe(0); // every mail below comes from the two instances
    } finally {
      await ctx.close({ keepDatabase: true });
    }

    // two instances and nginx in front of them, started together
    const [portA, portB, portN] = await Promise.all([freePort(), freePort(), freePort()]);
    N = `http://127.0.0.1:${portN}`;
    const env = (name: string): Record<string, string> => {
      const dir = path.join(temp, name);
      fs.mkdirSync(path.join(dir, 'evidence'), { recursive: true });
      return {
        NODE_ENV: 'production',
        DATABASE_URL: db!.url!,
        DB_POOL_SIZE: '4',
        MIGRATIONS_RUN: 'false',
        PUBLIC_URL: N,
        TRUST_PROXY: PROXY_ADDRESS, // nginx, which connects from there (proxy_bind)
        DATA_DIR: dir,
        EVIDENCE_DIR: path.join(dir, 'evidence'),
        SMTP_URL: peer!.url,
        MAIL_WORKER: 'true',
        MAIL_POLL_MS: '200',
        REMINDER_DAYS_BEFORE: '3',
        REMINDER_DAYS_AFTER: '1',
        LOGIN_RATE_LIMIT: '1000', // the per-minute limit of sign-ins is not what the throttle test measures
        VERIFY_RATE_LIMIT: '6', // the public verification's per-minute limit per client, counted by both
        LOG_LEVEL: 'warn',
      };
    };
    [a, b] = await Promise.all([
      PortalProcess.start({ ...env('a'), PORT: String(portA) }),
      PortalProcess.start({ ...env('b'), PORT: String(portB) }),
    ]);
    [nginx] = await Promise.all([Nginx.start([portA, portB], portN), a.ready(90_000), b.ready(90_000)]);
    A = a.url;
    B = b.url;
    sql = new Client({ connectionString: db.url! });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end().catch(() => undefined);
    await nginx?.stop().catch(() => undefined);
    await Promise.all(
      [a, b].map(async (p) => {
        if (!p) return;
        const stop = p.stop('SIGTERM');
        const timer = setTimeout(() => p.kill(), 10_000);
        await stop.catch(() => undefined);
        clearTimeout(timer);
      }),
    );
    await peer?.stop().catch(() => undefined);
    await db?.drop().catch(() => undefined);
    fs.rmSync(temp, { recursive: true, force: true });
  });

  it('nginx spreads requests over both instances, round robin', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => new Browser().get(N, '/health/ready')));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((r) => r.upstream))).toEqual(new Set([`127.0.0.1:${a!.port}`, `127.0.0.1:${b!.port}`]));
    expect(nginx!.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });

  it('sessions: signed in through A (its form and CSRF token), signed in through B and through nginx; signed out through B, signed out on A', async () => {
    const browser = new Browser();
    const form = await browser.get(A, '/ingresar');
    expect(form.status).toBe(200);
    const login = await browser.post(A, '/ingresar', { _csrf: csrfOf(form), ...seed.officer });
    expect([login.status, login.location]).toEqual([303, '/inicio']);
    expect(browser.cookies.has('quorum.sid')).toBe(true);

    const onB = await browser.get(B, '/cuenta');
    expect(onB.status).toBe(200);
    expect(onB.text).toContain(seed.officer.email);
    // through nginx, answered by both instances in turn, always signed in
    const through = [];
    for (let i = 0; i < 6; i++) through.push(await browser.get(N, '/cuenta'));
    expect(through.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(through.every((r) => r.text.includes(seed.officer.email))).toBe(true);
    expect(new Set(through.map((r) => r.upstream)).size).toBe(2);

    // logout through B with the token of a page A rendered
    const page = await browser.get(A, '/cuenta');
    const out = await browser.post(B, '/salir', { _csrf: csrfOf(page) });
    expect(out.status).toBe(303);
    const afterA = await browser.get(A, '/cuenta');
    expect(afterA.status).toBe(303);
    expect(afterA.location).toMatch(/^\/ingresar/);
    const sid = [...browser.cookies].length ? browser.cookies.get('quorum.sid') : undefined;
    expect(sid).toBeUndefined();
  });

  it('CSRF: a token rendered by A is accepted by B (and the login form of B by A); a forged or missing one is refused by both', async () => {
    const browser = new Browser();
    const form = await browser.get(B, '/ingresar');
    const login = await browser.post(A, '/ingresar', { _csrf: csrfOf(form), ...seed.officer });
    expect(login.status).toBe(303);
    const page = await browser.get(A, '/cuenta');
    const token = csrfOf(page);
    const forged = token.slice(0, -4) + (token.endsWith('aaaa') ? 'bbbb' : 'aaaa');
    for (const base of [A, B]) {
      for (const body of [{ _csrf: forged }, {}] as Record<string, string>[]) {
        const refused = await browser.post(base, '/salir', body);
        expect(refused.status).toBe(403);
        expect(refused.text).toContain('formulario');
      }
      expect((await browser.get(base, '/cuenta')).status).toBe(200); // still signed in
    }
    expect((await browser.post(B, '/salir', { _csrf: token })).status).toBe(303);
    expect((await browser.get(A, '/cuenta')).status).toBe(303);
  });

  it('uploads: evidence uploaded through A downloads byte-identical through B and through nginx', async () => {
    const content = Buffer.concat([
      Buffer.from('%PDF-1.4\n', 'latin1'),
      randomBytes(300_000),
      Buffer.from('\n%%EOF\n', 'latin1'),
    ]);
    const form = new FormData();
    form.append('note', 'Cámaras instaladas en la plaza de armas.');
    form.append('status', 'in_progress');
    form.append('evidence', new Blob([content], { type: 'application/pdf' }), 'camaras-plaza.pdf');
    const up = await api(
      A,
      'POST',
      `/api/v1/commitments/${seed.evidenceCommitment}/updates`,
      seed.carabinerosToken,
      form,
    );
    expect(up.status).toBe(201);
    const id = up.body.update.evidence.id as string;
    for (const base of [B, N, N]) {
      const down = await api(base, 'GET', `/api/v1/evidence/${id}`, seed.coordinatorToken);
      expect(down.status).toBe(200);
      expect(down.headers.get('content-type')).toBe('application/pdf');
      expect(down.bytes.equals(content)).toBe(true);
    }
    // nothing of it in B's own directories: what B served came from what both share
    expect(filesUnder(path.join(temp, 'b'))).toEqual([]);
  });

  it('the sign-in throttle: failures split over A, B and nginx fill one account budget, and the wait holds on every instance; client addresses come from nginx only', async () => {
    const { email, password } = seed.throttled;
    const forged = { 'x-forwarded-for': '203.0.113.66' }; // a client pretending to be elsewhere
    const attempt = (base: string, pass: string) =>
      api(base, 'POST', '/api/v1/auth/tokens', null, { email, password: pass }, forged);
    expect((await attempt(B, password)).status).toBe(201); // the right password works before
    const statuses = [];
    for (const base of [A, B, N, A, N]) statuses.push((await attempt(base, 'no-es-la-clave')).status);
    expect(statuses).toEqual(Array(5).fill(401));
    // the fifth failure (two on A, one on B, two through nginx, to whichever answered) makes the account wait: the
    // right password is now refused everywhere, with the same 401 as a wrong one (it says nothing of the account)
    for (const base of [B, A, N, N]) expect((await attempt(base, password)).status).toBe(401);
    const failures = await query<{ reason: string; ip: string }>(
      `SELECT details->>'reason' AS reason, ip FROM audit_log
        WHERE action = 'auth.login_failed' AND details->>'email' = $1 ORDER BY id`,
      [email],
    );
    expect(failures.map((f) => f.reason)).toEqual([...Array(5).fill('wrong_password'), ...Array(4).fill('throttled')]);
    // the client's address: through nginx from its X-Forwarded-For (nginx itself connects from 127.0.0.3), and
    // directly the connection's, the forged header ignored (TRUST_PROXY names nginx only)
    expect(new Set(failures.map((f) => f.ip))).toEqual(new Set(['127.0.0.1']));
    // the owner is told once, whichever instance counted the failure that crossed the line
    const told = () => peer!.messages.filter((m) => addressOf(m) === email);
    const deadline = Date.now() + 10_000;
    while (told().length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(told()).toHaveLength(1);
  });

  it("rate limits: the public verification's budget per client and minute is counted once across both instances", async () => {
    const statuses = [];
    for (const base of [A, B, A, B, A, B]) statuses.push((await new Browser().get(base, '/verificar')).status);
    expect(statuses).toEqual(Array(6).fill(200));
    // the seventh in the minute, wherever it lands
    for (const base of [A, B, N]) {
      const refused = await api(base, 'GET', '/verificar', null);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('approvals: the same acta approved at once through A and B is approved once, with one number; the others get a clear refusal, never a 500', async () => {
    const numbers: number[] = [];
    for (const session of seed.sessions) {
      // two requests to each instance at the same moment (one pair alone rarely overlaps inside the transaction)
      const answers = (
        await Promise.all(
          [A, B, A, B].map((base) =>
            api(base, 'POST', `/api/v1/meetings/${session}/minutes/approve`, seed.coordinatorToken, {}),
          ),
        )
      ).sort((p, q) => p.status - q.status);
      expect(answers.map((r) => r.status === 200)).toEqual([true, false, false, false]);
      for (const refused of answers.slice(1)) {
        expect([409, 422]).toContain(refused.status);
        expect(refused.body.detail).toMatch(/ya fue aprobada/);
      }
      numbers.push(answers[0].body.number);
    }
    expect(numbers).toEqual([1, 2, 3]);
    // one approval each: one number, one audit entry, one issued PDF; the hashes chained in order
    const rows = await query<{
      number: number;
      content_hash: string;
      previous_hash: string | null;
      audits: string;
      documents: string;
    }>(
      `SELECT m.number, m.content_hash, m.previous_hash,
              (SELECT count(*) FROM audit_log a WHERE a.action = 'minutes.approved' AND a.object_id = m.meeting_id::text)::text AS audits,
              (SELECT count(*) FROM document d WHERE d.kind = 'minutes' AND d.owner_id = m.id::text)::text AS documents
         FROM minutes m WHERE m.meeting_id = ANY($1) ORDER BY m.number`,
      [seed.sessions],
    );
    expect(rows.map((r) => [r.number, r.audits, r.documents])).toEqual([
      [1, '1', '1'],
      [2, '1', '1'],
      [3, '1', '1'],
    ]);
    expect(rows.map((r) => r.previous_hash)).toEqual([null, rows[0].content_hash, rows[1].content_hash]);
  });

  it('the outbox: invitations made through A, B and nginx at once are each delivered exactly once while both workers poll', async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `invitada.${i + 1}@laserena.example.cl`);
    const made = await Promise.all(
      emails.map((email, i) =>
        api([A, B, N][i % 3], 'POST', '/api/v1/users', seed.adminToken, {
          email,
          name: `Invitada ${i + 1}`,
          roles: [{ role: 'municipal_officer', scopeType: 'commune', scopeId: '04101' }],
        }),
      ),
    );
    expect(made.map((r) => r.status)).toEqual(Array(12).fill(201));
    const delivered = () => peer!.messages.filter((m) => emails.includes(addressOf(m)));
    const deadline = Date.now() + 20_000;
    while (delivered().length < emails.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_500)); // several more polls of both workers
    expect(delivered().map(addressOf).sort()).toEqual([...emails].sort());
    const rows = await query<{ sent: boolean; n: string }>(
      `SELECT sent_at IS NOT NULL AND failed_at IS NULL AS sent, count(*)::text AS n
         FROM outbox_message WHERE lower(to_address) = ANY($1) GROUP BY 1`,
      [emails],
    );
    expect(rows).toEqual([{ sent: true, n: '12' }]);
  });

  it('reminders: the hourly job ran at start in both instances, and each reminder went out once', async () => {
    const reminders = () => peer!.messages.filter((m) => /^(Recordatorio|Compromiso vencido)/.test(m.subject ?? ''));
    const deadline = Date.now() + 20_000;
    while (reminders().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(
      reminders()
        .map((m) => [addressOf(m), m.subject!.split(' (')[0]])
        .sort(),
    ).toEqual([
      ['comisario@carabineros.example.cl', `Recordatorio: compromiso con plazo el ${dmy(santiagoDay(2))}`],
      ['enlace@carabineros.example.cl', `Recordatorio: compromiso con plazo el ${dmy(santiagoDay(2))}`],
      ['inspector@pdi.example.cl', `Compromiso vencido el ${dmy(santiagoDay(-5))}`],
    ]);
  });

  it('nothing was sent twice, and neither instance logged an error', async () => {
    const keys = peer!.messages.map((m) => `${addressOf(m)} ${m.subject}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const pending = await query(`SELECT to_address, subject FROM outbox_message WHERE sent_at IS NULL`);
    expect(pending).toEqual([]);
    for (const p of [a!, b!]) expect(p.stdout + p.stderr).not.toMatch(/"level":50|\bERROR\b/);
  });
});

/** Every file under a directory (the instance's own DATA_DIR and EVIDENCE_DIR). */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}
