import type { NextFunction, Request, Response } from 'express';
import { isApiPath } from '../common/web/paths';
import { IdempotencyException } from './idempotency.exception';
import { fingerprint, IdempotencyService } from './idempotency.service';

/** The hidden field a page form that creates something carries ({{formOnce}} in its template). */
export const FORM_ID_FIELD = '_form';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Issue 22 item 2, the pages: a form posted twice with the same one-time id (the browser resent it after a lost
 * answer, or the button was pressed twice) creates once; the second post is sent where the first one went (its
 * 303), or told that the first is still being saved. A form the portal refused (re-rendered with its errors)
 * leaves no id behind: the corrected form is saved. Runs after the CSRF check, for signed-in users.
 */
export function formOnce(keys: IdempotencyService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body = req.body as Record<string, unknown> | undefined;
    const formId = body && typeof body === 'object' ? body[FORM_ID_FIELD] : undefined;
    if (formId === undefined) return next();
    delete body![FORM_ID_FIELD]; // not a field of any form's DTO
    const userId = (req as Request & { session?: { userId?: string } }).session?.userId;
    if (req.method !== 'POST' || isApiPath(req.path) || !userId) return next();
    if (typeof formId !== 'string' || !UUID.test(formId)) {
      return next(IdempotencyException.field(FORM_ID_FIELD, 'El formulario no es válido: recargue la página.'));
    }
    keys
      .begin(userId, 'form', formId.toLowerCase(), fingerprint(req.method, req.path, null))
      .then((keyed) => {
        if (keyed.state === 'replay') return res.redirect(303, keyed.location ?? '/');
        if (keyed.state === 'running')
          return next(
            IdempotencyException.conflict(
              'REQUEST_IN_PROGRESS',
              'Este formulario ya se está guardando. Espere un momento y recargue la página.',
            ),
          );
        if (keyed.state === 'other_request')
          return next(IdempotencyException.field(FORM_ID_FIELD, 'El formulario no es válido: recargue la página.'));
        res.on('finish', () => {
          const location = res.getHeader('location');
          const done =
            res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string'
              ? keys.complete(keyed.id, { status: res.statusCode, location })
              : keys.forget(keyed.id);
          done.catch(() => undefined); // a key not recorded only means a resend would run again
        });
        next();
      })
      .catch(next);
  };
}
