import { ServiceUnavailableException } from '@nestjs/common';
import { csrfSync } from 'csrf-sync';
import { hasPrefix, isApiPath } from '../common/web/paths';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { authTexts } from './auth.messages';
import { DataSourceSessionStore } from './session.store';

export const SESSION_COOKIE = 'quorum.sid';
const IDLE_MS = 30 * 60_000;

const csrf = csrfSync({
  getTokenFromRequest: (req) =>
    (req.body as { _csrf?: string } | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  // The JSON API authenticates with Bearer tokens only (never the session cookie), so CSRF cannot reach it.
  skipCsrfProtection: (req) => isApiPath(req.path),
});

/**
 * Sessions in the database (idle 30 min, rolling; absolute 12 h checked by the AuthGuard), cookie HttpOnly,
 * SameSite=Lax and Secure over TLS, and the synchronizer CSRF token on every state-changing form. The secret
 * is generated once and kept with the data (StartupService), so the middleware is built on first use.
 */
export function sessionAndCsrf(dataSource: DataSource, secret: () => string, secure: boolean): RequestHandler[] {
  let sessionMiddleware: RequestHandler | null = null;
  const store = new DataSourceSessionStore(dataSource);
  const sessions: RequestHandler = (req, res, next) => {
    if (isApiPath(req.path) || hasPrefix(req.path, '/assets/') || hasPrefix(req.path, '/health')) return next();
    sessionMiddleware ??= session({
      name: SESSION_COOKIE,
      secret: secret(),
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: IDLE_MS, path: '/' },
    });
    sessionMiddleware(req, res, (err?: unknown) => {
      if (!err) return next();
      // Loading the session failed (the database did not answer): the session is not ours to end. Without its id
      // express-session neither destroys it (`unset: 'destroy'` with no session loaded would delete the row) nor
      // saves it when the response ends; the user gets 503 and stays signed in (issue 22 item 1).
      delete (req as { sessionID?: string }).sessionID;
      next(new ServiceUnavailableException(undefined, { cause: err }));
    });
  };
  const protect: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    csrf.csrfSynchronisedProtection(req, res, (err?: unknown) => {
      if (err) return next(new DomainException('CSRF_INVALID', authTexts.formExpired(), 403));
      // Pages call {{csrfToken}} only where they have a form, so anonymous visitors get no session row.
      res.locals.csrf = () => csrf.generateToken(req);
      next();
    });
  };
  return [sessions, protect];
}
