import type { Request, Response } from 'express';
import { hasTranslation, Locale, translate } from '../i18n/i18n';

export type FlashType = 'success' | 'info' | 'warning' | 'danger';
const TYPES: readonly FlashType[] = ['success', 'info', 'warning', 'danger'];
export const FLASH_COOKIE = 'quorum_flash';
const COOKIE = FLASH_COOKIE;

export interface FlashMessage {
  type: FlashType;
  /** A dictionary key: the cookie carries keys, never free text, so nobody can inject text into a page. */
  key: string;
  params?: Record<string, string | number>;
}

/** Queues a message for the next page this browser loads (after a redirect). */
export function setFlash(res: Response, message: FlashMessage): void {
  const value = Buffer.from(JSON.stringify([message])).toString('base64url');
  res.cookie(COOKIE, value, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60_000 });
}

/** Reads and clears the queued messages, dropping anything that is not a known key. */
export function takeFlash(req: Request, res: Response, locale: Locale): { type: FlashType; text: string }[] {
  const raw = (req.cookies as Record<string, string> | undefined)?.[COOKIE];
  if (!raw) return [];
  res.clearCookie(COOKIE, { path: '/' });
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (m): m is FlashMessage =>
          !!m &&
          TYPES.includes(m.type) &&
          typeof m.key === 'string' &&
          m.key.startsWith('flash.') &&
          hasTranslation(locale, m.key),
      )
      .slice(0, 5)
      .map((m) => ({ type: m.type, text: translate(locale, m.key, sanitizeParams(m.params)) }));
  } catch {
    return [];
  }
}

function sanitizeParams(params: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params))
      if (typeof v === 'string' || typeof v === 'number') out[k] = String(v).slice(0, 200);
  }
  return out;
}
