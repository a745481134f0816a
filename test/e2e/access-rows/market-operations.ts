import type { AccessRows } from './shared';

/** The market publishing, offers, attendance and outputs routes in the access matrix (issue 19). */
export const MARKET_OPERATION_ACCESS_ROWS: AccessRows = {
  setup: async () => {},
  cases: () => [],
};
