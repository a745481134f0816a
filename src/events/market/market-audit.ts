import type { AuditEntry } from '../../audit/audit.service';
import type { MarketSlot } from './entities/market-slot.entity';
import type { MarketVenue } from './entities/market-venue.entity';

/** A market action's audit entry, logged under the venue's program (where its officers read the log). */
export function inVenueProgram(
  venue: Pick<MarketVenue, 'programId'>,
  action: string,
  objectType: 'market_venue' | 'market_slot' | 'market_application',
  objectId: string,
  details?: Record<string, unknown>,
): AuditEntry {
  return { action, objectType, objectId, scopeType: 'program', scopeId: venue.programId ?? undefined, details };
}

/** Which stand an entry is about: its month, week and number. */
export const standDetails = (slot: Pick<MarketSlot, 'month' | 'weekStartsOn' | 'stand'>) => ({
  month: slot.month,
  week: slot.weekStartsOn,
  stand: slot.stand,
});
