import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isApiPath } from '../common/web/paths';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Actor } from '../common/access/actor';
import { LoginRequiredException } from '../common/errors/domain.exception';
import { AuthException } from './auth.exception';
import { authTexts } from './auth.messages';
import { AuthService } from './auth.service';
import { PUBLIC_KEY, ROLES_KEY } from '../common/access/decorators';
import type { Role } from '../common/access/roles';

const ABSOLUTE_MS = 12 * 3_600_000;

type AppRequest = Request & {
  actor?: Actor | null;
  session?: Request['session'] & { userId?: string; createdAt?: number };
};

/**
 * Deny by default. Resolves the caller once per request (a Bearer token under /api, the session elsewhere)
 * with the roles they hold now, so a role change applies on the next request. Routes marked @Public() are
 * open; @AllowRoles() narrows who reaches a handler; services check the scope of each object.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AppRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const actor = await this.resolve(req);
    req.actor = actor;
    if (actor) {
      res.setHeader('Cache-Control', 'no-store');
      res.locals.user = {
        id: actor.id,
        name: actor.name,
        email: actor.email,
        isAdmin: actor.roles.some((r) => r.role === 'admin'),
        canManageUsers: actor.roles.some((r) => r.role === 'admin' || r.role === 'municipal_officer'),
        isFaithMinister: actor.roles.some((r) => r.role === 'faith_minister'),
        seesTables: actor.roles.some((r) =>
          ['admin', 'municipal_officer', 'table_coordinator', 'table_participant'].includes(r.role),
        ),
        seesPrograms: actor.roles.some((r) => r.role === 'admin' || r.role === 'program_officer'),
        // "Mis semanas" (issue 19): a user linked to a person may be an entrepreneur; the page says when they are not
        seesOwnWeeks: !!actor.personId,
      };
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    if (!actor) {
      if (isApiPath(req.path)) throw new AuthException('UNAUTHENTICATED', authTexts.tokenMissing(), 401);
      throw new LoginRequiredException(req.originalUrl);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !actor.roles.some((r) => roles.includes(r.role))) throw AuthException.forbidden(); // audited by the error filter
    return true;
  }

  private async resolve(req: AppRequest): Promise<Actor | null> {
    if (isApiPath(req.path)) {
      const header = req.headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) return null;
      const actor = await this.auth.actorForToken(m[1]);
      if (!actor) throw new AuthException('UNAUTHENTICATED', authTexts.tokenInvalid(), 401);
      return actor;
    }
    const session = req.session;
    if (!session?.userId) return null;
    if (!session.createdAt || Date.now() - session.createdAt > ABSOLUTE_MS) {
      await new Promise<void>((resolve) => session.destroy(() => resolve()));
      return null;
    }
    const actor = await this.auth.actorForUser(session.userId, 'session');
    if (!actor) await new Promise<void>((resolve) => session.destroy(() => resolve()));
    return actor;
  }
}
