import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, IsNull } from 'typeorm';
import { escapeLike } from '../common/text';
import { ApiToken } from './entities/api-token.entity';
import { AuthLink } from './entities/auth-link.entity';
import { RoleAssignment } from './entities/role-assignment.entity';
import { User } from './entities/user.entity';
import { UserSession } from './entities/user-session.entity';
import type { RoleGrant } from '../common/access/roles';
import { named } from '../database/named-statement';
import { findById } from '../database/entity-reads';

/** A user as a request's actor is built from (UsersRepository.actorRow). */
export interface ActorRow {
  id: string;
  email: string;
  name: string;
  personId: string | null;
  disabledAt: Date | null;
  roles: RoleGrant[];
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  findByEmail(email: string, em?: EntityManager): Promise<User | null> {
    return this.m(em).findOneBy(User, { email: email.trim().toLowerCase() });
  }

  findById(id: string, em?: EntityManager): Promise<User | null> {
    return findById(this.m(em), User, id);
  }

  async insertUser(
    user: Pick<User, 'email' | 'name' | 'passwordHash' | 'personId' | 'locale'>,
    em: EntityManager,
  ): Promise<User> {
    return em.save(User, em.create(User, { ...user, email: user.email.trim().toLowerCase() }));
  }

  async updateUser(
    id: string,
    changes: Partial<Pick<User, 'passwordHash' | 'lastLoginAt' | 'disabledAt' | 'name'>>,
    em?: EntityManager,
  ): Promise<void> {
    await this.m(em).update(User, { id }, changes);
  }

  async rolesOf(userId: string, em?: EntityManager): Promise<RoleGrant[]> {
    const rows = await this.m(em).find(RoleAssignment, { where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ role: r.role, scopeType: r.scopeType, scopeId: r.scopeId }));
  }

  /** Adds a role unless the user already has it in that scope; returns whether it was added. */
  async addRole(userId: string, grant: RoleGrant, grantedBy: string | null, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(RoleAssignment)
      .values({ userId, role: grant.role, scopeType: grant.scopeType, scopeId: grant.scopeId, grantedBy })
      .orIgnore() // already held (two partial unique indexes): nothing to add
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** After a password is set: every pending link is spent and every API token revoked. */
  async spendLinksAndTokens(userId: string, at: Date, em: EntityManager): Promise<void> {
    await em.update(AuthLink, { userId, usedAt: IsNull() }, { usedAt: at });
    await em.update(ApiToken, { userId, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** A new reset link replaces earlier unused ones. */
  async expireResetLinks(userId: string, at: Date, em: EntityManager): Promise<void> {
    await em.update(AuthLink, { userId, kind: 'reset', usedAt: IsNull() }, { usedAt: at });
  }

  async removeRole(userId: string, grant: RoleGrant, em: EntityManager): Promise<boolean> {
    const result = await em.delete(RoleAssignment, {
      userId,
      role: grant.role,
      scopeType: grant.scopeType,
      scopeId: grant.scopeId ?? IsNull(),
    });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Users matching `q` (name or e-mail), newest first. `communeCodes` restricts to users holding a role in one
   * of those communes (a municipal officer sees the people of their commune).
   */
  async search(
    filter: { q?: string; communeCodes?: string[]; scopeIds?: string[] },
    page: { offset: number; limit: number },
  ): Promise<{ items: User[]; total: number }> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .orderBy('u.created_at', 'DESC')
      .skip(page.offset)
      .take(page.limit);
    if (filter.q) {
      const like = `%${escapeLike(filter.q.trim().toLowerCase())}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where(`lower(u.name) LIKE :like ESCAPE '\\'`, { like }).orWhere(`u.email LIKE :like ESCAPE '\\'`, { like }),
        ),
      );
    }
    if (filter.communeCodes) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.id AND ((r.scope_type = 'commune' AND r.scope_id IN (:...codes)) OR (r.scope_type <> 'commune' AND r.scope_id = ANY(:scopeIds))))`,
        { codes: filter.communeCodes.length ? filter.communeCodes : ['-'], scopeIds: filter.scopeIds ?? [] },
      );
    }
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** The users holding a role in one scope (e.g. an association's officers and members), in one query. */
  async holdersOf(
    scopeType: string,
    scopeId: string,
  ): Promise<{ id: string; name: string; email: string; role: string; disabled: boolean }[]> {
    return this.dataSource.query(
      `SELECT u.id, u.name, u.email, r.role, (u.disabled_at IS NOT NULL) AS disabled
         FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.scope_type = $1 AND r.scope_id = $2 ORDER BY r.role, lower(u.name)`,
      [scopeType, scopeId],
    );
  }

  /** The active administrators (name, e-mail), for the requests that reach the administration. */
  administrators(): Promise<{ name: string; email: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT u.name, u.email FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.role = 'admin' AND u.disabled_at IS NULL ORDER BY u.email`,
    );
  }

  async rolesOfMany(userIds: string[]): Promise<Map<string, RoleGrant[]>> {
    const map = new Map<string, RoleGrant[]>(userIds.map((id) => [id, []]));
    if (!userIds.length) return map;
    const rows = await this.dataSource
      .getRepository(RoleAssignment)
      .createQueryBuilder('r')
      .where('r.user_id IN (:...ids)', { ids: userIds })
      .orderBy('r.created_at')
      .getMany();
    for (const r of rows) map.get(r.userId)?.push({ role: r.role, scopeType: r.scopeType, scopeId: r.scopeId });
    return map;
  }

  async deleteSessionsOf(userId: string, em: EntityManager): Promise<number> {
    return (await em.delete(UserSession, { userId })).affected ?? 0;
  }

  // --- API tokens
  async insertToken(
    token: Pick<ApiToken, 'userId' | 'tokenHash' | 'prefix' | 'expiresAt'>,
    em: EntityManager,
  ): Promise<ApiToken> {
    return em.save(ApiToken, em.create(ApiToken, token));
  }

  /**
   * What a request's actor is made of, in one statement (every signed-in request reads it): the user, their role
   * grants in the order given, and, for a Bearer token, the token's id and last use. `tokenHash` set: only an active
   * token (not revoked, not expired) answers; the user is then the token's.
   */
  async actorRow(
    by: { userId: string } | { tokenHash: string; now: Date },
  ): Promise<(ActorRow & { tokenId: string | null; tokenLastUsedAt: Date | null }) | null> {
    const roles = `coalesce((SELECT json_agg(json_build_object('role', r.role, 'scopeType', r.scope_type,
                     'scopeId', r.scope_id) ORDER BY r.created_at, r.id)
                     FROM role_assignment r WHERE r.user_id = u.id), '[]'::json) AS roles`;
    const columns = `u.id, u.email, u.name, u.person_id AS "personId", u.disabled_at AS "disabledAt", ${roles}`;
    const rows: (ActorRow & { tokenId: string | null; tokenLastUsedAt: Date | null })[] =
      'userId' in by
        ? await this.dataSource.query(
            named(
              'actor_by_user',
              `SELECT ${columns}, NULL::uuid AS "tokenId", NULL::timestamptz AS "tokenLastUsedAt"
                 FROM app_user u WHERE u.id = $1`,
            ),
            [by.userId],
          )
        : await this.dataSource.query(
            named(
              'actor_by_token',
              `SELECT ${columns}, t.id AS "tokenId", t.last_used_at AS "tokenLastUsedAt"
                 FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2`,
            ),
            [by.tokenHash, by.now],
          );
    return rows[0] ?? null;
  }

  tokensOf(userId: string): Promise<ApiToken[]> {
    return this.dataSource.getRepository(ApiToken).find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  async revokeToken(userId: string, tokenId: string, at: Date, em: EntityManager): Promise<boolean> {
    return (
      ((await em.update(ApiToken, { id: tokenId, userId, revokedAt: IsNull() }, { revokedAt: at })).affected ?? 0) > 0
    );
  }

  async revokeAllTokens(userId: string, at: Date, em: EntityManager): Promise<void> {
    await em.update(ApiToken, { userId, revokedAt: IsNull() }, { revokedAt: at });
  }

  async touchToken(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(ApiToken).update({ id }, { lastUsedAt: at });
  }

  // --- single-use links
  async insertLink(
    link: Pick<AuthLink, 'userId' | 'kind' | 'tokenHash' | 'expiresAt'>,
    em: EntityManager,
  ): Promise<void> {
    await em.insert(AuthLink, link);
  }

  /** Marks a valid link used (once: a conditional update) and returns it; null if unknown, used or expired. */
  async consumeLink(tokenHash: string, now: Date, em: EntityManager): Promise<AuthLink | null> {
    const result = await em
      .createQueryBuilder()
      .update(AuthLink)
      .set({ usedAt: now })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now', { tokenHash, now })
      .returning('id')
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? em.findOneBy(AuthLink, { id }) : null;
  }

  findValidLink(tokenHash: string, now: Date): Promise<AuthLink | null> {
    return this.dataSource
      .getRepository(AuthLink)
      .createQueryBuilder('l')
      .where('l.token_hash = :tokenHash AND l.used_at IS NULL AND l.expires_at > :now', { tokenHash, now })
      .getOne();
  }
}
