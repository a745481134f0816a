import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, signedInPage } from './browser';
import { SmtpPeer } from './smtp-peer';
import { createTestApp, TestAppOptions, TestContext } from './test-app';

type Viewport = { width: number; height: number };
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

export interface BrowserFlow {
  /** The listening app (from the flow's beforeAll on). */
  readonly ctx: TestContext;
  /** The real SMTP peer the app's mail goes to (with `smtpPeer`). */
  readonly peer: SmtpPeer;
  /** One Chromium for all the describe's tests (with `browser`). */
  readonly browser: Browser;
  /** Console and page errors (signedInPage collects them here); each test must end with none. */
  readonly problems: string[];
  /**
   * `use(page)` with a page signed in as `user` through the login form, in a Chromium of its own at `viewport`,
   * closed afterwards whatever happens.
   */
  signedIn(
    viewport: Viewport,
    user: { email: string; password: string },
    use: (page: Page) => Promise<void>,
  ): Promise<void>;
}

/**
 * The frame every browser flow repeats, registered in the describe that calls it: before its tests a listening app
 * (`app`'s options; with `smtpPeer`, its mail going to a real SMTP peer and sent only when a test runs the outbox
 * worker) and, with `browser`, one Chromium at that viewport; after them, the browser, the app and the peer closed;
 * after each test, no console or page error in `problems`. A beforeAll of the describe's own runs after this one's.
 */
export function browserFlow(
  options: { app?: TestAppOptions; smtpPeer?: boolean; browser?: Viewport } = {},
): BrowserFlow {
  let ctx: TestContext | undefined;
  let peer: SmtpPeer | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browserFlow: no ${what} (not asked for, or before its beforeAll)`);
    return value;
  };

  beforeAll(async () => {
    if (options.smtpPeer) peer = await SmtpPeer.start();
    const app = options.app ?? {};
    ctx = await createTestApp({
      ...app,
      listen: true,
      env: { ...app.env, ...(peer ? { SMTP_URL: peer.url, MAIL_WORKER: 'false' } : {}) },
    });
    if (options.browser) browser = await launchBrowser(options.browser);
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    await peer?.stop();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  return {
    get ctx() {
      return started(ctx, 'app');
    },
    get peer() {
      return started(peer, 'SMTP peer');
    },
    get browser() {
      return started(browser, 'browser');
    },
    problems,
    async signedIn(viewport, user, use) {
      const own = await launchBrowser(viewport);
      try {
        await use(await signedInPage(own.context, started(ctx, 'app').baseUrl as string, user, problems));
      } finally {
        await own.close();
      }
    },
  };
}

/**
 * A new page of `context` (10 s default timeout) whose console errors and page errors go to `problems`, except the
 * line Chromium logs for a form the portal refused: a 400 or 422 of the page itself, which answers with the form
 * again (that status is the point).
 */
export async function watchedPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('console', (m) => {
    const refusedForm = /status of 4(00|22) /.test(m.text()) && m.location().url === page.url();
    if (m.type() === 'error' && !refusedForm) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return page;
}
