/**
 * Benchmarks with targets (npm run bench [-- name...]). Figures go to bench/results/<name>.json; the run fails
 * when a target is missed. Speed targets live here, never in timed unit tests.
 *
 *   startup: time from launching `node dist/main.js` to /health/ready answering 200
 *     - embedded, first start on an empty data directory (reported, initdb in WebAssembly dominates)
 *     - embedded, existing data directory: target < 3 s
 *     - PostgreSQL (BENCH_DATABASE_URL, default the local server): target < 2 s
 *   pdf: median time to render a 3-page acta with the house layout (Helvetica, and with the embedded
 *     Unicode font), in one warm process
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { fromRoot } from '../src/common/paths';
import { PdfRenderer, PdfSpec } from '../src/documents/pdf-renderer';
import { pdfText } from '../test/support/pdf-text';
import { PortalProcess } from '../test/support/portal-process';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function timeStart(env: Record<string, string>): Promise<number> {
  const portal = await PortalProcess.start({ LOG_LEVEL: 'error', ...env }, { built: true });
  let ms: number;
  try {
    ms = await portal.ready(120_000, 10);
  } catch (err) {
    portal.kill();
    throw err;
  }
  const { code } = await portal.stop('SIGTERM');
  if (code !== 0) throw new Error(`exit code ${code}: ${portal.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function pgAvailable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function startup() {
  if (!fs.existsSync(fromRoot('dist', 'main.js'))) throw new Error('run npm run build first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-'));
  const results: Record<string, unknown> = {};
  try {
    const first = await timeStart({ DATA_DIR: dataDir });
    const again: number[] = [];
    for (let i = 0; i < RUNS; i++) again.push(await timeStart({ DATA_DIR: dataDir }));
    results.embeddedFirstStartMs = first;
    results.embeddedExistingDirMs = { median: median(again), runs: again, targetMs: 3000, pass: median(again) < 3000 };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (await pgAvailable(PG_URL)) {
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS quorum_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE quorum_bench');
    const u = new URL(PG_URL);
    u.pathname = '/quorum_bench';
    try {
      const migrate = await timeStart({ DATABASE_URL: u.toString() });
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timeStart({ DATABASE_URL: u.toString() }));
      results.postgresFirstStartMs = migrate;
      results.postgresMs = { median: median(runs), runs, targetMs: 2000, pass: median(runs) < 2000 };
    } finally {
      await admin.query('DROP DATABASE IF EXISTS quorum_bench WITH (FORCE)');
      await admin.end();
    }
  } else {
    results.postgresMs = { skipped: `no PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, '//')}` };
  }
  return results;
}

function threePageActa(secretary: string): PdfSpec {
  const members = Array.from({ length: 60 }, (_, i) => [i === 3 ? secretary : `Socia ${i + 1} Muñoz Peña`, i % 5 === 0 ? 'Justificada' : 'Presente', 'Presencial']);
  return {
    organisation: { name: 'Barrio Patrimonial La Serena', detail: 'Organización comunitaria funcional · La Serena' },
    title: 'Acta de la sesión ordinaria N° 12',
    subtitle: 'Martes 17-03-2026, 19:30 horas, sede social',
    blocks: [
      { type: 'heading', text: 'Asistencia y quórum' },
      { type: 'table', columns: [{ header: 'Socio', width: 3 }, { header: 'Asistencia', width: 1 }, { header: 'Modalidad', width: 1 }], rows: members },
      { type: 'heading', text: 'Acuerdos' },
      { type: 'list', numbered: true, items: Array.from({ length: 12 }, (_, i) => `Acuerdo ${i + 1}: se aprueba la propuesta de seguridad para O’Higgins y Eduardo de la Barra, con $1.500.000 de aporte.`) },
      { type: 'paragraph', text: 'Discusión: '.concat('La asamblea revisó los compromisos con Carabineros y la Municipalidad. '.repeat(12)) },
      { type: 'signatures', signers: [{ name: 'María José Núñez', role: 'Presidenta' }, { name: secretary, role: 'Secretario' }] },
    ],
    verification: { code: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23', url: 'https://quorum.example.cl/verificar/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23' },
  };
}

async function pdf() {
  const renderer = new PdfRenderer();
  const measure = async (spec: PdfSpec) => {
    const first = await renderer.render(spec);
    const pages = (await pdfText(first)).pageCount;
    const runs: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = process.hrtime.bigint();
      await renderer.render(spec);
      runs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return { pages, medianMs: Math.round(median(runs) * 10) / 10, bytes: first.length, runs: runs.length };
  };
  return { helvetica: await measure(threePageActa('Pedro Soto')), unicodeFont: await measure(threePageActa('Łukasz Nguyễn')) };
}

const BENCHMARKS: Record<string, () => Promise<Record<string, unknown>>> = { startup, pdf };

async function main() {
  const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) };
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHMARKS);
  const failed: string[] = [];
  for (const name of names) {
    const run = BENCHMARKS[name];
    if (!run) throw new Error(`benchmark desconocido: ${name} (hay: ${Object.keys(BENCHMARKS).join(', ')})`);
    const figures = await run();
    const out = { benchmark: name, at: new Date().toISOString(), machine, ...figures };
    fs.mkdirSync(fromRoot('bench', 'results'), { recursive: true });
    fs.writeFileSync(fromRoot('bench', 'results', `${name}.json`), JSON.stringify(out, null, 2) + '\n');
    console.log(JSON.stringify(out, null, 2));
    for (const [k, v] of Object.entries(figures)) if (v && typeof v === 'object' && (v as { pass?: boolean }).pass === false) failed.push(`${name}.${k}`);
  }
  if (failed.length) {
    console.error(`Objetivos no cumplidos: ${failed.join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
