import { addBusinessDays } from '../common/business-days';
import type { LocalizedText } from '../common/i18n/messages';
import { addDays, addYears, ageOn, daysBetween } from '../common/format/dates';
import type { MunicipalitySettings } from '../territory/municipality-settings';
import {
  type Area,
  type AssociationKind,
  type AssociationStatus,
  type AssociationWarning,
  checkMemberAge,
  foundersMinimum,
} from './association-rules';
import { associationTexts as T, eachLanguage, postName } from './associations.messages';

/**
 * The rules of an organisation's constitution and boards (DOMAIN.md DOM-ORG-3 to -10), as pure functions over
 * plain data: the constitution and board services check them when the assembly is recorded and again at
 * certification, and the association page shows their deadlines. Every refusal carries a code (API.md) and a
 * message with the numbers, in Spanish and English (associations.messages.ts).
 */
export interface RuleProblem {
  code: string;
  /** Spanish (what the certification checklist lists). */
  message: string;
  /** The member or seat the problem is about, when there is one. */
  subject?: string;
  /** The message in every language (a refusal shows the reader's); kept out of the plain data. */
  readonly text?: LocalizedText;
}

/** A problem worded by the module's dictionary: its Spanish message, every language beside it (non-enumerable). */
function problem(code: string, text: LocalizedText, subject?: string): RuleProblem {
  const out: RuleProblem = subject === undefined ? { code, message: text.es } : { code, message: text.es, subject };
  Object.defineProperty(out, 'text', { value: text, enumerable: false });
  return out;
}

/** DOM-ORG-3: founders present at the constitutive assembly against the minimum for the kind, area and population. */
export function checkFoundersPresent(
  kind: AssociationKind,
  area: Area,
  population: number | null,
  settings: MunicipalitySettings,
  present: number,
): RuleProblem | null {
  const minimum = foundersMinimum(kind, area, population, settings);
  if (present >= minimum) return null;
  const what =
    kind === 'neighbourhood_council'
      ? population === null
        ? T.councilOfUnknownPopulation()
        : T.councilOfPopulation({ population: population.toLocaleString('es-CL') })
      : area === 'urban'
        ? T.functionalUrban()
        : T.functionalRural();
  return problem(
    'FOUNDERS_BELOW_MINIMUM',
    eachLanguage((l) =>
      present === 1
        ? T.foundersBelowMinimumOne({ what: what[l], minimum })
        : T.foundersBelowMinimumMany({ present, what: what[l], minimum }),
    ),
  );
}

/** DOM-ORG-4: every founder old enough on the assembly date (under 16 with a guardian's consent recorded). */
export function checkFounderAges(
  kind: AssociationKind,
  founders: { name: string; birthDate: string | null; guardianConsent: boolean }[],
  assemblyDate: string,
  settings: MunicipalitySettings,
): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const f of founders) {
    if (!f.birthDate) {
      out.push(problem('MEMBER_BIRTH_DATE_MISSING', T.founderBirthDateMissing({ name: f.name }), f.name));
      continue;
    }
    const age = checkMemberAge(kind, f.birthDate, assemblyDate, settings);
    if (!age.ok)
      out.push(
        problem('MEMBER_TOO_YOUNG', T.founderTooYoung({ name: f.name, age: age.age, minimum: age.minimum }), f.name),
      );
    else if (age.needsGuardianConsent && !f.guardianConsent)
      out.push(
        problem(
          'GUARDIAN_CONSENT_REQUIRED',
          T.founderGuardianConsent({ name: f.name, under: settings.guardianConsentUnder }),
          f.name,
        ),
      );
  }
  return out;
}

export type BoardPosition = 'president' | 'secretary' | 'treasurer' | 'director' | 'substitute';
export const REQUIRED_POSTS: readonly BoardPosition[] = ['president', 'secretary', 'treasurer'];

export interface SeatCandidate {
  position: BoardPosition;
  name: string;
  birthDate: string | null;
  /** Ranked substitutes: 1, 2, 3... */
  rank?: number | null;
  /** DOM-ORG-5 / -8: Chilean or resident in Chile more than 3 years; not a mayor, councillor or municipal head of department of the commune. */
  declaredEligible: boolean;
  /** The member's joining date (DOM-ORG-8: one year of membership, except for the first board). */
  joinedOn?: string | null;
}

/**
 * DOM-ORG-5 and DOM-ORG-8: the three required posts, one person per seat, at least as many titular seats as
 * ranked substitutes at most, ages of 18 or more on `onDate`, the declared eligibility, and for a definitive
 * board that is not the first, a year of membership.
 */
export function checkBoard(seats: SeatCandidate[], onDate: string, options: { firstBoard: boolean }): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const post of REQUIRED_POSTS) {
    const count = seats.filter((s) => s.position === post).length;
    if (count === 0)
      out.push(
        problem(
          'BOARD_POST_MISSING',
          eachLanguage((l) => T.boardPostMissing({ post: postName(post, l) })),
        ),
      );
    if (count > 1)
      out.push(
        problem(
          'BOARD_POST_DUPLICATED',
          eachLanguage((l) => T.boardPostDuplicated({ count, post: postName(post, l) })),
        ),
      );
  }
  const names = seats.map((s) => s.name);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  for (const name of new Set(repeated))
    out.push(problem('BOARD_MEMBER_REPEATED', T.boardMemberRepeated({ name }), name));
  const titular = seats.filter((s) => s.position !== 'substitute').length;
  const substitutes = seats.filter((s) => s.position === 'substitute');
  if (substitutes.length > titular)
    out.push(
      problem('BOARD_TOO_MANY_SUBSTITUTES', T.boardTooManySubstitutes({ substitutes: substitutes.length, titular })),
    );
  const ranks = substitutes.map((s) => s.rank ?? 0).sort((a, b) => a - b);
  if (ranks.some((r, i) => r !== i + 1)) out.push(problem('BOARD_SUBSTITUTE_RANKS', T.boardSubstituteRanks()));
  for (const seat of seats) {
    if (!seat.birthDate)
      out.push(problem('BOARD_MEMBER_INELIGIBLE', T.boardBirthDateMissing({ name: seat.name }), seat.name));
    else {
      const age = ageOn(seat.birthDate, onDate);
      if (age < 18)
        out.push(problem('BOARD_MEMBER_INELIGIBLE', T.boardMemberTooYoung({ name: seat.name, age }), seat.name));
    }
    if (!seat.declaredEligible)
      out.push(problem('BOARD_MEMBER_INELIGIBLE', T.boardDeclarationMissing({ name: seat.name }), seat.name));
    if (!options.firstBoard && seat.joinedOn && onDate < addYears(seat.joinedOn, 1)) {
      out.push(problem('BOARD_MEMBER_INELIGIBLE', T.boardMemberTooRecent({ name: seat.name }), seat.name));
    }
  }
  return out;
}

/** DOM-ORG-5 / -8: when a board term ends (provisional 60 days, definitive 3 years, calendar days). */
export function boardTermEnd(kind: 'provisional' | 'definitive', startsOn: string): string {
  return kind === 'provisional' ? addDays(startsOn, 60) : addYears(startsOn, 3);
}

/** DOM-ORG-6: deposit within 30 calendar days of the assembly; warn from 7 days before. */
export function depositDeadline(assemblyDate: string): string {
  return addDays(assemblyDate, 30);
}

/** DOM-ORG-6: the municipality may object within 30 days of the deposit. */
export function objectionDeadline(depositedOn: string): string {
  return addDays(depositedOn, 30);
}

/** DOM-ORG-6: after an objection, the organisation has 90 days to correct. */
export function correctionDeadline(objectedOn: string): string {
  return addDays(objectedOn, 90);
}

/** DOM-ORG-10: notify the municipality 15 business days before the vote; deposit the papers within 5 after. */
export function electionDeadlines(
  voteDate: string,
  country: 'CL' | 'PE' = 'CL',
): { notifyBy: string; depositBy: string } {
  return { notifyBy: addBusinessDays(voteDate, -15, country), depositBy: addBusinessDays(voteDate, 5, country) };
}

export const DEPOSIT_WARNING_DAYS = 7;
/** DOM-ORG-5: the provisional board's warning starts this many days before day 60. */
export const PROVISIONAL_BOARD_WARNING_DAYS = 15;
/** DOM-ORG-9: a definitive board's warning starts 60 days before its term ends. */
export const BOARD_WARNING_DAYS = 60;

export interface ConstitutionState {
  status: AssociationStatus;
  assemblyDate: string | null;
  depositedOn: string | null;
  objectedOn: string | null;
  /** The current board term, if any. */
  board: { kind: 'provisional' | 'definitive'; endsOn: string } | null;
}

/** DOM-ORG-5, -6, -9: the warnings of the constitution and the board, each with the date it is about. */
export function constitutionWarnings(state: ConstitutionState, today: string): AssociationWarning[] {
  const out: AssociationWarning[] = [];
  // the 30 days run from the assembly, also while the faith minister has not certified yet
  if (
    (state.status === 'pending_certification' || state.status === 'constituted') &&
    state.assemblyDate &&
    !state.depositedOn
  ) {
    const due = depositDeadline(state.assemblyDate);
    if (daysBetween(today, due) <= DEPOSIT_WARNING_DAYS) out.push({ code: 'DEPOSIT_DUE', dueOn: due });
  }
  if (state.status === 'objected' && state.objectedOn)
    out.push({ code: 'OBJECTION_CORRECTION_DUE', dueOn: correctionDeadline(state.objectedOn) });
  if (state.board && state.status !== 'dissolved') {
    const left = daysBetween(today, state.board.endsOn);
    if (left < 0) out.push({ code: 'BOARD_EXPIRED', dueOn: state.board.endsOn });
    else if (state.board.kind === 'provisional' && left <= PROVISIONAL_BOARD_WARNING_DAYS)
      out.push({ code: 'PROVISIONAL_BOARD_EXPIRING', dueOn: state.board.endsOn });
    else if (state.board.kind === 'definitive' && left <= BOARD_WARNING_DAYS)
      out.push({ code: 'BOARD_EXPIRING', dueOn: state.board.endsOn });
  }
  return out;
}
