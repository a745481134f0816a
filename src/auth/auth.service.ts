import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../common/secret-hash';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailService } from '../mail/mail.service';
import type { Actor } from '../common/access/actor';
import type { Role } from '../common/access/roles';
import { AuthException } from './auth.exception';
import { DeviceCookies } from './device-cookies';
import { LoginThrottleService } from './login-throttle.service';
import type { User } from './entities/user.entity';
import { PasswordHasher, passwordLengthProblem } from './password-hasher';
import { ScopeRegistry } from './scope-registry';
import { type ActorRow, UsersRepository } from './users.repository';

export const TOKEN_DAYS = 30;
const INVITATION_DAYS = 7;
const RESET_MINUTES = 60;

/** Sign-in, API tokens and single-use links (invitation, password reset). */
/** What an invitation is for, as its mail names it: the role, the object's name, the institution represented. */
export interface InvitedAs {
  role: Role;
  scope: string | null;
  institution?: string | null;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly scopes: ScopeRegistry,
    private readonly throttle: LoginThrottleService,
    private readonly devices: DeviceCookies,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks e-mail and password within the sign-in budgets (login-throttle.ts, issue 22 item 8). The answer is the
   * same 401 for an unknown e-mail, a wrong password, a disabled user and an account that must wait, after the
   * same password hashing; only a waiting source gets its own 429 (it says nothing about the account). Each
   * refusal is audited (never with the password); the owner of an account under attack gets one mail per
   * attack window. `deviceCookie` is the browser's device cookie (device-cookies.ts); the API has none.
   */
  async authenticate(email: string, password: string, context: AuditContext, deviceCookie?: unknown): Promise<User> {
    const tooLong = passwordLengthProblem(password) === 'too_long';
    if (tooLong) throw AuthException.passwordLength('password', 'too_long');
    const now = this.clock.now();
    const user = await this.users.findByEmail(email);
    const deviceId = await this.devices.deviceFor(deviceCookie, email, now);
    const attempt = await this.throttle.begin({ email, deviceId, ip: context.ip, userId: user?.id ?? null }, now);
    if (!attempt.judged && attempt.kind === 'source') {
      await this.auditFailure(email, user, 'throttled', context, { budget: 'source' });
      throw AuthException.tooManyAttempts(attempt.waitMs);
    }
    // Hashed whatever happens next, so a waiting account or an unknown e-mail takes as long as a wrong password.
    const ok = user?.passwordHash
      ? await this.hasher.verify(password, user.passwordHash)
      : (await this.hasher.verify(password, await this.hasher.dummyHash()), false);
    if (!attempt.judged || !user || !ok || user.disabledAt) {
      const reason = !attempt.judged
        ? 'throttled'
        : !user
          ? 'unknown_email'
          : user.disabledAt
            ? 'disabled'
            : 'wrong_password';
      await this.dataSource.transaction(async (em) => {
        const attackSince = await this.throttle.failed(attempt, now, em);
        await this.auditFailure(email, user, reason, context, { budget: attempt.kind }, em);
        if (attackSince && user && !user.disabledAt) await this.mailAttack(user, attackSince, em);
      });
      throw AuthException.invalidCredentials();
    }
    await this.dataSource.transaction(async (em) => {
      const changes: Parameters<UsersRepository['updateUser']>[1] = { lastLoginAt: now };
      if (this.hasher.needsRehash(user.passwordHash!)) changes.passwordHash = await this.hasher.hash(password);
      await this.throttle.succeeded(attempt, em);
      await this.users.updateUser(user.id, changes, em);
      await this.audit.record(
        { ...context, userId: user.id },
        {
          action: 'auth.login',
          objectType: 'user',
          objectId: user.id,
          details: { knownDevice: attempt.kind === 'device' },
        },
        em,
      );
    });
    return user;
  }

  /** The new value of a browser's device cookie after it signed in (or set a password) as `email`. */
  deviceCookieAfterSignIn(deviceCookie: unknown, email: string): Promise<string> {
    return this.devices.afterSignIn(deviceCookie, email, this.clock.now());
  }

  private async auditFailure(
    email: string,
    user: User | null,
    reason: 'throttled' | 'unknown_email' | 'disabled' | 'wrong_password',
    context: AuditContext,
    details: { budget: string },
    em?: EntityManager,
  ): Promise<void> {
    await this.audit.record(
      { ...context, userId: user?.id ?? null },
      {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: user?.id,
        details: { email: email.slice(0, 200), reason, ...details },
      },
      em ?? this.dataSource.manager,
    );
  }

  /** Tells the owner that someone keeps failing to sign in as them, once per attack window (dedupe key). */
  private async mailAttack(user: User, since: Date, em: EntityManager): Promise<void> {
    await this.mail.enqueue(
      {
        template: 'login-attack',
        to: { address: user.email, name: user.name },
        context: { since, resetLink: `${this.config.publicUrl}/clave/olvide` },
        dedupeKey: `login-attack:${user.id}:${since.toISOString()}`,
        locale: user.locale === 'en' ? 'en' : 'es',
      },
      em,
    );
  }

  /** The actor behind a session's user id, with today's roles; null when the user is gone or disabled. */
  async actorForUser(userId: string, via: Actor['via']): Promise<Actor | null> {
    return this.actorOf(await this.users.actorRow({ userId }), via);
  }

  /** The actor behind a Bearer token; null for unknown, revoked or expired tokens and disabled users. */
  async actorForToken(token: string): Promise<Actor | null> {
    if (!/^qrm_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const now = this.clock.now();
    // the token, its user and the user's roles in one statement: every API request pays for it
    const row = await this.users.actorRow({ tokenHash: sha256Hex(token), now });
    if (!row?.tokenId) return null;
    const actor = await this.actorOf(row, 'token');
    // last use to the minute: no write (and no lock on the token's row) on every request
    if (actor && (!row.tokenLastUsedAt || now.getTime() - row.tokenLastUsedAt.getTime() >= 60_000))
      await this.users.touchToken(row.tokenId, now);
    return actor;
  }

  private async actorOf(user: ActorRow | null, via: Actor['via']): Promise<Actor | null> {
    if (!user || user.disabledAt) return null;
    const roles = [...user.roles];
    // API.md: a linked person's current president, secretary or treasurer seat grants association_officer.
    if (user.personId) {
      for (const grant of await this.scopes.derivedRoles(user.personId)) {
        if (!roles.some((r) => r.role === grant.role && r.scopeId === grant.scopeId)) roles.push(grant);
      }
    }
    return { id: user.id, email: user.email, name: user.name, personId: user.personId, roles, via };
  }

  /** POST /api/v1/auth/tokens: a new personal token, shown once, valid TOKEN_DAYS days. */
  async issueToken(
    email: string,
    password: string,
    context: AuditContext,
  ): Promise<{ token: string; expiresAt: Date }> {
    const user = await this.authenticate(email, password, context);
    const token = `qrm_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(this.clock.now().getTime() + TOKEN_DAYS * 86_400_000);
    await this.dataSource.transaction(async (em) => {
      const saved = await this.users.insertToken(
        { userId: user.id, tokenHash: sha256Hex(token), prefix: token.slice(0, 10), expiresAt },
        em,
      );
      await this.audit.record(
        { ...context, userId: user.id },
        { action: 'auth.token_issued', objectType: 'api_token', objectId: saved.id },
        em,
      );
    });
    return { token, expiresAt };
  }

  async revokeToken(actor: Actor, tokenId: string, context: AuditContext): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (!(await this.users.revokeToken(actor.id, tokenId, this.clock.now(), em))) throw AuthException.notFound();
      await this.audit.record(
        context,
        { action: 'auth.token_revoked', objectType: 'api_token', objectId: tokenId },
        em,
      );
    });
  }

  async tokensOf(actor: Actor) {
    const now = this.clock.now();
    return (await this.users.tokensOf(actor.id)).map((t) => ({
      id: t.id,
      prefix: t.prefix,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
      active: !t.revokedAt && t.expiresAt > now,
      revokedAt: t.revokedAt,
    }));
  }

  /** Queues a single-use link (invitation or reset) by mail, in the caller's transaction. */
  async sendLink(
    user: Pick<User, 'id' | 'email' | 'name'>,
    kind: 'invitation' | 'reset',
    em: EntityManager,
    invitedBy?: string,
    invitedAs?: InvitedAs,
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(
      now.getTime() + (kind === 'invitation' ? INVITATION_DAYS * 86_400_000 : RESET_MINUTES * 60_000),
    );
    await this.users.insertLink({ userId: user.id, kind, tokenHash: sha256Hex(token), expiresAt }, em);
    await this.mail.enqueue(
      {
        template: kind === 'invitation' ? 'invitation' : 'password-reset',
        to: { address: user.email, name: user.name },
        context: {
          link: `${this.config.publicUrl}/clave/nueva?token=${token}`,
          invitedBy: invitedBy ?? null,
          // the role in words and what it is for: "Representante de Carabineros en «Mesa…»"
          role: invitedAs?.role ?? null,
          scope: invitedAs?.scope ?? null,
          institution: invitedAs?.institution ?? null,
          expiresAt,
        },
        dedupeKey: `${kind}:${sha256Hex(token)}`,
      },
      em,
    );
  }

  /** "Forgot password": the same outcome whether or not the e-mail exists; only real, enabled users get mail. */
  async requestReset(email: string, context: AuditContext): Promise<void> {
    const user = await this.users.findByEmail(email);
    await this.dataSource.transaction(async (em) => {
      if (user && !user.disabledAt) {
        await this.users.expireResetLinks(user.id, this.clock.now(), em);
        await this.sendLink(user, 'reset', em);
      }
      await this.audit.record(
        { ...context, userId: user?.id ?? null },
        { action: 'auth.reset_requested', objectType: 'user', objectId: user?.id, details: { known: !!user } },
        em,
      );
    });
  }

  /** Whether a link can still be used (to show the form or a clear message). */
  async linkIsValid(token: string): Promise<boolean> {
    return !!token && !!(await this.users.findValidLink(sha256Hex(token), this.clock.now()));
  }

  /** Sets the password from a link (once), ends the user's other sessions and clears the account's sign-in budgets. */
  async setPasswordFromLink(token: string, password: string, context: AuditContext): Promise<User> {
    const problem = passwordLengthProblem(password);
    if (problem) throw AuthException.passwordLength('password', problem);
    const hash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (em) => {
      const link = await this.users.consumeLink(sha256Hex(token), this.clock.now(), em);
      if (!link) throw AuthException.linkInvalid();
      const user = await this.users.findById(link.userId, em);
      if (!user || user.disabledAt) throw AuthException.linkInvalid();
      await this.users.updateUser(user.id, { passwordHash: hash }, em);
      await this.throttle.clearAccount(user, em); // a reset still ends every wait on the account
      // A new password ends everything the old one opened: sessions, other pending links, API tokens.
      await this.users.deleteSessionsOf(user.id, em);
      await this.users.spendLinksAndTokens(user.id, this.clock.now(), em);
      await this.audit.record(
        { ...context, userId: user.id },
        {
          action: link.kind === 'invitation' ? 'auth.invitation_accepted' : 'auth.password_reset',
          objectType: 'user',
          objectId: user.id,
        },
        em,
      );
      return user;
    });
  }
}
