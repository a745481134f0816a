import type { NextFunction, Request, Response } from 'express';
import { isLocale, Locale } from '../i18n/i18n';
import { takeFlash } from './flash';

const LANG_COOKIE = 'quorum_lang';

/**
 * Gives every page the context its layout needs (strict templates fail on a missing key): the reader's
 * language (`?lang=en` switches and remembers it), flash messages, the current path and the signed-in user.
 */
export function pageLocals(defaultLocale: Locale, secureCookies: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const cookies = (req.cookies ?? {}) as Record<string, string>;
    let locale: Locale = defaultLocale;
    const asked = req.query?.lang;
    if (isLocale(asked)) {
      locale = asked;
      res.cookie(LANG_COOKIE, asked, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        path: '/',
        maxAge: 365 * 86_400_000,
      });
    } else if (isLocale(cookies[LANG_COOKIE])) {
      locale = cookies[LANG_COOKIE] as Locale;
    }
    res.locals.locale = locale;
    res.locals.htmlLang = locale === 'es' ? 'es-CL' : 'en';
    res.locals.otherLocale = locale === 'es' ? 'en' : 'es';
    res.locals.currentPath = req.path;
    res.locals.requestId = String((req as { id?: unknown }).id ?? '');
    res.locals.user = null;
    res.locals.csrf = null;
    res.locals.timeZone = 'America/Santiago';
    res.locals.flash = takeFlash(req, res, locale);
    next();
  };
}
