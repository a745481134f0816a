import type { AccessRows } from './shared';

/** The fund matching, applications and feeds routes in the access matrix (issue 18). */
export const FUND_MATCHING_ACCESS_ROWS: AccessRows = {
  setup: async () => {},
  cases: () => [],
};
