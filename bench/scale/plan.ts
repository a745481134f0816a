/**
 * Issue 21 item 1: what `npm run scale:seed -- --size=…` loads. `full` is the national scale of the issue; `tenth`
 * a tenth of it; `ci` about a thousandth (a few hundred organisations), small enough for the ops test.
 */
export type ScaleSize = 'full' | 'tenth' | 'ci';
export const SCALE_SIZES: readonly ScaleSize[] = ['full', 'tenth', 'ci'];

export interface ScalePlan {
  size: ScaleSize;
  associations: number;
  /** memberships; every member is a person of their own (one RUT, one organisation) */
  members: number;
  /** meetings of organisations and sessions of tables together */
  meetings: number;
  /** commitments of organisations and of tables together */
  commitments: number;
  programs: number;
  beneficiaries: number;
  fundCalls: number;
  /** market venues, each with a year of weekly stands */
  marketVenues: number;
  /** communes with a security table (the most populous first) */
  tables: number;
}

export const SCALE_PLANS: Record<ScaleSize, ScalePlan> = {
  full: {
    size: 'full',
    associations: 100_000,
    members: 2_000_000,
    meetings: 1_000_000,
    commitments: 3_000_000,
    programs: 200,
    beneficiaries: 50_000,
    fundCalls: 2_000,
    marketVenues: 40,
    tables: 346,
  },
  tenth: {
    size: 'tenth',
    associations: 10_000,
    members: 200_000,
    meetings: 100_000,
    commitments: 300_000,
    programs: 20,
    beneficiaries: 5_000,
    fundCalls: 200,
    marketVenues: 4,
    tables: 60,
  },
  ci: {
    size: 'ci',
    associations: 300,
    members: 6_000,
    meetings: 3_000,
    commitments: 9_000,
    programs: 4,
    beneficiaries: 400,
    fundCalls: 20,
    marketVenues: 1,
    tables: 4,
  },
};
