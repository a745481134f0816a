import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { UsersRepository } from './users.repository';

export const DEVICE_COOKIE = 'quorum.device';
/** A browser stays known this long after its last sign-in with the account. */
export const DEVICE_DAYS = 180;
/** Accounts one browser remembers (a shared computer at a community centre); the oldest is dropped. */
const MAX_ACCOUNTS = 5;
const ENTRY = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{32})$/;

/** Attributes of the device cookie: only the login form's POST ever needs it. */
export function deviceCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure,
    path: '/ingresar',
    maxAge: DEVICE_DAYS * 86_400_000,
  };
}

/**
 * OWASP "device cookies" (issue 22 item 8): a browser where someone signed in gets a signed, HttpOnly cookie for
 * that account; its sign-in attempts are then judged on the device's own failures, so a stranger's failures on
 * the account never keep its owner out there. The cookie holds up to five entries `<device id>.<issued>.<mac>`
 * whose HMAC covers the e-mail: it does not say which accounts signed in on the browser, and an entry is
 * worth nothing for another account. It grants no access, only a budget of attempts. The HMAC also covers the
 * account's password hash as it was at the sign-in: a new password (a reset after a theft, a change) makes every
 * browser that knew the old one a stranger again, the thief's included.
 */
@Injectable()
export class DeviceCookies {
  constructor(
    private readonly settings: SystemSettingsRepository,
    private readonly users: UsersRepository,
  ) {}

  /** The device id of the cookie's entry for `email`, if one is valid and younger than DEVICE_DAYS. */
  async deviceFor(cookie: unknown, email: unknown, now: Date): Promise<string | null> {
    if (typeof cookie !== 'string' || typeof email !== 'string' || cookie.length > 1000) return null;
    const found = entries(cookie, now);
    if (!found.length) return null;
    const secret = await this.key();
    const account = await this.account(email);
    for (const entry of found) {
      if (matches(entry, account, secret)) return entry.device;
    }
    return null;
  }

  /** The cookie's new value after a sign-in with `email`: a fresh entry for it first, the other accounts kept. */
  async afterSignIn(cookie: unknown, email: string, now: Date): Promise<string> {
    const secret = await this.key();
    const account = await this.account(email); // read after the sign-in: a rehashed password is the one bound
    const others = typeof cookie === 'string' && cookie.length <= 1000 ? entries(cookie, now) : [];
    const device = randomBytes(16).toString('base64url');
    const issued = Math.floor(now.getTime() / 1000).toString(36);
    const fresh = `${device}.${issued}.${mac(secret, account, device, issued)}`;
    const kept = others.filter((e) => !matches(e, account, secret)).map((e) => e.raw);
    return [fresh, ...kept].slice(0, MAX_ACCOUNTS).join('~');
  }

  /** What an entry is bound to: the address and the account's password hash now (none: no entry matches later). */
  private async account(email: string): Promise<string> {
    const address = normalized(email);
    const user = await this.users.findByEmail(address);
    return `${address}\n${user?.passwordHash ?? ''}`;
  }

  /** The signing key: generated once and kept with the data (system_setting), like the session secret. */
  private key(): Promise<Buffer> {
    return this.settings.secret('device');
  }
}

interface Entry {
  raw: string;
  device: string;
  issued: string;
  mac: string;
}

function normalized(email: string): string {
  return email.trim().toLowerCase();
}

function mac(secret: Buffer, account: string, device: string, issued: string): string {
  return createHmac('sha256', secret)
    .update(`quorum-device\n${account}\n${device}\n${issued}`)
    .digest('base64url')
    .slice(0, 32);
}

/** Well-formed, unexpired entries of a cookie value. */
function entries(cookie: string, now: Date): Entry[] {
  const oldest = now.getTime() / 1000 - DEVICE_DAYS * 86_400;
  const found: Entry[] = [];
  for (const raw of cookie.split('~').slice(0, MAX_ACCOUNTS)) {
    const m = ENTRY.exec(raw);
    if (!m || parseInt(m[2], 36) < oldest) continue;
    found.push({ raw, device: m[1], issued: m[2], mac: m[3] });
  }
  return found;
}

function matches(entry: Entry, account: string, secret: Buffer): boolean {
  const expected = Buffer.from(mac(secret, account, entry.device, entry.issued));
  const given = Buffer.from(entry.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
