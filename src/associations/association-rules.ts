import { addMonths, addYears, ageOn, daysBetween } from '../common/format/dates';
import type { CountryProfile, MunicipalitySettings } from '../territory/municipality-settings';
import { neighbourhoodCouncilFoundersMinimum } from '../territory/municipality-settings';

/** API.md enumerations. */
export const CHILE_KINDS = ['neighbourhood_council', 'functional_organization', 'trade_association'] as const;
/** Peru's organisations (issue 20 item 7): juntas vecinales de seguridad ciudadana, rondas urbanas, comités de vaso
 * de leche, ollas comunes, comedores populares, mercados, empresas de mototaxis y de transporte. */
export const PERU_KINDS = [
  'neighbourhood_security_board',
  'urban_patrol',
  'milk_committee',
  'common_pot',
  'soup_kitchen',
  'market',
  'transport_company',
  'other',
] as const;
export const ASSOCIATION_KINDS = [...CHILE_KINDS, ...PERU_KINDS] as const;
export type AssociationKind = (typeof ASSOCIATION_KINDS)[number];
export const AREAS = ['urban', 'rural'] as const;
export type Area = (typeof AREAS)[number];
export const ASSOCIATION_STATUSES = [
  'in_formation',
  'pending_certification',
  'constituted',
  'in_force',
  'objected',
  'board_expired',
  'dissolved',
] as const;
export type AssociationStatus = (typeof ASSOCIATION_STATUSES)[number];
export const MEMBERSHIP_STATUSES = ['active', 'suspended', 'ended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const WARNING_CODES = [
  'PROVISIONAL_BOARD_EXPIRING',
  'DEPOSIT_DUE',
  'OBJECTION_CORRECTION_DUE',
  'BOARD_EXPIRING',
  'BOARD_EXPIRED',
  'MEMBERS_BELOW_MINIMUM',
  'RECOGNITION_EXPIRING',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export function kindsFor(country: CountryProfile): readonly AssociationKind[] {
  return country === 'PE' ? PERU_KINDS : CHILE_KINDS;
}

/** The warnings an organisation of the country can have: Peru has no constitution, board terms or legal minimum. */
export function warningCodesFor(country: CountryProfile): readonly WarningCode[] {
  return country === 'PE' ? ['RECOGNITION_EXPIRING'] : WARNING_CODES.filter((c) => c !== 'RECOGNITION_EXPIRING');
}

/**
 * DOM-ORG-14 (PE-02): the recognition that lapses after the profile's years is the comisaría's recognition of a
 * junta vecinal de seguridad ciudadana; the other Peruvian organisations are recognised without a term.
 */
export function recognitionLapses(kind: string): boolean {
  return kind === 'neighbourhood_security_board';
}

/** DOM-ORG-13: a trade association is registered with the Ministry of Economy and skips the municipal constitution. */
export function isRegisteredElsewhere(kind: AssociationKind): boolean {
  return kind === 'trade_association';
}

/** DOM-ORG-14: Peruvian neighbourhood organisations are recognised for a period instead of constituted. */
export function isRecognisedKind(country: CountryProfile): boolean {
  return country === 'PE';
}

/** DOM-ORG-3 (config): minimum founders (and members, DOM-ORG-11) for the kind, area and commune population. */
export function foundersMinimum(
  kind: AssociationKind,
  area: Area,
  population: number | null,
  settings: MunicipalitySettings,
): number {
  if (kind === 'neighbourhood_council') return neighbourhoodCouncilFoundersMinimum(settings, population);
  if (kind === 'functional_organization') return settings.foundersMinimum.functionalOrganization[area];
  return settings.foundersMinimum.other;
}

/** DOM-ORG-4 (config): the minimum age of a member of this kind. */
export function memberMinimumAge(kind: AssociationKind, settings: MunicipalitySettings): number {
  if (kind === 'neighbourhood_council') return settings.memberMinimumAge.neighbourhoodCouncil;
  if (kind === 'functional_organization') return settings.memberMinimumAge.functionalOrganization;
  return settings.memberMinimumAge.other;
}

export type AgeCheck =
  { ok: true; needsGuardianConsent: boolean } | { ok: false; code: 'MEMBER_TOO_YOUNG'; age: number; minimum: number };

/** DOM-ORG-4 and DOM-DATA-3: age on the joining date against the kind's minimum; under 16 needs a guardian's consent. */
export function checkMemberAge(
  kind: AssociationKind,
  birthDate: string,
  joinedOn: string,
  settings: MunicipalitySettings,
): AgeCheck {
  const age = ageOn(birthDate, joinedOn);
  const minimum = memberMinimumAge(kind, settings);
  if (age < minimum) return { ok: false, code: 'MEMBER_TOO_YOUNG', age, minimum };
  return { ok: true, needsGuardianConsent: age < settings.guardianConsentUnder };
}

/** What the warnings are computed from: one association's state, dates as `yyyy-mm-dd`. */
export interface WarningInput {
  kind: AssociationKind;
  status: AssociationStatus;
  country: CountryProfile;
  membersActive: number;
  foundersMinimum: number;
  membersBelowMinimumSince: string | null;
  recognitionExpiresOn: string | null;
}

export interface AssociationWarning {
  code: WarningCode;
  dueOn: string;
}

/** Statuses in which an organisation has legal personality and so must keep its membership (DOM-ORG-11). */
const WITH_LEGAL_PERSONALITY: readonly AssociationStatus[] = ['in_force', 'objected', 'board_expired'];

export const RECOGNITION_WARNING_DAYS = 60;
export const BELOW_MINIMUM_DISSOLUTION_MONTHS = 6;

/**
 * The warnings an association shows today, each with the date it is about. The constitution and board issue
 * adds DEPOSIT_DUE, OBJECTION_CORRECTION_DUE and the board warnings from their own dates.
 */
export function warningsFor(input: WarningInput, today: string): AssociationWarning[] {
  const out: AssociationWarning[] = [];
  // DOM-ORG-11: below the founding minimum; six months of it is a cause of dissolution (the due date).
  // Chile only: the Peruvian profile has no legal minimum of members (issue 20 item 7).
  if (
    input.country === 'CL' &&
    WITH_LEGAL_PERSONALITY.includes(input.status) &&
    input.membersActive < input.foundersMinimum
  ) {
    const since = input.membersBelowMinimumSince ?? today;
    out.push({ code: 'MEMBERS_BELOW_MINIMUM', dueOn: addMonths(since, BELOW_MINIMUM_DISSOLUTION_MONTHS) });
  }
  // DOM-ORG-14: warn 60 days before the recognition lapses (and after, until it is renewed).
  if (
    input.recognitionExpiresOn &&
    input.status !== 'dissolved' &&
    daysBetween(today, input.recognitionExpiresOn) <= RECOGNITION_WARNING_DAYS
  ) {
    out.push({ code: 'RECOGNITION_EXPIRING', dueOn: input.recognitionExpiresOn });
  }
  return out;
}

/** DOM-ORG-14: when a recognition given on `recognisedOn` lapses (null: the kind's recognition has no term). */
export function recognitionExpiry(recognisedOn: string, settings: MunicipalitySettings, kind: string): string | null {
  return settings.recognitionYears && recognitionLapses(kind)
    ? addYears(recognisedOn, settings.recognitionYears)
    : null;
}
