import { createTestApp, TestContext } from '../support/test-app';
import type { OpenApiDocument } from './generators';
import { isPlanted, PlantedBugsModule } from './planted.module';
import { formatReport, runFuzz } from './runner';
import { seedScenario, type SeededScenario } from './scenario';

/**
 * Issue 22 item 10: every POST, PUT and PATCH of the OpenAPI document gets generated bodies (wrong types, deep
 * nesting, huge strings and arrays, odd Unicode, prototype keys, broken JSON, odd content types and encodings)
 * and odd query strings, on the real ids of a seeded scenario (and malformed ones), sent with Bearer tokens by
 * callers with the right and without it. It fails on any 5xx or unanswered request, on any write (a row added,
 * removed or rewritten in any table, or an evidence file kept) by a request that was refused (4xx), and on any 2xx
 * to a caller without the right.
 *
 * Deterministic: the cases come from FUZZ_SEED (default below) and each case's own seed, whatever ran before.
 * FUZZ_CASES sets the cases per operation; FUZZ_ONLY (an operation, e.g. `PUT /api/v1/meetings/{id}/minutes`,
 * optionally `#17` for one case) narrows a run to reproduce a finding; FUZZ_VERBOSE prints the answers per
 * operation and strategy, FUZZ_SHOW (`valid:400`) the cases of a strategy that got a status. See docs/testing.md.
 */
const SEED = process.env.FUZZ_SEED || 'quorum-issue-22-item-10';
const CASES_PER_OPERATION = Number(process.env.FUZZ_CASES || 115);

describe('API fuzzer (issue 22 item 10)', () => {
  let ctx: TestContext;
  let scenario: SeededScenario;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    ctx = await createTestApp({
      env: { LOGIN_RATE_LIMIT: '1000', VERIFY_RATE_LIMIT: '10000', MAIL_WORKER: 'false' },
      imports: [PlantedBugsModule],
    });
    scenario = await seedScenario(ctx);
    doc = (await ctx.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
  }, 120_000);
  afterAll(() => ctx?.close());

  it('finds the bugs planted in a test-only controller, and prints the requests that caused them', async () => {
    // the planted routes' callers: an administrator may act, another signed-in user may not
    const result = await runFuzz(ctx, doc, scenario, {
      seed: SEED,
      casesPerOperation: 25,
      exclude: (op) => !isPlanted(op),
    });
    const report = formatReport(result);
    expect(result.operations).toBe(2);
    expect(new Set(result.findings.map((f) => `${f.kind}: ${f.case.op.key}`))).toEqual(
      new Set([
        'write after a refusal: POST /api/v1/fuzz-planted/notes',
        'server error: PUT /api/v1/fuzz-planted/crash',
        'accepted without the right: PUT /api/v1/fuzz-planted/crash',
      ]),
    );
    expect(report).toMatch(
      /^fuzz: 50 cases, \d+ server errors, \d+ writes after a refusal, \d+ accepted without the right/,
    );
    expect(report).toContain('audit_log +1 row(s)');
    expect(report).toContain('Error: planted crash');
    expect(report).toMatch(
      /reproduce: FUZZ_SEED='.*' FUZZ_ONLY='PUT \/api\/v1\/fuzz-planted\/crash#\d+' npm run test:fuzz/,
    );
  }, 60_000);

  it('no 5xx and nothing written after a refusal, for every POST, PUT and PATCH of the OpenAPI document', async () => {
    const result = await runFuzz(ctx, doc, scenario, {
      seed: SEED,
      casesPerOperation: CASES_PER_OPERATION,
      only: process.env.FUZZ_ONLY,
      exclude: isPlanted,
      verbose: !!process.env.FUZZ_VERBOSE,
      show: process.env.FUZZ_SHOW,
    });
    process.stdout.write(`\n${formatReport(result)}\n`);
    expect(result.operations).toBeGreaterThanOrEqual(40);
    expect(result.findings.map((f) => `${f.kind}: ${f.case.op.key} #${f.case.index} (${f.status})`)).toEqual([]);
  }, 600_000);
});
