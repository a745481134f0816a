import type { AccessRows } from './shared';

/** The fund calls and calendar routes in the access matrix (issue 18). */
export const FUND_CALL_ACCESS_ROWS: AccessRows = {
  setup: async () => {},
  cases: () => [],
};
