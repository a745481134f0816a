/**
 * The timed part of the `minutes` benchmark (bench/run.ts forks this file and checks the PDFs it sends back).
 *
 * A process of its own because what the benchmark process loads changes what it measures: pdf-parse (pdf.js, used
 * to check the pages) brings core-js, which replaces Array.prototype.push and JSON.parse with JavaScript
 * polyfills; PDFKit pushes on every glyph and a render takes a third to a half longer. The portal never loads
 * pdf-parse, so the renders are timed here, with the builtins as Node ships them (reported as nativeBuiltins).
 *
 * Sends one message: the in-process renders (first PDF, times) and then, with Debian's Chromium launched once,
 * the same content printed by Chromium (first PDF, times, launch and first print times).
 */
import { runInNewContext } from 'node:vm';
import { PdfRenderer } from '../src/documents/pdf-renderer';
import { actaSpec } from '../src/meetings/acta';
import { launchBrowser } from '../test/support/browser';
import { actaHtml } from './acta-html';
import { MINUTES_CREATED_AT, MINUTES_VERIFICATION, minutesActa } from './minutes-content';

export interface MinutesWorkerResult {
  nativeBuiltins: boolean;
  /** `times`: milliseconds per timed run, in order. */
  inProcess: { pdf: string; times: number[]; warmUp: number };
  chromium: {
    pdf: string;
    times: number[];
    warmUp: number;
    launchMs: number;
    firstPrintMs: number;
    version: string | null;
  };
}

const IN_PROCESS = { warmUp: 30, runs: 50 };
const CHROMIUM = { warmUp: 3, runs: 20 };

const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

/** Times `runs` calls of `once` after `warmUp` untimed ones and a collection when exposed (milliseconds, in order). */
async function timeRuns(warmUp: number, runs: number, once: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await once();
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await once();
    times.push(elapsedMs(t));
  }
  return times;
}

/**
 * True while no library has replaced the builtins PDFKit leans on (core-js does, see above). Asked of another
 * realm's Function.prototype.toString: core-js also patches this realm's, so that its polyfills look native.
 */
function nativeBuiltins(): boolean {
  const source = runInNewContext('Function.prototype.toString') as typeof Function.prototype.toString;
  return [Array.prototype.push, JSON.parse, Function.prototype.toString].every((f) =>
    /\{\s*\[native code\]\s*\}$/.test(source.call(f)),
  );
}

async function main(): Promise<MinutesWorkerResult> {
  const content = minutesActa();
  const spec = actaSpec(content, MINUTES_VERIFICATION, MINUTES_CREATED_AT);
  const renderer = new PdfRenderer();
  const pdf = await renderer.render(spec);
  // the first 25 renders or so still run while V8 optimises PDFKit's text layout: 30 to warm up
  const inProcessTimes = await timeRuns(IN_PROCESS.warmUp, IN_PROCESS.runs, () => renderer.render(spec));

  const { html, footerTemplate } = actaHtml(content, MINUTES_VERIFICATION);
  let t = process.hrtime.bigint();
  const browser = await launchBrowser({ width: 794, height: 1123 });
  try {
    const page = await browser.context.newPage();
    const launchMs = Math.round(elapsedMs(t));
    const print = async () => {
      await page.setContent(html);
      return page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate,
      });
    };
    t = process.hrtime.bigint();
    const printed = await print();
    const firstPrintMs = Math.round(elapsedMs(t));
    const chromiumTimes = await timeRuns(CHROMIUM.warmUp, CHROMIUM.runs, print);
    return {
      nativeBuiltins: nativeBuiltins(),
      inProcess: { pdf: pdf.toString('base64'), times: inProcessTimes, warmUp: IN_PROCESS.warmUp },
      chromium: {
        pdf: printed.toString('base64'),
        times: chromiumTimes,
        warmUp: CHROMIUM.warmUp,
        launchMs,
        firstPrintMs,
        version: browser.context.browser()?.version() ?? null,
      },
    };
  } finally {
    await browser.close();
  }
}

main().then(
  (result) => process.send?.(result, () => process.exit(0)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
