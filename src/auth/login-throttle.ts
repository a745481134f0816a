import { createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Locale } from '../common/i18n/i18n';
import type { LoginBudgetKind } from './entities/login-throttle.entity';

/**
 * SECURITY.md brute force, issue 22 item 8 ("nobody can lock someone else out"): failed sign-ins are counted in
 * budgets, never as a lock on the user.
 * - `device`: an attempt that shows a valid device cookie for the account (a browser where it signed in before,
 *   device-cookies.ts) is judged on that device's failures only: a stranger's failures never reach it.
 * - `account`: every other attempt for the e-mail (new browsers, the API's token endpoint) shares the account's
 *   budget, kept by e-mail whether or not a user has it, so waiting says nothing about the account existing.
 * - `source`: those attempts also draw on their IP's budget (an IPv6 /64), across every e-mail typed.
 * Past a budget's free failures each one makes the next attempt wait: 30 s, 1 min, 2 min… up to 15 min. An
 * attempt during a wait is refused without being judged or counted, so it cannot renew the wait; waits end on
 * their own, and one failure is forgotten for each quiet period since the last.
 */
export interface LoginBudgetPolicy {
  /** Failures that cost no wait. */
  free: number;
  /** One failure is forgotten per this many milliseconds without a failure. */
  forgetEveryMs: number;
}

export const LOGIN_BUDGETS: Record<LoginBudgetKind, LoginBudgetPolicy> = {
  account: { free: 5, forgetEveryMs: 15 * 60_000 },
  device: { free: 5, forgetEveryMs: 15 * 60_000 },
  // An office behind one address shares it: more free failures, forgotten faster (20 an hour).
  source: { free: 20, forgetEveryMs: 3 * 60_000 },
};

export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;

/** The wait after the `failures`-th counted failure: none for the free ones, then 30 s, 1 min, 2 min… 15 min. */
export function waitAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** Math.min(failures - free, 16), MAX_WAIT_MS);
}

/** The failures still counted at `now`: one is forgotten per `forgetEveryMs` since the last failure. */
export function failuresAt(failures: number, lastFailureAt: Date, now: Date, forgetEveryMs: number): number {
  const quiet = Math.max(0, now.getTime() - lastFailureAt.getTime());
  return Math.max(0, failures - Math.floor(quiet / forgetEveryMs));
}

/**
 * The key of a budget: an HMAC under the installation's `secret.limits`, so the e-mails strangers type and the IPs
 * are not kept, and a copy of the table cannot be turned back into them by hashing every IPv4 address or a list of
 * e-mails (a plain SHA-256 could).
 */
export function budgetKey(secret: Buffer, kind: LoginBudgetKind, value: string): string {
  return createHmac('sha256', secret).update(`${kind}:${value}`).digest('hex');
}

export function accountKey(secret: Buffer, email: string): string {
  return budgetKey(secret, 'account', email.trim().toLowerCase());
}

/** An attempt's source: its IPv4 address, or the /64 network of an IPv6 one (one host holds many of those). */
export function sourceOf(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

const WAIT_UNITS: Record<Locale, Record<'second' | 'minute', [string, string]>> = {
  es: { second: ['segundo', 'segundos'], minute: ['minuto', 'minutos'] },
  en: { second: ['second', 'seconds'], minute: ['minute', 'minutes'] },
};

/** "30 segundos", "1 minuto", "15 minutos" (or in English): how long to wait, for a refusal's message. */
export function waitInWords(ms: number, locale: Locale = 'es'): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const [count, unit] = seconds < 60 ? [seconds, 'second' as const] : [Math.ceil(seconds / 60), 'minute' as const];
  const [one, many] = WAIT_UNITS[locale][unit];
  return `${count} ${count === 1 ? one : many}`;
}
