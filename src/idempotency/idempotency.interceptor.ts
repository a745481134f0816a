import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { isApiPath } from '../common/web/paths';
import { IdempotencyException } from './idempotency.exception';
import { idempotencyTexts } from './idempotency.messages';
import { fingerprint, IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** What a key may be (API.md's style: opaque, chosen by the client; a UUID is the usual choice). */
const KEY_FORMAT = /^[\x21-\x7E]{8,200}$/;

/**
 * Issue 22 item 2, the API: a POST with an `Idempotency-Key` header runs once per signed-in caller and key within
 * 24 hours. A retry gets the first answer again (its status and body, with `Idempotency-Replayed: true`), a retry
 * while the first is still running gets 409 REQUEST_IN_PROGRESS, and the same key with another request 422
 * IDEMPOTENCY_KEY_REUSED. A first request that is refused (4xx) or fails leaves no key behind.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { actor?: { id: string } | null }>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== 'POST' || !isApiPath(req.path) || header === undefined || !req.actor) return next.handle();
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!KEY_FORMAT.test(key)) {
      throw IdempotencyException.field('Idempotency-Key', idempotencyTexts.keyInvalid(), 'IDEMPOTENCY_KEY_INVALID');
    }
    const print = fingerprint(req.method, req.path, req.body);
    return from(this.keys.begin(req.actor.id, 'api', key, print)).pipe(
      mergeMap((keyed) => {
        if (keyed.state === 'replay') {
          res.status(keyed.status);
          res.setHeader('Idempotency-Replayed', 'true');
          return of(keyed.body);
        }
        if (keyed.state === 'running')
          throw IdempotencyException.conflict('REQUEST_IN_PROGRESS', idempotencyTexts.keyRunning());
        if (keyed.state === 'other_request')
          throw IdempotencyException.rule('IDEMPOTENCY_KEY_REUSED', idempotencyTexts.keyReused(), 'Idempotency-Key');
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            if (res.statusCode >= 400) await this.keys.forget(keyed.id);
            else await this.keys.complete(keyed.id, { status: res.statusCode, body });
            return body;
          }),
          catchError((err: unknown) =>
            from(this.keys.forget(keyed.id).catch(() => undefined)).pipe(
              mergeMap(() => {
                throw err;
              }),
            ),
          ),
        );
      }),
    );
  }
}
