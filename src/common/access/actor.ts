import type { RoleGrant } from './roles';

/** Who is making the request, resolved once per request by the AuthGuard (session or Bearer token). */
export interface Actor {
  id: string;
  email: string;
  name: string;
  personId: string | null;
  roles: RoleGrant[];
  via: 'session' | 'token';
}

export function hasRole(actor: Actor | null, role: RoleGrant['role'], scopeId?: string | null): boolean {
  if (!actor) return false;
  return actor.roles.some((r) => r.role === role && (scopeId === undefined || r.scopeId === scopeId));
}

export function isAdmin(actor: Actor | null): boolean {
  return hasRole(actor, 'admin');
}

/** The communes where the actor is a municipal officer. */
export function officerCommunes(actor: Actor | null): string[] {
  return (actor?.roles ?? [])
    .filter((r) => r.role === 'municipal_officer' && r.scopeId)
    .map((r) => r.scopeId as string);
}
