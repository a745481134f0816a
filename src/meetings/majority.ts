/**
 * DOM-MTG-7, API.md: the outcome of an agreement from its votes and the majority that applies.
 * - `simple` (the default): approved when votes for exceed votes against;
 * - `absolute`: approved when votes for exceed half of those present;
 * - `two_thirds` (statute reform): approved when votes for reach two thirds of those present, rounded up.
 */
export type Majority = 'simple' | 'absolute' | 'two_thirds';
export type Outcome = 'approved' | 'rejected';

export const MAJORITIES: Majority[] = ['simple', 'absolute', 'two_thirds'];

export interface Votes {
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
}

/** The votes needed to approve under `majority` with `present` voters (for `simple`, one more than those against). */
export function votesNeeded(majority: Majority, present: number, votesAgainst = 0): number {
  switch (majority) {
    case 'simple':
      return votesAgainst + 1;
    case 'absolute':
      return Math.floor(present / 2) + 1; // more than half
    case 'two_thirds':
      return Math.ceil((2 * present) / 3);
  }
}

export function agreementOutcome(majority: Majority, votes: Votes, present: number): Outcome {
  // a vote nobody cast approves nothing, whatever the rule
  if (votes.votesFor <= 0) return 'rejected';
  return votes.votesFor >= votesNeeded(majority, present, votes.votesAgainst) ? 'approved' : 'rejected';
}

/** How the acta states the rule that applied ("mayoría absoluta de los 19 presentes: 10 votos"). */
export function majorityLabel(majority: Majority): string {
  return {
    simple: 'mayoría simple',
    absolute: 'mayoría absoluta de los presentes',
    two_thirds: 'dos tercios de los presentes',
  }[majority];
}
