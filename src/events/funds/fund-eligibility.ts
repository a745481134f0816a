import { addMonths, ageOn, formatDate } from '../../common/format/dates';
import { formatRut } from '../../common/format/rut';
import type { LocalizedText } from '../../common/i18n/messages';
import { matchTexts as t } from './fund-matching.messages';

/**
 * DOM-FND-2: whether an applicant (an association or a program's beneficiary) qualifies for a fund call, with one
 * reason per requirement that names the fact and its date. Pure: the caller loads the facts (in bulk) and passes
 * today's local date; nothing here reads a clock or a database.
 *
 * Outcome: `not_eligible` when the applicant kind or territory does not fit or any requirement fails; else `unknown`
 * when a fact is missing (no RUT recorded, no declaration, no birth date...); else `eligible`. The call's free-text
 * requirements (`other`) are listed as a checklist with `met: null` and never make the answer `unknown`: the portal
 * cannot check them, and an applicant that meets everything the portal can check is told so.
 */

export type Eligibility = 'eligible' | 'not_eligible' | 'unknown';
export type FundScope = 'communal' | 'regional' | 'national';
export type TargetApplicant = 'persons' | 'organizations' | 'businesses';
export type OwnerSex = 'female' | 'male' | 'other' | 'undisclosed';

/** The requirements object of API.md (POST /api/v1/fund-calls). */
export interface FundRequirements {
  legalPersonalityInForce?: boolean;
  boardInForce?: boolean;
  minOrganizationAgeYears?: number | null;
  noPendingExpenseReport?: boolean;
  organizationRut?: boolean;
  publicFundsRegistry?: boolean;
  ownerSex?: OwnerSex | null;
  minAgeYears?: number | null;
  noActivityStart?: boolean;
  other?: string[];
}

export interface CallFacts {
  scope: FundScope;
  regionCodes: string[];
  communeCodes: string[];
  targetApplicant: TargetApplicant;
  /** for organisations: the kinds admitted; empty admits every kind */
  associationKinds: string[];
  requirements: FundRequirements;
}

/** A yes/no the applicant declared, with the day it was declared (or the registration date it gave). */
export interface Declared {
  value: boolean;
  on: string;
}

/** An earlier award and its expense report (DOM-FND-4). */
export interface AwardFacts {
  fundName: string;
  dueOn: string | null;
  submittedOn: string | null;
}

export interface AssociationFacts {
  type: 'association';
  kind: string;
  /** the kind in Spanish ("Junta de vecinos") */
  kindLabel: string;
  communeCode: string;
  communeName: string;
  regionCode: string;
  status: string;
  statusLabel: string;
  /** since when it holds that status (the last recorded change), yyyy-mm-dd */
  statusSince: string | null;
  /** the day it obtained legal personality (the acta's deposit; the registry date of a trade association) */
  constitutedOn: string | null;
  /** the end of the latest board term already started, null when none */
  boardEndsOn: string | null;
  rut: string | null;
  publicFundsRegistry: Declared | null;
  awards: AwardFacts[];
}

export interface BeneficiaryFacts {
  type: 'beneficiary';
  communeCode: string;
  communeName: string;
  regionCode: string;
  birthDate: string | null;
  ownerSex: OwnerSex | null;
  noActivityStart: Declared | null;
  publicFundsRegistry: Declared | null;
  awards: AwardFacts[];
}

export type ApplicantFacts = AssociationFacts | BeneficiaryFacts;

export type RequirementKey = keyof FundRequirements | 'territory' | 'applicant';

export interface MatchReason {
  requirement: RequirementKey;
  met: boolean | null;
  /** Spanish, as API.md returns it */
  detail: string;
  text: LocalizedText;
}

export interface MatchResult {
  eligibility: Eligibility;
  reasons: MatchReason[];
}

const SEX_ES: Record<OwnerSex, string> = {
  female: 'mujer',
  male: 'hombre',
  other: 'otro',
  undisclosed: 'no informado',
};
const SEX_WANTED_ES: Record<OwnerSex, string> = { female: 'mujeres', male: 'hombres', other: 'otro', undisclosed: '' };

function reason(requirement: RequirementKey, met: boolean | null, text: LocalizedText): MatchReason {
  return { requirement, met, detail: text.es, text };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1 año y 4 meses", "2 años", "3 meses", "12 días" (and English) from `from` to `to`, both yyyy-mm-dd. */
export function elapsed(from: string, to: string): LocalizedText {
  let months = 0;
  while (addMonths(from, months + 1) <= to) months++;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (months === 0) {
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
    return { es: plural(Math.max(days, 0), 'día', 'días'), en: plural(Math.max(days, 0), 'day', 'days') };
  }
  const es = [years ? plural(years, 'año', 'años') : '', rest ? plural(rest, 'mes', 'meses') : ''];
  const en = [years ? plural(years, 'year', 'years') : '', rest ? plural(rest, 'month', 'months') : ''];
  return { es: es.filter(Boolean).join(' y '), en: en.filter(Boolean).join(' and ') };
}

function years(n: number): LocalizedText {
  return { es: plural(n, 'año', 'años'), en: plural(n, 'year', 'years') };
}

/** Both languages of a message whose parameters differ by language. */
function both<P extends Record<string, string>>(make: (params: P) => LocalizedText, es: P, en: P): LocalizedText {
  return { es: make(es).es, en: make(en).en };
}

/** The day a person born on `birthDate` turns `n` (born on 29-02: 01-03 in common years, as ageOn counts). */
function birthdayOf(birthDate: string, n: number): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const date = new Date(Date.UTC(y + n, m - 1, d));
  return date.toISOString().slice(0, 10);
}

function inTerritory(call: CallFacts, applicant: ApplicantFacts): boolean {
  if (call.scope === 'national' && !call.communeCodes.length && !call.regionCodes.length) return true;
  if (call.communeCodes.length) return call.communeCodes.includes(applicant.communeCode);
  if (call.regionCodes.length) return call.regionCodes.includes(applicant.regionCode);
  return call.scope === 'national';
}

/** Whether the call is for this kind of applicant at all (the lists show only calls an applicant could apply to). */
export function targetsApplicant(call: Pick<CallFacts, 'targetApplicant'>, type: ApplicantFacts['type']): boolean {
  return type === 'association' ? call.targetApplicant === 'organizations' : call.targetApplicant !== 'organizations';
}

function applicantReason(call: CallFacts, applicant: ApplicantFacts, kindLabels: Record<string, string>): MatchReason {
  if (applicant.type === 'beneficiary') {
    return call.targetApplicant === 'organizations'
      ? reason('applicant', false, t.applicantPersonForOrganizations())
      : reason(
          'applicant',
          true,
          t.applicantKindOk({ kind: call.targetApplicant === 'persons' ? 'persona' : 'emprendimiento' }),
        );
  }
  if (call.targetApplicant !== 'organizations') return reason('applicant', false, t.applicantOrganizationForPersons());
  if (call.associationKinds.length && !call.associationKinds.includes(applicant.kind)) {
    const kinds = call.associationKinds.map((k) => kindLabels[k] ?? k).join(', ');
    return reason('applicant', false, t.applicantKindNotAdmitted({ kinds, kind: applicant.kindLabel.toLowerCase() }));
  }
  return reason('applicant', true, t.applicantKindOk({ kind: applicant.kindLabel.toLowerCase() }));
}

const LEGAL_PERSONALITY = new Set(['constituted', 'in_force', 'board_expired']);

function expenseReasons(awards: AwardFacts[], today: string): MatchReason {
  // DOM-FND-4: an award whose report is overdue (due before today, not submitted) fails the requirement
  const overdue = awards
    .filter((a) => a.dueOn && !a.submittedOn && a.dueOn < today)
    .sort((a, b) => (a.dueOn! < b.dueOn! ? -1 : 1));
  if (overdue.length) {
    const texts = overdue.map((a) => t.reportOverdue({ fund: a.fundName, dueOn: formatDate(a.dueOn) }));
    return reason('noPendingExpenseReport', false, {
      es: texts.map((x) => x.es).join('; '),
      en: texts.map((x) => x.en).join('; '),
    });
  }
  const pending = awards.filter((a) => a.dueOn && !a.submittedOn).sort((a, b) => (a.dueOn! < b.dueOn! ? -1 : 1));
  if (pending.length) {
    return reason(
      'noPendingExpenseReport',
      true,
      t.reportInTime({ fund: pending[0].fundName, dueOn: formatDate(pending[0].dueOn) }),
    );
  }
  return reason('noPendingExpenseReport', true, t.reportNoneOverdue());
}

function registryReason(declared: Declared | null): MatchReason {
  if (!declared) return reason('publicFundsRegistry', null, t.registryMissing());
  return declared.value
    ? reason('publicFundsRegistry', true, t.registryYes({ on: formatDate(declared.on) }))
    : reason('publicFundsRegistry', false, t.registryNo({ on: formatDate(declared.on) }));
}

function associationReasons(r: FundRequirements, a: AssociationFacts, today: string): MatchReason[] {
  const out: MatchReason[] = [];
  if (r.legalPersonalityInForce) {
    const params = { status: a.statusLabel, since: a.statusSince ? formatDate(a.statusSince) : '—' };
    out.push(
      LEGAL_PERSONALITY.has(a.status)
        ? reason('legalPersonalityInForce', true, t.legalPersonalityInForce(params))
        : reason('legalPersonalityInForce', false, t.legalPersonalityMissing(params)),
    );
  }
  if (r.boardInForce) {
    // a board whose term ends today is still in force today
    if (!a.boardEndsOn) out.push(reason('boardInForce', null, t.boardMissing()));
    else if (a.boardEndsOn >= today)
      out.push(reason('boardInForce', true, t.boardInForce({ endsOn: formatDate(a.boardEndsOn) })));
    else out.push(reason('boardInForce', false, t.boardExpired({ endsOn: formatDate(a.boardEndsOn) })));
  }
  if (r.minOrganizationAgeYears) {
    const n = r.minOrganizationAgeYears;
    if (!a.constitutedOn) {
      out.push(
        reason(
          'minOrganizationAgeYears',
          null,
          both(t.ageMissing, { required: years(n).es }, { required: years(n).en }),
        ),
      );
    } else {
      // exactly n years old today qualifies
      const reachedOn = addMonths(a.constitutedOn, n * 12);
      const age = elapsed(a.constitutedOn, today);
      const on = formatDate(a.constitutedOn);
      const met = reachedOn <= today;
      const es = { age: age.es, required: years(n).es, on, reachedOn: formatDate(reachedOn) };
      const en = { age: age.en, required: years(n).en, on, reachedOn: formatDate(reachedOn) };
      out.push(reason('minOrganizationAgeYears', met, met ? both(t.ageMet, es, en) : both(t.ageNotMet, es, en)));
    }
  }
  if (r.noPendingExpenseReport) out.push(expenseReasons(a.awards, today));
  if (r.organizationRut) {
    out.push(
      a.rut
        ? reason('organizationRut', true, t.rutRecorded({ rut: formatRut(a.rut) }))
        : reason('organizationRut', null, t.rutMissing()),
    );
  }
  if (r.publicFundsRegistry) out.push(registryReason(a.publicFundsRegistry));
  return out;
}

function beneficiaryReasons(r: FundRequirements, b: BeneficiaryFacts, today: string): MatchReason[] {
  const out: MatchReason[] = [];
  if (r.ownerSex && r.ownerSex !== 'undisclosed') {
    if (!b.ownerSex || b.ownerSex === 'undisclosed') out.push(reason('ownerSex', null, t.sexMissing()));
    else if (b.ownerSex === r.ownerSex) {
      out.push(
        reason('ownerSex', true, b.ownerSex === 'female' ? t.sexMet() : t.sexMetOther({ sex: SEX_ES[b.ownerSex] })),
      );
    } else {
      out.push(reason('ownerSex', false, t.sexNotMet({ wanted: SEX_WANTED_ES[r.ownerSex], sex: SEX_ES[b.ownerSex] })));
    }
  }
  if (r.minAgeYears) {
    const n = r.minAgeYears;
    if (!b.birthDate) out.push(reason('minAgeYears', null, t.minAgeMissing()));
    else {
      // turning n today qualifies
      const age = ageOn(b.birthDate, today);
      const met = age >= n;
      const birthDate = formatDate(b.birthDate);
      const reachedOn = formatDate(birthdayOf(b.birthDate, n));
      const es = { age: years(age).es, birthDate, required: years(n).es, reachedOn };
      const en = { age: years(age).en, birthDate, required: years(n).en, reachedOn };
      out.push(reason('minAgeYears', met, met ? both(t.minAgeMet, es, en) : both(t.minAgeNotMet, es, en)));
    }
  }
  if (r.noActivityStart) {
    const d = b.noActivityStart;
    if (!d) out.push(reason('noActivityStart', null, t.noActivityStartMissing()));
    else if (d.value) out.push(reason('noActivityStart', true, t.noActivityStartYes({ on: formatDate(d.on) })));
    else out.push(reason('noActivityStart', false, t.noActivityStartNo({ on: formatDate(d.on) })));
  }
  if (r.noPendingExpenseReport) out.push(expenseReasons(b.awards, today));
  if (r.publicFundsRegistry) out.push(registryReason(b.publicFundsRegistry));
  return out;
}

/**
 * DOM-FND-2: the outcome and its reasons for one call and one applicant on `today` (the applicant's local date).
 * `kindLabels` names the association kinds in Spanish for the "admits only" reason.
 */
export function matchCall(
  call: CallFacts,
  applicant: ApplicantFacts,
  today: string,
  kindLabels: Record<string, string> = {},
): MatchResult {
  const reasons: MatchReason[] = [applicantReason(call, applicant, kindLabels)];
  reasons.push(
    inTerritory(call, applicant)
      ? reason('territory', true, t.territoryIn())
      : reason('territory', false, t.territoryOut({ commune: applicant.communeName })),
  );
  const fits = reasons.every((r) => r.met);
  if (fits) {
    const r = call.requirements ?? {};
    reasons.push(
      ...(applicant.type === 'association'
        ? associationReasons(r, applicant, today)
        : beneficiaryReasons(r, applicant, today)),
    );
    for (const text of r.other ?? [])
      if (text.trim()) reasons.push(reason('other', null, t.other({ text: text.trim() })));
  }
  const checked = reasons.filter((r) => r.requirement !== 'other');
  const eligibility: Eligibility = checked.some((r) => r.met === false)
    ? 'not_eligible'
    : checked.some((r) => r.met === null)
      ? 'unknown'
      : 'eligible';
  return { eligibility, reasons };
}
