import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { redactLinkTokens } from './text';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;
const VERBOSE = new Set(['debug', 'trace']);

/** The request as pino-http's standard serializer hands it over. */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
}

/**
 * How each request is logged (issue 20 item 9): at info one short line, `GET /organizaciones 200 12 ms`, with the
 * request id, method, path and status as fields; the headers (secrets redacted) and the client's address only at
 * debug. Single-use tokens in paths and query strings never reach a log at any level.
 */
export function requestLogOptions(level: string): Options {
  const verbose = VERBOSE.has(level);
  // Express rewrites req.url inside routers; the path the client asked for is originalUrl
  const path = (req: IncomingMessage) =>
    redactLinkTokens((req as { originalUrl?: string }).originalUrl ?? req.url ?? '');
  return {
    level,
    base: { app: 'quorum' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[oculto]',
    },
    serializers: {
      req: (req: SerializedRequest) => {
        const url = req.url === undefined ? undefined : redactLinkTokens(req.url);
        if (!verbose) return { id: req.id, method: req.method, url };
        const query = req.query && 'token' in req.query ? { ...req.query, token: '[oculto]' } : req.query;
        return { ...req, url, query };
      },
      res: (res: { statusCode?: number; headers?: unknown }) => (verbose ? res : { statusCode: res.statusCode }),
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${path(req)} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res, err) =>
      `${req.method} ${path(req)} ${res.statusCode || 500} ${err?.message ?? 'error'}`.slice(0, 300),
    autoLogging: { ignore: (req: IncomingMessage) => /^\/(assets|health)\//.test(req.url ?? '') },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
}
