import { Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import type { TestContext } from '../support/test-app';
import { CaseGenerator, type FuzzCase, type OpenApiDocument, type Operation, operationsOf } from './generators';
import type { Caller, SeededScenario } from './scenario';
import { type Fingerprint, TableFingerprint } from './table-fingerprint';

/** A request that takes longer than this has not been answered (a hang is a finding too). */
const ANSWER_WITHIN_MS = 30_000;

/**
 * Writes a refusal may leave besides its audit row, by design: a failed sign-in counts against the account's and
 * the source's budgets, and may mail the account's owner once per attack window (issue 22 item 8); every attempt
 * counts against the per-minute limit, kept in the database for all instances (rate_limit, issue 21 item 5).
 */
const WRITES_A_REFUSAL_MAY_LEAVE: Record<string, string[]> = {
  'POST /api/v1/auth/tokens': ['login_throttle', 'outbox_message', 'rate_limit'],
};

export interface Finding {
  kind: 'server error' | 'write after a refusal' | 'no answer' | 'accepted without the right';
  case: FuzzCase<Caller>;
  status: number | null;
  detail: string;
}

export interface FuzzOptions {
  seed: string;
  casesPerOperation: number;
  /** Only operations whose key contains this text, and only case `#n` when given (`PUT /api/v1/x#17`). */
  only?: string;
  /** Operations left out (e.g. test-only routes another test fuzzes). */
  exclude?: (op: Operation) => boolean;
  /** Per operation and strategy, the statuses seen (FUZZ_VERBOSE). */
  verbose?: boolean;
  /** Prints the cases of a strategy that got a status, with their answers, e.g. `valid:400` (FUZZ_SHOW). */
  show?: string;
}

export interface FuzzResult {
  seed: string;
  operations: number;
  cases: number;
  findings: Finding[];
  statuses: Map<number, number>;
  accepted: number;
  acceptedWrites: number;
  /** 503s answered while the database itself did not answer (not findings; the run waits for it). */
  databaseDown: number;
  seconds: number;
  requestSeconds: number;
  countingSeconds: number;
  slowest: string;
  perStrategy: Map<string, Map<number, number>>;
  /** FUZZ_VERBOSE: the tables with most rows at the end. */
  largestTables?: string;
  /** FUZZ_SHOW: the cases asked for, with their answers. */
  shown: string[];
}

function show(text: string, max = 400): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > max ? `${escaped.slice(0, max)}… (${text.length.toLocaleString('en')} characters)` : escaped;
}

/** The request as a person would retype it, shortened where it is huge, with how to run it alone. */
export function describeCase(c: FuzzCase<Caller>, seed: string): string {
  const lines = [
    `${c.op.key} case #${c.index} (${c.strategy}) as ${c.caller}`,
    `  ${c.op.method} ${c.path}${c.query ? `?${show(c.query, 300)}` : ''}`,
  ];
  for (const [k, v] of Object.entries(c.headers)) lines.push(`  ${k}: ${v}`);
  if (c.body !== null)
    lines.push(
      Buffer.isBuffer(c.body)
        ? `  body (${c.body.length.toLocaleString('en')} bytes): ${c.body.subarray(0, 120).toString('hex')}`
        : `  body: ${show(c.body)}`,
    );
  if (c.multipart) {
    for (const [k, v] of c.multipart.fields) lines.push(`  field ${show(k, 60)} = ${show(v, 200)}`);
    for (const f of c.multipart.files)
      lines.push(
        `  file ${f.field}: ${show(f.name, 100)} (${f.contentType}, ${f.content.length.toLocaleString('en')} bytes)`,
      );
  }
  lines.push(`  reproduce: FUZZ_SEED='${seed}' FUZZ_ONLY='${c.op.key}#${c.index}' npm run test:fuzz`);
  return lines.join('\n');
}

/** `fuzz: 4,830 cases, 0 server errors, 0 writes after a refusal (...)` and, when there are findings, each one. */
export function formatReport(r: FuzzResult, maxFindings = 25): string {
  const count = (...kinds: Finding['kind'][]) => r.findings.filter((f) => kinds.includes(f.kind)).length;
  const byStatus = [...r.statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}: ${n.toLocaleString('en')}`)
    .join(', ');
  const lines = [
    `fuzz: ${r.cases.toLocaleString('en')} cases, ${count('server error', 'no answer')} server errors, ` +
      `${count('write after a refusal')} writes after a refusal, ${count('accepted without the right')} accepted without the right ` +
      `(seed '${r.seed}', ${r.operations} operations, ${r.seconds.toFixed(1)} s)`,
    `  answers: ${byStatus}; ${r.accepted.toLocaleString('en')} accepted, ${r.acceptedWrites.toLocaleString('en')} of them wrote` +
      (r.databaseDown ? `; ${r.databaseDown} answered 503 while the database was down` : ''),
    `  time: ${r.requestSeconds.toFixed(1)} s in requests, ${r.countingSeconds.toFixed(1)} s counting rows; slowest ${r.slowest}`,
  ];
  if (r.largestTables) lines.push(`  largest tables: ${r.largestTables}`);
  for (const [k, m] of [...r.perStrategy.entries()].sort())
    lines.push(`  ${k}: ${[...m.entries()].map(([s, n]) => `${s}×${n}`).join(' ')}`);
  for (const shown of r.shown) lines.push('', shown);
  for (const f of r.findings.slice(0, maxFindings))
    lines.push('', `${f.kind.toUpperCase()} (${f.status ?? 'no status'}): ${f.detail}`, describeCase(f.case, r.seed));
  if (r.findings.length > maxFindings) lines.push(`… and ${r.findings.length - maxFindings} more`);
  return lines.join('\n');
}

/** Whether the database answers `SELECT 1` (within `waitMs`, trying again every half second). */
async function databaseAnswers(ctx: TestContext, waitMs = 0): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    if (
      await ctx
        .query('SELECT 1')
        .then(() => true)
        .catch(() => false)
    )
      return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function countFiles(dir: string): number {
  try {
    return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

/**
 * Sends the cases one at a time and reads every table's fingerprint after each: a 5xx (or no answer) is a
 * finding, and so is any change to a table (or to the evidence files) after a 4xx. The cases run operation after
 * operation in rounds (case 0 of each, then case 1...), so that what one operation creates is there for the others.
 */
export async function runFuzz(
  ctx: TestContext,
  doc: OpenApiDocument,
  scenario: SeededScenario,
  options: FuzzOptions,
): Promise<FuzzResult> {
  const started = Date.now();
  const operations = operationsOf(doc).filter((op) => !options.exclude?.(op));
  const generator = new CaseGenerator<Caller>(doc, scenario, options.seed);
  const tables = await TableFingerprint.of(ctx.dataSource);
  const evidenceDir = ctx.config.evidence.dir;
  const snapshot = async (): Promise<Fingerprint> => {
    const f = await tables.read();
    f.set(`files in ${evidenceDir}`, { rows: countFiles(evidenceDir), xmin: '0' });
    return f;
  };
  // the error filter logs each unhandled error with its stack: kept to print next to the request that caused it
  const errorsLogged: unknown[][] = [];
  const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
    errorsLogged.push(args);
  });

  const [onlyOp, onlyIndex] = (options.only ?? '').split('#');
  const exact = operations.some((op) => op.key === onlyOp);
  const selected = (op: Operation) => !onlyOp || (exact ? op.key === onlyOp : op.key.includes(onlyOp));
  const plan: [Operation, number][] = [];
  for (let i = 0; i < options.casesPerOperation; i++)
    for (const op of operations)
      if (selected(op) && (onlyIndex === undefined || Number(onlyIndex) === i)) plan.push([op, i]);

  const r: FuzzResult = {
    seed: options.seed,
    operations: operations.length,
    cases: plan.length,
    findings: [],
    statuses: new Map(),
    accepted: 0,
    acceptedWrites: 0,
    databaseDown: 0,
    seconds: 0,
    requestSeconds: 0,
    countingSeconds: 0,
    slowest: '',
    perStrategy: new Map(),
    shown: [],
  };
  let slowestMs = -1;
  const timeByOperation = new Map<string, number>();
  try {
    let before = await snapshot();
    for (const [op, index] of plan) {
      const c = generator.build(op, index);
      errorsLogged.length = 0;
      const t0 = Date.now();
      let status: number | null = null;
      let text = '';
      try {
        ({ status, text } = await send(ctx, scenario, c));
      } catch (err) {
        r.findings.push({ kind: 'no answer', case: c, status: null, detail: String((err as Error)?.message ?? err) });
      }
      const ms = Date.now() - t0;
      r.requestSeconds += ms / 1000;
      if (options.verbose) timeByOperation.set(op.key, (timeByOperation.get(op.key) ?? 0) + ms);
      if (ms > slowestMs) [slowestMs, r.slowest] = [ms, `${c.op.key} #${c.index} (${c.strategy}): ${ms} ms`];
      const t1 = Date.now();
      let after: Fingerprint;
      try {
        after = await snapshot();
      } catch {
        // the database went away (or the fingerprint failed, which the second try reports)
        if (!(await databaseAnswers(ctx, 15_000)))
          throw new Error(`the database stopped answering during the fuzz run (at ${c.op.key} #${c.index})`);
        after = await snapshot();
      }
      r.countingSeconds += (Date.now() - t1) / 1000;
      if (status !== null) {
        r.statuses.set(status, (r.statuses.get(status) ?? 0) + 1);
        if (options.verbose) {
          const m = r.perStrategy.get(`${op.key} ${c.strategy}`) ?? new Map<number, number>();
          m.set(status, (m.get(status) ?? 0) + 1);
          r.perStrategy.set(`${op.key} ${c.strategy}`, m);
        }
        const changed = TableFingerprint.diff(before, after);
        if (options.show === `${c.strategy}:${status}` && r.shown.length < 30)
          r.shown.push(`${describeCase(c, r.seed)}\n  answer: ${show(text, 500)}`);
        if (status === 503 && !(await databaseAnswers(ctx))) {
          // the database itself is down (not the app's fault): wait for it, or give up the run
          r.databaseDown++;
          if (!(await databaseAnswers(ctx, 15_000)))
            throw new Error(`the database stopped answering during the fuzz run (at ${c.op.key} #${c.index})`);
          before = await snapshot();
          continue;
        }
        if (status >= 500) {
          const logged = errorsLogged
            .flat()
            .map((a) => (a as { err?: Error } | null)?.err?.stack ?? (typeof a === 'string' ? a : ''))
            .filter(Boolean)
            .join('\n')
            .slice(0, 1_500);
          r.findings.push({
            kind: 'server error',
            case: c,
            status,
            detail: `${show(text, 300)}${logged ? `\n  logged: ${logged}` : ''}`,
          });
        } else if (status >= 400) {
          const allowed = WRITES_A_REFUSAL_MAY_LEAVE[op.key] ?? [];
          const writes = changed.filter((d) => !allowed.includes(d.split(' ')[0]));
          if (writes.length)
            r.findings.push({
              kind: 'write after a refusal',
              case: c,
              status,
              detail: `${writes.join(', ')}; answer: ${show(text, 300)}`,
            });
        } else if (status < 300) {
          r.accepted++;
          if (changed.length) r.acceptedWrites++;
          if (!c.mayAct)
            r.findings.push({
              kind: 'accepted without the right',
              case: c,
              status,
              detail: `${changed.length ? `${changed.join(', ')}; ` : ''}answer: ${show(text, 300)}`,
            });
        }
      }
      before = after;
    }
    if (options.verbose)
      r.slowest += `; by operation: ${[...timeByOperation.entries()]
        .sort(([, a], [, b]) => b - a)
        .slice(0, 10)
        .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
        .join(', ')}`;
    if (options.verbose)
      r.largestTables = [...before.entries()]
        .sort(([, a], [, b]) => b.rows - a.rows)
        .slice(0, 8)
        .map(([t, v]) => `${t} ${v.rows}`)
        .join(', ');
  } finally {
    spy.mockRestore();
  }
  r.seconds = (Date.now() - started) / 1000;
  return r;
}

async function send(ctx: TestContext, scenario: SeededScenario, c: FuzzCase<Caller>) {
  const url = `${c.path}${c.query ? `?${c.query}` : ''}`;
  const method = c.op.method.toLowerCase() as 'post' | 'put' | 'patch';
  let req = ctx.http[method](url).timeout({ response: ANSWER_WITHIN_MS, deadline: ANSWER_WITHIN_MS + 10_000 });
  if (c.caller === 'badToken') req = req.set('Authorization', 'Bearer qrm_no-es-un-token-valido');
  else if (c.caller !== 'anonymous') req = req.set('Authorization', `Bearer ${scenario.tokens[c.caller]}`);
  for (const [k, v] of Object.entries(c.headers)) req = req.set(k, v);
  if (c.multipart) {
    for (const [k, v] of c.multipart.fields) req = req.field(k, v);
    for (const f of c.multipart.files)
      req = req.attach(f.field, f.content, { filename: f.name, contentType: f.contentType });
  } else if (c.body !== null) {
    req = req.send(c.body);
  }
  // the answer as text whatever its type (a PDF, an error page): only its status and first characters are read
  const res = await req.buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });
  return { status: res.status, text: typeof res.body === 'string' ? res.body : '' };
}
