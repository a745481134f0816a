import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from './actor';
import type { Role } from './roles';

export const PUBLIC_KEY = 'quorum:public';
export const ROLES_KEY = 'quorum:roles';

/** Anyone may call this route (deny by default: everything else needs a signed-in user). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Only users holding one of these roles (in some scope) reach the handler; the service still checks the scope
 * of every object it touches. Without it any signed-in user passes the guard.
 */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The signed-in user (null on public routes for anonymous callers). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor | null => {
  return (ctx.switchToHttp().getRequest<Request & { actor?: Actor | null }>().actor ?? null) as Actor | null;
});
