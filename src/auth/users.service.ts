import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { AuthException } from './auth.exception';
import { authTexts } from './auth.messages';
import { AuthService } from './auth.service';
import type { User } from './entities/user.entity';
import { PasswordHasher, passwordLengthProblem } from './password-hasher';
import { MUNICIPAL_OFFICER_GRANTS, RoleGrant, ROLES } from '../common/access/roles';
import { ScopeRegistry } from './scope-registry';
import { UsersRepository } from './users.repository';

/** The e-mail belongs to another user already (checked first, and again by the unique index under a race). */
function emailTaken(): AuthException {
  return AuthException.conflict('EMAIL_TAKEN', authTexts.emailTaken(), [
    AuthException.fieldError('email', authTexts.emailTaken()),
  ]);
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  personId: string | null;
  disabled: boolean;
  lastLoginAt: Date | null;
  roles: RoleGrant[];
}

export interface NewUser {
  email: string;
  name: string;
  password?: string;
  personId?: string | null;
  roles: RoleGrant[];
  locale?: string;
}

/** Users and their scoped roles, as administrators and municipal officers manage them (API.md rights table). */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly auth: AuthService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scopes: ScopeRegistry,
  ) {}

  /**
   * Whether `actor` may give or take `grant`: admin anything; a municipal officer the roles of API.md whose
   * scope lies in their commune (the commune itself, or an association of it).
   */
  private async assertMayGrant(actor: Actor, grant: RoleGrant): Promise<void> {
    if (ROLES[grant.role] !== grant.scopeType) {
      const text = authTexts.roleScopeMismatch({ role: grant.role, scopeType: ROLES[grant.role] });
      throw AuthException.conflict('SCOPE_MISMATCH', text, [AuthException.fieldError('roles', text)]);
    }
    let commune: string | null = null;
    if (grant.scopeType === 'platform') {
      if (grant.scopeId) throw AuthException.conflict('SCOPE_MISMATCH', authTexts.adminWithoutScope());
    } else if (grant.scopeType === 'commune') {
      if (!grant.scopeId || !(await this.scopes.communeExists(grant.scopeId))) {
        throw new AuthException('SCOPE_NOT_FOUND', authTexts.communeUnknown({ code: grant.scopeId ?? '' }), 422, [
          AuthException.fieldError('roles', authTexts.communeGivenUnknown()),
        ]);
      }
      commune = grant.scopeId;
    } else {
      // Associations and tables (programs plug in with their issue): the object must exist.
      commune = await this.scopes.communeOf(grant.scopeType, grant.scopeId);
      // a province or region table lies in no commune: it exists, and only an administrator grants its roles
      if (!commune && !(await this.scopes.exists(grant.scopeType, grant.scopeId)))
        throw new AuthException(
          'SCOPE_NOT_FOUND',
          authTexts.scopeUnknown({ scopeType: grant.scopeType, scopeId: grant.scopeId ?? '' }),
          422,
          [AuthException.fieldError('roles', authTexts.scopeGivenUnknown())],
        );
    }
    if (isAdmin(actor)) return;
    const communes = officerCommunes(actor);
    if (!communes.length) throw AuthException.forbidden();
    if (!MUNICIPAL_OFFICER_GRANTS.includes(grant.role) || !commune || !communes.includes(commune)) {
      throw AuthException.forbidden(authTexts.officerGrants());
    }
  }

  /** The roles of `roles` whose scope lies in one of `communes` (commune scopes, or objects of those communes). */
  private async rolesInCommunes(roles: RoleGrant[], communes: string[]): Promise<RoleGrant[]> {
    const out: RoleGrant[] = [];
    for (const r of roles) {
      if (r.scopeType === 'platform') continue;
      const commune = r.scopeType === 'commune' ? r.scopeId : await this.scopes.communeOf(r.scopeType, r.scopeId);
      if (commune && communes.includes(commune)) out.push(r);
    }
    return out;
  }

  /**
   * A user `actor` may see: admins see everyone; officers the users with a role in their communes. 404
   * otherwise, the same as for a user that does not exist; a refusal of an existing user is audited.
   */
  private async visibleUser(
    actor: Actor,
    userId: string,
    context: AuditContext = {},
  ): Promise<{ user: User; roles: RoleGrant[] }> {
    const user = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(userId)
      ? await this.users.findById(userId)
      : null;
    if (!user) throw AuthException.notFound();
    const roles = await this.users.rolesOf(user.id);
    if (isAdmin(actor)) return { user, roles };
    const communes = officerCommunes(actor);
    if (!(await this.rolesInCommunes(roles, communes)).length) {
      await this.audit.record(
        { ...context, userId: actor.id },
        { action: 'access.denied', objectType: 'user', objectId: user.id, details: { reason: 'outside_scope' } },
        this.dataSource.manager,
      );
      throw AuthException.notFound();
    }
    return { user, roles };
  }

  /** What `actor` may see of a user: an officer sees only the roles in their communes. */
  private async view(user: User, roles: RoleGrant[], actor?: Actor): Promise<UserView> {
    const communes = actor && !isAdmin(actor) ? officerCommunes(actor) : null;
    const visible = communes ? await this.rolesInCommunes(roles, communes) : roles;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      personId: user.personId,
      disabled: !!user.disabledAt,
      lastLoginAt: user.lastLoginAt,
      roles: visible,
    };
  }

  async list(
    actor: Actor,
    filter: { q?: string; page?: number; pageSize?: number },
  ): Promise<{ items: UserView[]; total: number }> {
    const pageSize = Math.min(filter.pageSize ?? 50, 200);
    const page = Math.max(filter.page ?? 1, 1);
    const communeCodes = isAdmin(actor) ? undefined : officerCommunes(actor);
    if (communeCodes && !communeCodes.length) throw AuthException.forbidden();
    const scopeIds = communeCodes ? await this.scopes.idsInCommunes(communeCodes) : undefined;
    const { items, total } = await this.users.search(
      { q: filter.q, communeCodes, scopeIds },
      { offset: (page - 1) * pageSize, limit: pageSize },
    );
    const roles = await this.users.rolesOfMany(items.map((u) => u.id));
    return { items: await Promise.all(items.map((u) => this.view(u, roles.get(u.id) ?? [], actor))), total };
  }

  async get(actor: Actor, userId: string, context: AuditContext = {}): Promise<UserView> {
    const { user, roles } = await this.visibleUser(actor, userId, context);
    return this.view(user, roles, actor);
  }

  /** Creates a user with roles; without a password the person gets an invitation mail to set one. */
  async create(actor: Actor, input: NewUser, context: AuditContext): Promise<UserView> {
    if (!isAdmin(actor)) {
      if (!input.roles.length) throw AuthException.forbidden();
      // An officer invites: the person sets their own password, and only an administrator links a person record.
      if (input.password !== undefined || input.personId) {
        throw AuthException.forbidden(authTexts.officerInvites());
      }
    }
    for (const grant of input.roles) await this.assertMayGrant(actor, grant);
    if (input.password !== undefined) {
      const problem = passwordLengthProblem(input.password);
      if (problem) throw AuthException.passwordLength('password', problem);
    }
    const hash = input.password !== undefined ? await this.hasher.hash(input.password) : null;
    if (await this.users.findByEmail(input.email)) {
      throw emailTaken();
    }
    return this.dataSource.transaction(async (em) => {
      const user = await this.users
        .insertUser(
          {
            email: input.email,
            name: input.name.trim(),
            passwordHash: hash,
            personId: input.personId ?? null,
            locale: input.locale ?? 'es',
          },
          em,
        )
        .catch((err: unknown) => {
          if ((err as { driverError?: { code?: string } }).driverError?.code === '23505') {
            throw emailTaken();
          }
          if ((err as { driverError?: { code?: string } }).driverError?.code === '23503') {
            throw new AuthException('PERSON_NOT_FOUND', authTexts.personUnknown(), 422, [
              AuthException.fieldError('personId', authTexts.personUnknown()),
            ]);
          }
          throw err;
        });
      for (const grant of input.roles) await this.users.addRole(user.id, grant, actor.id, em);
      if (!hash) await this.auth.sendLink(user, 'invitation', em, actor.name);
      await this.audit.record(
        context,
        {
          action: 'user.created',
          objectType: 'user',
          objectId: user.id,
          details: { email: user.email, roles: input.roles, invited: !hash },
        },
        em,
      );
      return this.view(user, await this.users.rolesOf(user.id, em));
    });
  }

  async addRole(actor: Actor, userId: string, grant: RoleGrant, context: AuditContext): Promise<UserView> {
    const { user } = await this.visibleUser(actor, userId, context);
    await this.assertMayGrant(actor, grant);
    await this.dataSource.transaction(async (em) => {
      if (await this.users.addRole(user.id, grant, actor.id, em)) {
        await this.audit.record(
          context,
          {
            action: 'user.role_added',
            objectType: 'user',
            objectId: user.id,
            scopeType: grant.scopeType,
            scopeId: grant.scopeId ?? undefined,
            details: { role: grant.role },
          },
          em,
        );
      }
    });
    return this.view(user, await this.users.rolesOf(user.id), actor);
  }

  async removeRole(actor: Actor, userId: string, grant: RoleGrant, context: AuditContext): Promise<UserView> {
    const { user } = await this.visibleUser(actor, userId, context);
    await this.assertMayGrant(actor, grant);
    if (grant.role === 'admin' && user.id === actor.id)
      throw AuthException.conflict('SELF_DEMOTION', authTexts.selfDemotion());
    await this.dataSource.transaction(async (em) => {
      if (!(await this.users.removeRole(user.id, grant, em))) throw AuthException.notFound();
      await this.audit.record(
        context,
        {
          action: 'user.role_removed',
          objectType: 'user',
          objectId: user.id,
          scopeType: grant.scopeType,
          scopeId: grant.scopeId ?? undefined,
          details: { role: grant.role },
        },
        em,
      );
    });
    return this.view(user, await this.users.rolesOf(user.id), actor);
  }

  /** Disables a user: their sessions end and their tokens are revoked at once. */
  async disable(actor: Actor, userId: string, context: AuditContext): Promise<UserView> {
    const { user, roles } = await this.visibleUser(actor, userId, context);
    if (user.id === actor.id) throw AuthException.conflict('SELF_DISABLE', authTexts.selfDisable());
    if (!isAdmin(actor)) {
      // An officer disables only people whose every role lies in their own communes and who are not officers.
      const communes = officerCommunes(actor);
      const mine = await this.rolesInCommunes(roles, communes);
      const allMine = mine.length === roles.length && roles.every((r) => r.role !== 'municipal_officer');
      if (!allMine) throw AuthException.forbidden(authTexts.disableOutsideCommune());
    }
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      await this.users.updateUser(user.id, { disabledAt: now }, em);
      await this.users.deleteSessionsOf(user.id, em);
      await this.users.revokeAllTokens(user.id, now, em);
      await this.audit.record(context, { action: 'user.disabled', objectType: 'user', objectId: user.id }, em);
    });
    return this.view({ ...user, disabledAt: now }, roles, actor);
  }

  /** The user (name) if they are active and hold `role` in `scopeId` (e.g. the faith minister of a commune). */
  async roleHolder(
    userId: string,
    role: RoleGrant['role'],
    scopeId: string,
  ): Promise<{ id: string; name: string } | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return null;
    const user = await this.users.findById(userId);
    if (!user || user.disabledAt) return null;
    const roles = await this.users.rolesOf(user.id);
    return roles.some((r) => r.role === role && r.scopeId === scopeId) ? { id: user.id, name: user.name } : null;
  }

  /** Who holds a role on one object (an association's officers and members), for the object's page. */
  holdersOf(
    scopeType: 'commune' | 'association' | 'table' | 'program',
    scopeId: string,
  ): Promise<{ id: string; name: string; email: string; role: string; disabled: boolean }[]> {
    return this.users.holdersOf(scopeType, scopeId);
  }

  /**
   * Gives `grant` to the user with `email`, inviting them first when they have no account. An existing account
   * gets the role directly (the actor's right over the grant's scope is what is checked, as for any grant).
   */
  async grantByEmail(
    actor: Actor,
    input: { email: string; name: string },
    grant: RoleGrant,
    context: AuditContext,
  ): Promise<{ invited: boolean }> {
    const existing = await this.users.findByEmail(input.email);
    if (!existing) {
      await this.create(actor, { email: input.email, name: input.name, roles: [grant] }, context);
      return { invited: true };
    }
    await this.assertMayGrant(actor, grant);
    await this.dataSource.transaction(async (em) => {
      if (await this.users.addRole(existing.id, grant, actor.id, em)) {
        await this.audit.record(
          context,
          {
            action: 'user.role_added',
            objectType: 'user',
            objectId: existing.id,
            scopeType: grant.scopeType,
            scopeId: grant.scopeId ?? undefined,
            details: { role: grant.role },
          },
          em,
        );
      }
    });
    return { invited: false };
  }

  /** Creates a user with a password and roles unless the e-mail exists (demo data, tests). */
  async ensureUser(input: {
    email: string;
    name: string;
    password: string;
    roles: RoleGrant[];
    personId?: string | null;
  }): Promise<{ id: string; created: boolean }> {
    const existing = await this.users.findByEmail(input.email);
    if (existing) return { id: existing.id, created: false };
    const hash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.insertUser(
        { email: input.email, name: input.name, passwordHash: hash, personId: input.personId ?? null, locale: 'es' },
        em,
      );
      for (const grant of input.roles) await this.users.addRole(user.id, grant, null, em);
      await this.audit.record(
        {},
        {
          action: 'user.created',
          objectType: 'user',
          objectId: user.id,
          details: { email: input.email, roles: input.roles, source: 'seed' },
        },
        em,
      );
      return { id: user.id, created: true };
    });
  }

  /** ADMIN_EMAIL / ADMIN_PASSWORD: makes sure that administrator exists (password set only when created). */
  async ensureAdmin(email: string, password: string, name = 'Administración'): Promise<{ created: boolean }> {
    const existing = await this.users.findByEmail(email);
    const grant: RoleGrant = { role: 'admin', scopeType: 'platform', scopeId: null };
    if (existing) {
      await this.dataSource.transaction((em) => this.users.addRole(existing.id, grant, null, em));
      return { created: false };
    }
    const problem = passwordLengthProblem(password);
    if (problem) throw new Error('ADMIN_PASSWORD debe tener entre 8 y 256 bytes');
    const hash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (em) => {
      const user = await this.users.insertUser({ email, name, passwordHash: hash, personId: null, locale: 'es' }, em);
      await this.users.addRole(user.id, grant, null, em);
      await this.audit.record(
        {},
        {
          action: 'user.created',
          objectType: 'user',
          objectId: user.id,
          details: { email, roles: [grant], source: 'ADMIN_EMAIL' },
        },
        em,
      );
    });
    return { created: true };
  }
}
