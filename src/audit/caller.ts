import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../common/access/actor';
import { auditContextFrom, type AuditContext } from './audit.service';

/** Who calls a handler and the audit context of the request: the two that nearly every service call takes. */
export interface Caller {
  actor: Actor;
  audit: AuditContext;
}

/**
 * The signed-in actor (set by the access guard) with the request's audit context, for handlers that pass both
 * on (`@CurrentCaller() who: Caller` in place of `@CurrentActor() actor` plus `auditContextFrom(req, actor)`).
 */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor | null }>();
  const actor = (req.actor ?? null) as Actor;
  return { actor, audit: auditContextFrom(req, actor) };
});
