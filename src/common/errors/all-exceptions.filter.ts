import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import { hasPrefix, isApiPath } from '../web/paths';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isLocale, Locale, translate } from '../i18n/i18n';
import { bodyParserRefusal } from '../web/body-guard';
import { isDatabaseUnavailable, isPoolBusy } from './database-unavailable';
import { isStorageFull } from './storage-full';
import { DomainException, FieldError, LoginRequiredException } from './domain.exception';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
}

const KNOWN_STATUSES = new Set([400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503, 507]);
export function wantsJson(req: Request): boolean {
  if (isApiPath(req.path) || hasPrefix(req.path, '/health')) return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * Nest's Express adapter wraps an http-errors object passed on by a middleware (body-parser's refusals, and our own
 * refusals thrown from body-parser's `verify`) in an HttpException; the original is its cause.
 */
function unwrapHttpError(thrown: unknown): unknown {
  if (!(thrown instanceof HttpException)) return thrown;
  const cause = thrown.cause;
  if (cause instanceof DomainException) return cause;
  return bodyParserRefusal(cause) ? cause : thrown;
}

/**
 * An error as it may be logged: a failed query's parameters may hold personal data, hashes or a session id
 * (SECURITY.md: no tokens in logs), so a QueryFailedError is logged without them.
 */
function loggable(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  return {
    name: error.name,
    message: error.message,
    code: (error.driverError as { code?: string })?.code,
    stack: error.stack,
  };
}

/** At most one warning per this many milliseconds while the connection pool stays saturated. */
const POOL_WARNING_MS = 10_000;

/**
 * The one place errors become responses: problem+json for the API, a Spanish error page for people, never a
 * stack trace. Unexpected errors are logged with the request id, which the page shows so support can find it.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** Called for every 401, 403 and 429 (configureApp records them in the audit log). */
  constructor(
    private readonly onRefusal?: (req: Request, problem: Problem) => void,
    /** Called with every error answered 503 (configureApp lets the database availability tracker see it). */
    private readonly onUnavailable?: (error: unknown) => void,
  ) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const exception = unwrapHttpError(thrown);
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const locale: Locale = isLocale(res.locals?.locale) ? res.locals.locale : 'es';
    if (exception instanceof LoginRequiredException && !res.headersSent) {
      res.redirect(303, `/ingresar?volver=${encodeURIComponent(exception.returnTo)}`);
      return;
    }
    const problem = this.toProblem(exception, locale);
    const requestId = String((req as { id?: unknown }).id ?? '');

    // the connection pool full for the whole wait (the database itself may be fine): a capacity problem the operator
    // must see, as a warning at most once per POOL_WARNING_MS with how many were refused since (issue 21)
    const cause = exception instanceof ServiceUnavailableException ? exception.cause : exception;
    if (isPoolBusy(cause)) {
      this.warnPoolSaturated(req.path);
    } else if (exception instanceof ServiceUnavailableException) {
      // Issue 21: refused on purpose while the database is known to be down (DatabaseAvailability logs the outage
      // once when it starts and once when it ends): one debug line, not an error with a stack per request (a
      // 7-second restart under load wrote 2,300 of them).
      if (cause === undefined || isDatabaseUnavailable(cause))
        this.logger.debug({ requestId, path: req.path }, 'refused while the database is unavailable');
      // a session that failed to load for another reason is a fault to find, not an outage
      else this.logger.error({ err: loggable(cause), requestId, path: req.path }, 'session could not be loaded');
    } else if (problem.status >= 500) {
      const err = loggable(exception);
      this.logger.error(
        { err, requestId, path: req.path },
        problem.status === 503 ? 'database unavailable' : 'unhandled error',
      );
    }
    // the tracker judges the cause (a session that could not be loaded carries the database's error)
    if (problem.status === 503) this.onUnavailable?.(cause ?? exception);
    if ((problem.status === 401 || problem.status === 403 || problem.status === 429) && this.onRefusal) {
      this.onRefusal(req, problem);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (exception instanceof HttpException && problem.status === 429) {
      const retry = res.getHeader('Retry-After');
      if (!retry) res.setHeader('Retry-After', '60');
    }
    if (problem.status === 503) res.setHeader('Retry-After', '5');

    // Health endpoints keep terminus' own body (which indicator failed).
    if (
      hasPrefix(req.path, '/health') &&
      exception instanceof HttpException &&
      typeof exception.getResponse() === 'object'
    ) {
      res.status(problem.status).json(exception.getResponse());
      return;
    }
    if (wantsJson(req)) {
      res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
      return;
    }
    this.renderPage(res, problem, locale, requestId);
  }

  private poolWarnedAt = 0;
  private poolRefusedSince = 0;

  private warnPoolSaturated(path: string): void {
    this.poolRefusedSince++;
    const now = Date.now();
    if (now - this.poolWarnedAt < POOL_WARNING_MS) return;
    this.logger.warn(
      { path, refused: this.poolRefusedSince },
      'database pool saturated: requests answered 503 (raise DB_POOL_SIZE or add an instance)',
    );
    this.poolWarnedAt = now;
    this.poolRefusedSince = 0;
  }

  private renderPage(res: Response, problem: Problem, locale: Locale, requestId: string): void {
    const key = KNOWN_STATUSES.has(problem.status) ? problem.status : problem.status >= 500 ? 500 : 400;
    const view = {
      title: translate(locale, `errors.${key}.title`),
      status: problem.status,
      text: translate(locale, `errors.${key}.text`),
      // A domain refusal's own Spanish detail is shown; internals of 5xx never are.
      detail: problem.status < 500 && problem.code ? problem.detail : null,
      fieldErrors: problem.errors ?? [],
      requestId,
    };
    res.status(problem.status);
    res.setHeader('Cache-Control', 'no-store');
    res.render('errors/error', view, (err: unknown, html?: string) => {
      if (err || html === undefined) {
        this.logger.error({ err, requestId }, 'error page could not be rendered');
        res
          .type('html')
          .send(
            `<!doctype html><html lang="es"><meta charset="utf-8"><title>${view.title}</title>` +
              `<h1>${view.title}</h1><p>${view.text}</p><p><a href="/">Volver al inicio</a></p></html>`,
          );
        return;
      }
      res.type('html').send(html);
    });
  }

  private toProblem(exception: unknown, locale: Locale): Problem {
    if (exception instanceof DomainException) {
      return {
        type: `https://quorum.cl/problemas/${exception.code.toLowerCase().replace(/_/g, '-')}`,
        title: translate(locale, `errors.${KNOWN_STATUSES.has(exception.status) ? exception.status : 422}.title`),
        status: exception.status,
        detail: exception.detailIn(locale),
        code: exception.code,
        ...(exception.errors.length ? { errors: exception.errorsIn(locale) } : {}),
      };
    }
    const bodyParser = exception as { type?: string; status?: number } | null;
    if (bodyParser?.type === 'entity.too.large')
      return this.plain(413, locale, translate(locale, 'validation.bodyTooLarge'), 'BODY_TOO_LARGE');
    if (bodyParser?.type === 'entity.parse.failed')
      return this.plain(400, locale, translate(locale, 'validation.malformedJson'), 'MALFORMED_BODY');
    if (bodyParser?.type === 'querystring.parse.rangeError')
      return this.plain(400, locale, translate(locale, 'validation.bodyTooDeep'), 'BODY_TOO_DEEP');
    // any other refusal of the body parsers (unsupported charset, too many fields, aborted upload): theirs is a 4xx
    const refused = bodyParserRefusal(exception);
    if (refused) return this.plain(refused.status, locale, translate(locale, 'validation.bodyRefused'), 'BODY_REFUSED');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return this.plain(
        status,
        locale,
        translate(locale, `errors.${KNOWN_STATUSES.has(status) ? status : status >= 500 ? 500 : 400}.text`),
      );
    }
    if (isDatabaseUnavailable(exception))
      return this.plain(HttpStatus.SERVICE_UNAVAILABLE, locale, translate(locale, 'errors.503.text'));
    // issue 21 item 4: a write the database refused for want of room that no service named a field for
    if (isStorageFull(exception))
      return this.plain(HttpStatus.INSUFFICIENT_STORAGE, locale, translate(locale, 'errors.507.text'), 'STORAGE_FULL');
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      // A race past a service's own check (two requests creating the same thing): a conflict, not a crash.
      if (code === '23505')
        return this.plain(HttpStatus.CONFLICT, locale, translate(locale, 'errors.409.text'), 'DUPLICATE');
      if (code === '22P02')
        return this.plain(HttpStatus.BAD_REQUEST, locale, translate(locale, 'errors.400.text'), 'INVALID_VALUE');
      // a value a CHECK constraint refuses that a service let through: the request's fault, never a crash
      if (code === '23514')
        return this.plain(HttpStatus.BAD_REQUEST, locale, translate(locale, 'errors.400.text'), 'INVALID_VALUE');
    }
    return this.plain(HttpStatus.INTERNAL_SERVER_ERROR, locale, translate(locale, 'errors.500.text'));
  }

  private plain(status: number, locale: Locale, detail: string, code?: string): Problem {
    const key = KNOWN_STATUSES.has(status) ? status : status >= 500 ? 500 : 400;
    return {
      type: 'about:blank',
      title: translate(locale, `errors.${key}.title`),
      status,
      detail,
      ...(code ? { code } : {}),
    };
  }
}
