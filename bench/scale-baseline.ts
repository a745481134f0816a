/**
 * The bare baseline of the scale benchmark (issue 21 item 2), a process of its own: plain `node:http` + `pg` + the
 * portal's own Handlebars views, no framework, no authentication, no session. For each URL it is given, it first asks
 * the real portal (started here in-process on the same database, then closed) and records the SQL statements that
 * request sent, with their parameters, and the template and context it rendered (or the JSON it answered). It then
 * serves each URL by sending the same statements on one connection, in the same order, and rendering the same
 * template with the same context (or writing the same JSON). What the portal costs beyond that is the framework:
 * routing, guards, sessions, CSRF, validation, the ORM, logging.
 *
 * Input (env): BASELINE_SPEC, a JSON file { databaseUrl, poolSize, pages: [{ name, urls, cookie?, token? }] }.
 * Prints `ready <port>` on stdout when it serves.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import { AppModule } from '../src/app.module';
import { APP_OPTIONS, configureApp } from '../src/app.setup';
import { ViewEngine, type RenderOptions } from '../src/common/views/view-engine';
import { loadConfig } from '../src/config/app-config';
import { type RecordedStatement, untilStatementsQuiet, watchStatements } from '../test/support/query-counter';

interface PageSpec {
  name: string;
  urls: string[];
  cookie?: string;
  token?: string;
}
interface Spec {
  databaseUrl: string;
  poolSize: number;
  pages: PageSpec[];
}
interface Recorded {
  statements: RecordedStatement[];
  render: { engine: ViewEngine; file: string; context: Record<string, unknown>; options: RenderOptions } | null;
  json: string | null;
  status: number;
}

const spec = JSON.parse(fs.readFileSync(process.env.BASELINE_SPEC as string, 'utf8')) as Spec;

let recording: Recorded | null = null;

function hook(): void {
  watchStatements((st) => void recording?.statements.push(st));
  const renderFile = ViewEngine.prototype.renderFile;
  ViewEngine.prototype.renderFile = function (this: ViewEngine, file, context, options = {}) {
    if (recording && !recording.render) recording.render = { engine: this, file, context, options };
    return renderFile.call(this, file, context, options);
  };
}

async function record(base: string, page: PageSpec, url: string): Promise<Recorded> {
  recording = { statements: [], render: null, json: null, status: 0 };
  const res = await fetch(`${base}${url}`, {
    headers: {
      ...(page.cookie ? { cookie: page.cookie } : {}),
      ...(page.token ? { authorization: `Bearer ${page.token}`, accept: 'application/json' } : {}),
    },
    redirect: 'manual',
  });
  const body = await res.text();
  // statements the response's end triggered (a session touch) are part of the request too
  await new Promise((r) => setTimeout(r, 50));
  const done = recording;
  recording = null;
  done.status = res.status;
  if (res.status !== 200) throw new Error(`${page.name} ${url}: ${res.status} ${body.slice(0, 300)}`);
  if (!done.render) done.json = body;
  return done;
}

async function main(): Promise<void> {
  hook();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: spec.databaseUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    MAIL_WORKER: 'false',
    PORT: '0',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), APP_OPTIONS);
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  // the jobs a start runs (thousands of statements at national size) would be recorded with the first requests
  await untilStatementsQuiet();
  const routes = new Map<string, Recorded>();
  // A page asked once (one URL): asked twice, the second kept, as the load finds it (what is written once, such as
  // a session's CSRF token, and what the portal's caches keep, asked no more). A page asked through many URLs (the
  // board, uncached by its filters): each URL's first answer, with the session's and token's occasional writes left
  // out, since under load each filter comes back only after the cache has let it go.
  const occasional = /^(INSERT INTO|UPDATE) "(user_session|api_token)"/;
  for (const page of spec.pages)
    for (const url of page.urls) {
      const first = await record(base, page, url);
      if (page.urls.length > 1) {
        first.statements = first.statements.filter((st) => !occasional.test(st.text));
        routes.set(url, first);
      } else routes.set(url, await record(base, page, url));
    }
  await app.close();

  const pool = new Pool({ connectionString: spec.databaseUrl, max: spec.poolSize });
  const server = http.createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const client = await pool.connect();
      try {
        for (const s of route.statements) await client.query({ name: s.name, text: s.text, values: s.values });
      } finally {
        client.release();
      }
      if (route.render) {
        const { engine, file, context, options } = route.render;
        const html = engine.renderFile(file, context, options);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      } else {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(route.json);
      }
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  server.keepAliveTimeout = 30_000;
  // ended by the benchmark: exit, so that a --cpu-prof given through BENCH_SCALE_NODE_ARGS is written
  process.once('SIGTERM', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => {
    const firsts = new Set(spec.pages.map((p) => p.urls[0]));
    const summary = [...routes].map(([url, r]) => ({
      url,
      statements: r.statements.length,
      view: !!r.render,
      ...(firsts.has(url) ? { sql: r.statements.map((s) => s.text.replace(/\s+/g, ' ').slice(0, 160)) } : {}),
    }));
    fs.writeFileSync(`${process.env.BASELINE_SPEC}.recorded.json`, JSON.stringify(summary, null, 2));
    process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
