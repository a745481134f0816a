import type { Actor } from '../../common/access/actor';
import { hasRole, isAdmin } from '../../common/access/actor';
import type { MarketVenue } from './entities/market-venue.entity';

/**
 * Who manages a market venue (API.md "Who may do what", issue 19): the administration, the officers of its program,
 * and the coordinators of its table. Everyone else is outside its scope (404), except an entrepreneur of its program,
 * who may apply for themself (MarketApplicationsService).
 */
export function managesVenue(actor: Actor, venue: Pick<MarketVenue, 'programId' | 'tableId'>): boolean {
  return (
    isAdmin(actor) ||
    (!!venue.programId && hasRole(actor, 'program_officer', venue.programId)) ||
    (!!venue.tableId && hasRole(actor, 'table_coordinator', venue.tableId))
  );
}

/** The programs and tables whose venues the actor manages (null: every one, the administration). */
export function venueScope(actor: Actor): { programIds: string[]; tableIds: string[] } | null {
  if (isAdmin(actor)) return null;
  const scoped = (role: 'program_officer' | 'table_coordinator') =>
    actor.roles.filter((r) => r.role === role && r.scopeId).map((r) => r.scopeId as string);
  return { programIds: scoped('program_officer'), tableIds: scoped('table_coordinator') };
}
