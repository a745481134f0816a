import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { AuthException } from './auth.exception';
import { authTexts } from './auth.messages';
import { AuthService, type InvitedAs } from './auth.service';
import { PasswordHasher, passwordLengthProblem } from './password-hasher';
import type { RoleGrant } from '../common/access/roles';
import { UserAccess, type UserView } from './user-access.service';
import { ScopeRegistry } from './scope-registry';
import { UserSeeds } from './user-seeds.service';
import { UsersRepository } from './users.repository';

export type { UserView } from './user-access.service';

/** The e-mail belongs to another user already (checked first, and again by the unique index under a race). */
function emailTaken(): AuthException {
  return AuthException.conflict('EMAIL_TAKEN', authTexts.emailTaken(), [
    AuthException.fieldError('email', authTexts.emailTaken()),
  ]);
}

export interface NewUser {
  email: string;
  name: string;
  password?: string;
  personId?: string | null;
  roles: RoleGrant[];
  locale?: string;
  /** The institution the person represents (a table's representative), for the invitation's words. */
  institution?: string;
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
    private readonly access: UserAccess,
    private readonly seeds: UserSeeds,
    private readonly scopes: ScopeRegistry,
  ) {}

  /** What the invitation names: the first role, its object by name, the institution represented. */
  private async invitedAs(input: NewUser): Promise<InvitedAs | undefined> {
    const grant = input.roles[0];
    if (!grant) return undefined;
    const scope = grant.scopeId
      ? ((await this.scopes.names(grant.scopeType, [grant.scopeId])).get(grant.scopeId) ?? null)
      : null;
    return { role: grant.role, scope, institution: input.institution ?? null };
  }

  /** The names of the objects the roles are scoped to ("scopeType:scopeId" → name), so pages never show an id. */
  async scopeNames(grants: Pick<RoleGrant, 'scopeType' | 'scopeId'>[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const byType = new Map<RoleGrant['scopeType'], string[]>();
    for (const g of grants) if (g.scopeId) byType.set(g.scopeType, [...(byType.get(g.scopeType) ?? []), g.scopeId]);
    for (const [type, ids] of byType)
      for (const [id, name] of await this.scopes.names(type, ids)) out.set(`${type}:${id}`, name);
    return out;
  }

  /**
   * The objects `actor` may give a role on, by scope type and name (an administrator: all; an officer: those of
   * their communes), for the pages' lists.
   */
  async scopeChoices(
    actor: Actor,
    scopeTypes: RoleGrant['scopeType'][],
  ): Promise<Map<RoleGrant['scopeType'], { id: string; name: string }[]>> {
    const communes = isAdmin(actor) ? null : officerCommunes(actor);
    const out = new Map<RoleGrant['scopeType'], { id: string; name: string }[]>();
    for (const type of new Set(scopeTypes)) out.set(type, await this.scopes.choices(type, communes));
    return out;
  }

  async list(
    actor: Actor,
    filter: { q?: string; page?: number; pageSize?: number },
  ): Promise<{ items: UserView[]; total: number }> {
    const pageSize = Math.min(filter.pageSize ?? 50, 200);
    const page = Math.max(filter.page ?? 1, 1);
    const communeCodes = isAdmin(actor) ? undefined : officerCommunes(actor);
    if (communeCodes && !communeCodes.length) throw AuthException.forbidden();
    const scopeIds = communeCodes ? await this.access.scopeIdsInCommunes(communeCodes) : undefined;
    const { items, total } = await this.users.search(
      { q: filter.q, communeCodes, scopeIds },
      { offset: (page - 1) * pageSize, limit: pageSize },
    );
    const roles = await this.users.rolesOfMany(items.map((u) => u.id));
    return { items: await Promise.all(items.map((u) => this.access.view(u, roles.get(u.id) ?? [], actor))), total };
  }

  async get(actor: Actor, userId: string, context: AuditContext = {}): Promise<UserView> {
    const { user, roles } = await this.access.visibleUser(actor, userId, context);
    return this.access.view(user, roles, actor);
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
    for (const grant of input.roles) await this.access.assertMayGrant(actor, grant);
    if (input.password !== undefined) {
      const problem = passwordLengthProblem(input.password);
      if (problem) throw AuthException.passwordLength('password', problem);
    }
    const hash = input.password !== undefined ? await this.hasher.hash(input.password) : null;
    if (await this.users.findByEmail(input.email)) {
      throw emailTaken();
    }
    // what the invitation names, read before the transaction (the embedded database has one connection)
    const invitedAs = hash ? undefined : await this.invitedAs(input);
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
      if (!hash) await this.auth.sendLink(user, 'invitation', em, actor.name, invitedAs);
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
      return this.access.view(user, await this.users.rolesOf(user.id, em));
    });
  }

  async addRole(actor: Actor, userId: string, grant: RoleGrant, context: AuditContext): Promise<UserView> {
    const { user } = await this.access.visibleUser(actor, userId, context);
    await this.grant(actor, user.id, grant, context);
    return this.access.view(user, await this.users.rolesOf(user.id), actor);
  }

  async removeRole(actor: Actor, userId: string, grant: RoleGrant, context: AuditContext): Promise<UserView> {
    const { user } = await this.access.visibleUser(actor, userId, context);
    await this.access.assertMayGrant(actor, grant);
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
    return this.access.view(user, await this.users.rolesOf(user.id), actor);
  }

  /** Disables a user: their sessions end and their tokens are revoked at once. */
  async disable(actor: Actor, userId: string, context: AuditContext): Promise<UserView> {
    const { user, roles } = await this.access.visibleUser(actor, userId, context);
    if (user.id === actor.id) throw AuthException.conflict('SELF_DISABLE', authTexts.selfDisable());
    if (!isAdmin(actor)) {
      // An officer disables only people whose every role lies in their own communes and who are not officers.
      const communes = officerCommunes(actor);
      const mine = await this.access.rolesInCommunes(roles, communes);
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
    return this.access.view({ ...user, disabledAt: now }, roles, actor);
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
    input: { email: string; name: string; institution?: string },
    grant: RoleGrant,
    context: AuditContext,
  ): Promise<{ invited: boolean }> {
    const existing = await this.users.findByEmail(input.email);
    if (!existing) {
      await this.create(
        actor,
        { email: input.email, name: input.name, roles: [grant], institution: input.institution },
        context,
      );
      return { invited: true };
    }
    await this.grant(actor, existing.id, grant, context);
    return { invited: false };
  }
  /** Gives `grant` to a user when `actor` may give it; a role they already hold is not recorded again. */
  private async grant(actor: Actor, userId: string, grant: RoleGrant, context: AuditContext): Promise<void> {
    await this.access.assertMayGrant(actor, grant);
    await this.dataSource.transaction(async (em) => {
      if (await this.users.addRole(userId, grant, actor.id, em)) {
        await this.audit.record(
          context,
          {
            action: 'user.role_added',
            objectType: 'user',
            objectId: userId,
            scopeType: grant.scopeType,
            scopeId: grant.scopeId ?? undefined,
            details: { role: grant.role },
          },
          em,
        );
      }
    });
  }

  /** The active administrators' names and e-mails (a municipal officer's request for a wider table reaches them). */
  administrators(): Promise<{ name: string; email: string }[]> {
    return this.users.administrators();
  }

  /** Creates a user with a password and roles unless the e-mail exists (UserSeeds; demo data, tests). */
  ensureUser(...args: Parameters<UserSeeds['ensureUser']>): ReturnType<UserSeeds['ensureUser']> {
    return this.seeds.ensureUser(...args);
  }

  /** ADMIN_EMAIL / ADMIN_PASSWORD: makes sure that administrator exists (UserSeeds). */
  ensureAdmin(...args: Parameters<UserSeeds['ensureAdmin']>): ReturnType<UserSeeds['ensureAdmin']> {
    return this.seeds.ensureAdmin(...args);
  }
}
