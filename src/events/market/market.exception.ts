import { ModuleException } from '../../common/errors/domain.exception';

/** Refusals of market weeks (API.md phase 2), with stable codes. Add codes here as rules need them. */
export class MarketException extends ModuleException {
  static override readonly codes = [
    'ALLOCATION_PUBLISHED',
    'APPLICATION_DUPLICATE',
    'ALLOCATION_NOT_PUBLISHED',
    'WEEK_NOT_STARTED',
    'OFFER_EXPIRED',
    'OUTSIDE_VENUE_PROGRAM',
    'ALLOCATION_NOT_DRAFTED',
    'SLOT_CANCELLED',
    'OFFER_TAKEN',
    'WEEK_OVER',
  ] as const;
}
