import type { NextFunction, Request, Response } from 'express';
import { redactLinkTokens } from '../text';

/**
 * Issue 22 item 9: a response to a request that carries a secret (a single-use link's `?token=`, a shared board's
 * or a calendar feed's secret path: whatever redactLinkTokens hides, or a `token` field in a posted form) is never
 * stored by a browser or a proxy. Signed-in pages get the same header from the AuthGuard.
 */
export function carriesSecret(req: Request): boolean {
  if (redactLinkTokens(req.originalUrl) !== req.originalUrl) return true;
  const body = req.body as { token?: unknown } | undefined;
  return !!body && typeof body === 'object' && typeof body.token === 'string';
}

export function noStoreForSecrets(req: Request, res: Response, next: NextFunction): void {
  if (carriesSecret(req)) res.setHeader('Cache-Control', 'no-store');
  next();
}
