import type { NextFunction, Request, Response } from 'express';
import { FLASH_COOKIE } from '../common/web/flash';
import { isApiPath } from '../common/web/paths';
import { IdempotencyException } from './idempotency.exception';
import { idempotencyTexts } from './idempotency.messages';
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
      return next(IdempotencyException.field(FORM_ID_FIELD, idempotencyTexts.formInvalid()));
    }
    const key = formId.toLowerCase();
    const print = fingerprint(req.method, req.path, null);
    beginWaiting(keys, userId, key, print)
      .then((keyed) => {
        if (keyed.state === 'replay') {
          // the first answer's message ("Socio agregado") too: after a double click the browser never got it
          const flash = (keyed.body as { flashCookie?: unknown } | null)?.flashCookie;
          if (typeof flash === 'string' && flash.startsWith(`${FLASH_COOKIE}=`)) res.append('Set-Cookie', flash);
          return res.redirect(303, keyed.location ?? '/');
        }
        if (keyed.state === 'running')
          return next(IdempotencyException.conflict('REQUEST_IN_PROGRESS', idempotencyTexts.formRunning()));
        if (keyed.state === 'other_request')
          return next(IdempotencyException.field(FORM_ID_FIELD, idempotencyTexts.formInvalid()));
        // Recorded when the answer is ended, not on 'finish': a double click makes the browser drop the first post's
        // connection while it is still being saved, and an answer to a closed socket never "finishes" (its key then
        // stayed `running` and the second post, waiting for it, was told 409 instead of being sent on).
        const end = res.end.bind(res) as (...args: unknown[]) => Response;
        let settled = false;
        res.end = ((...args: unknown[]) => {
          if (!settled) {
            settled = true;
            const location = res.getHeader('location');
            const done =
              res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string'
                ? keys.complete(keyed.id, {
                    status: res.statusCode,
                    location,
                    body: { flashCookie: flashCookieOf(res) },
                  })
                : keys.forget(keyed.id);
            done.catch(() => undefined); // a key not recorded only means a resend would run again
          }
          return end(...args);
        }) as Response['end'];
        next();
      })
      .catch(next);
  };
}

/** How long a second post of a form waits for the first one to finish (a double click) before it is told to wait. */
const WAIT_FOR_FIRST_MS = 5000;

/**
 * A double click sends the form twice within milliseconds and the browser shows the answer to the second: that one
 * waits for the first to finish and is then sent where the first went, so the person sees the result, not an error.
 */
async function beginWaiting(keys: IdempotencyService, userId: string, key: string, print: string) {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const keyed = await keys.begin(userId, 'form', key, print);
    if (keyed.state !== 'running' || Date.now() > deadline) return keyed;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The flash message cookie an answer sets, if any (kept with the form's key so a replay shows it too). */
function flashCookieOf(res: Response): string | null {
  const header = res.getHeader('set-cookie');
  const cookies = Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
  return cookies.find((c) => c.startsWith(`${FLASH_COOKIE}=`)) ?? null;
}
