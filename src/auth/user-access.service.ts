import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { MUNICIPAL_OFFICER_GRANTS, RoleGrant, ROLES } from '../common/access/roles';
import { AuthException } from './auth.exception';
import { authTexts } from './auth.messages';
import type { User } from './entities/user.entity';
import { ScopeRegistry } from './scope-registry';
import { UsersRepository } from './users.repository';

export interface UserView {
  id: string;
  email: string;
  name: string;
  personId: string | null;
  disabled: boolean;
  lastLoginAt: Date | null;
  roles: RoleGrant[];
}

/**
 * Who may see a user and give or take a role (API.md rights table): administrators anyone and anything; a
 * municipal officer the users with a role in their communes, and the roles of API.md in those communes.
 */
@Injectable()
export class UserAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly scopes: ScopeRegistry,
  ) {}

  /** The ids of the objects (associations, tables...) in `communes`, for an officer's list of users. */
  scopeIdsInCommunes(communes: string[]): Promise<string[]> {
    return this.scopes.idsInCommunes(communes);
  }

  /**
   * Whether `actor` may give or take `grant`: admin anything; a municipal officer the roles of API.md whose
   * scope lies in their commune (the commune itself, or an association of it); whoever runs a feature's object
   * the roles its module lets them give (`ScopeResolver.mayGrant`: a table's coordinator its table's roles).
   */
  async assertMayGrant(actor: Actor, grant: RoleGrant): Promise<void> {
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
    // the object's own managers (a table's coordinator and municipality give its representatives accounts)
    if (await this.scopes.mayGrant(actor, grant)) return;
    const communes = officerCommunes(actor);
    if (!communes.length) throw AuthException.forbidden();
    if (!MUNICIPAL_OFFICER_GRANTS.includes(grant.role) || !commune || !communes.includes(commune)) {
      throw AuthException.forbidden(authTexts.officerGrants());
    }
  }

  /** The roles of `roles` whose scope lies in one of `communes` (commune scopes, or objects of those communes). */
  async rolesInCommunes(roles: RoleGrant[], communes: string[]): Promise<RoleGrant[]> {
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
  async visibleUser(
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
      await this.audit.deniedOutsideScope(
        context,
        actor,
        { objectType: 'user', objectId: user.id },
        this.dataSource.manager,
      );
      throw AuthException.notFound();
    }
    return { user, roles };
  }

  /** What `actor` may see of a user: an officer sees only the roles in their communes. */
  async view(user: User, roles: RoleGrant[], actor?: Actor): Promise<UserView> {
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
}
