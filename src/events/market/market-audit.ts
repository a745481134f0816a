import type { AuditEntry } from '../../audit/audit.service';
import type { MarketVenue } from './entities/market-venue.entity';

/** A market action's audit entry, logged under the venue's program (where its officers read the log). */
export function inVenueProgram(
  venue: Pick<MarketVenue, 'programId'>,
  entry: Omit<AuditEntry, 'scopeType' | 'scopeId'>,
): AuditEntry {
  return { ...entry, scopeType: 'program', scopeId: venue.programId ?? undefined };
}
