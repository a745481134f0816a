import { ASSOCIATION_KINDS } from '../../associations/association-rules';
import { type FieldError, ModuleException } from '../../common/errors/domain.exception';
import { formatClp } from '../../common/format/money';
import {
  FUND_CALL_CATEGORIES,
  FUND_CALL_CATEGORY_LABELS,
  FUND_CALL_SCOPES,
  FUND_REQUIREMENT_KEYS,
  FUND_TARGET_APPLICANTS,
  OWNER_SEXES,
  type FundCallCategory,
  type FundCallRequirements,
  type FundCallScope,
  type FundTargetApplicant,
} from './fund-call-categories';
import { knownZone, resolveLocal } from './fund-call-state';
import { fundTexts } from './funds.messages';

/** A call's fields as given (the API body, a form, a CSV row), before the rules. */
export interface FundCallRaw {
  name?: string;
  year?: number;
  scope?: string;
  regionCodes?: string[];
  communeCodes?: string[];
  category?: string;
  targetApplicant?: string;
  associationKinds?: string[] | null;
  amountMinClp?: number | null;
  amountMaxClp?: number | null;
  opensAt?: string;
  closesAt?: string;
  timeZone?: string | null;
  url?: string | null;
  requirements?: unknown;
  description?: string | null;
}

/** A call's fields once every rule of DOM-FND-1 holds (what is written). */
export interface FundCallFields {
  name: string;
  year: number;
  scope: FundCallScope;
  regionCodes: string[];
  communeCodes: string[];
  category: FundCallCategory;
  targetApplicant: FundTargetApplicant;
  associationKinds: string[] | null;
  amountMinClp: number | null;
  amountMaxClp: number | null;
  opensAt: Date;
  closesAt: Date;
  timeZone: string;
  url: string | null;
  requirements: FundCallRequirements;
  description: string | null;
}

/** The territory the rules look codes up in (the communes with their region and municipality zone). */
export interface TerritoryIndex {
  regions: Map<string, string>;
  communes: Map<string, { name: string; regionCode: string; timeZone: string }>;
}

export const REQUIREMENT_LABELS: Record<(typeof FUND_REQUIREMENT_KEYS)[number], string> = {
  legalPersonalityInForce: 'personalidad jurídica vigente',
  boardInForce: 'directorio vigente',
  minOrganizationAgeYears: 'antigüedad mínima de la organización',
  noPendingExpenseReport: 'sin rendiciones pendientes',
  organizationRut: 'RUT de la organización',
  publicFundsRegistry: 'inscripción en el registro de receptores de fondos públicos',
  ownerSex: 'sexo de la persona titular',
  minAgeYears: 'edad mínima',
  noActivityStart: 'sin inicio de actividades en el SII',
  other: 'otros requisitos',
};

/** The requirements a call either sets or not (a checkbox each in the call's form). */
export const BOOLEAN_REQUIREMENTS = [
  'legalPersonalityInForce',
  'boardInForce',
  'noPendingExpenseReport',
  'organizationRut',
  'publicFundsRegistry',
  'noActivityStart',
] as const;

const oneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/**
 * The rules of a call's fields (DOM-FND-1): known scope, category, target applicant, regions, communes, kinds and
 * requirements; the close after the opening, both real local times of the zone (never in a DST gap); the minimum
 * amount not above the maximum. Every problem at once, each naming its field in plain Spanish.
 */
export function checkFundCall(
  raw: FundCallRaw,
  territory: TerritoryIndex,
): { ok: true; value: FundCallFields } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, text: ReturnType<typeof fundTexts.regionUnknown>) =>
    errors.push(ModuleException.fieldError(field, text));

  const scope = raw.scope;
  if (!oneOf(FUND_CALL_SCOPES, scope)) fail('scope', fundTexts.scopeUnknown({ value: String(scope ?? '') }));
  const category = raw.category;
  if (!oneOf(FUND_CALL_CATEGORIES, category))
    fail(
      'category',
      fundTexts.categoryUnknown({
        value: String(category ?? ''),
        list: FUND_CALL_CATEGORIES.map((c) => `${c} (${FUND_CALL_CATEGORY_LABELS[c].es})`).join(', '),
      }),
    );
  const target = raw.targetApplicant;
  if (!oneOf(FUND_TARGET_APPLICANTS, target))
    fail('targetApplicant', fundTexts.targetUnknown({ value: String(target ?? '') }));

  let regionCodes = [...new Set((raw.regionCodes ?? []).map((c) => c.trim()).filter(Boolean))];
  let communeCodes = [...new Set((raw.communeCodes ?? []).map((c) => c.trim()).filter(Boolean))];
  for (const code of regionCodes)
    if (!territory.regions.has(code)) fail('regionCodes', fundTexts.regionUnknown({ code }));
  for (const code of communeCodes)
    if (!territory.communes.has(code)) fail('communeCodes', fundTexts.communeUnknown({ code }));
  if (scope === 'regional' && !regionCodes.length) fail('regionCodes', fundTexts.regionRequired());
  if (scope === 'communal' && !communeCodes.length) fail('communeCodes', fundTexts.communeRequired());
  if (scope === 'national') [regionCodes, communeCodes] = [[], []];
  if (scope === 'regional') communeCodes = [];
  if (scope === 'communal') regionCodes = [];

  let kinds: string[] | null = [...new Set((raw.associationKinds ?? []).map((k) => k.trim()).filter(Boolean))];
  for (const k of kinds)
    if (!oneOf(ASSOCIATION_KINDS, k)) fail('associationKinds', fundTexts.kindUnknown({ value: k }));
  if (!kinds.length || target !== 'organizations') kinds = null;

  const min = raw.amountMinClp ?? null;
  const max = raw.amountMaxClp ?? null;
  if (min !== null && max !== null && min > max)
    fail('amountMinClp', fundTexts.minAboveMax({ min: formatClp(min), max: formatClp(max) }));

  // the zone: given, or the municipality's of the first commune (of the region), America/Santiago for the nation
  const firstCommune =
    communeCodes[0] ?? [...territory.communes.entries()].find(([, c]) => c.regionCode === regionCodes[0])?.[0];
  let timeZone = raw.timeZone?.trim() || (firstCommune && territory.communes.get(firstCommune)?.timeZone);
  timeZone ||= 'America/Santiago';
  if (!knownZone(timeZone)) {
    fail('timeZone', fundTexts.zoneUnknown({ value: timeZone }));
    timeZone = 'America/Santiago';
  }
  const local = (field: 'opensAt' | 'closesAt', label: string): Date | null => {
    const value = (raw[field] ?? '').trim();
    const r = resolveLocal(value, timeZone);
    if (r.ok) return r.instant;
    if (r.reason === 'gap') fail(field, fundTexts.localTimeGap({ label, value, zone: timeZone }));
    else fail(field, fundTexts.localTimeFormat({ label }));
    return null;
  };
  const opensAt = local('opensAt', 'fecha de apertura');
  const closesAt = local('closesAt', 'fecha de cierre');
  if (opensAt && closesAt && closesAt.getTime() <= opensAt.getTime())
    fail('closesAt', fundTexts.closesBeforeOpens({ closes: raw.closesAt ?? '', opens: raw.opensAt ?? '' }));

  let url = raw.url?.trim() || null;
  if (url) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
      url = parsed.toString();
    } catch {
      fail('url', fundTexts.urlInvalid());
    }
  }

  const requirements = checkRequirements(raw.requirements ?? {}, errors);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: (raw.name ?? '').trim(),
      year: Number(raw.year),
      scope: scope as FundCallScope,
      regionCodes,
      communeCodes,
      category: category as FundCallCategory,
      targetApplicant: target as FundTargetApplicant,
      associationKinds: kinds,
      amountMinClp: min,
      amountMaxClp: max,
      opensAt: opensAt as Date,
      closesAt: closesAt as Date,
      timeZone,
      url,
      requirements,
      description: raw.description?.trim() || null,
    },
  };
}

/** API.md's `requirements` object: known keys only, each of its type; a requirement set to false is not required. */
function checkRequirements(raw: unknown, errors: FieldError[]): FundCallRequirements {
  const out: FundCallRequirements = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(
      ModuleException.fieldError('requirements', fundTexts.requirementUnknown({ value: String(raw), list: '' })),
    );
    return out;
  }
  const invalid = (key: keyof typeof REQUIREMENT_LABELS, value: unknown) =>
    errors.push(
      ModuleException.fieldError(
        `requirements.${key}`,
        fundTexts.requirementInvalid({ label: REQUIREMENT_LABELS[key], value: JSON.stringify(value) ?? '' }),
      ),
    );
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!oneOf(FUND_REQUIREMENT_KEYS, key)) {
      errors.push(
        ModuleException.fieldError(
          'requirements',
          fundTexts.requirementUnknown({
            value: key.slice(0, 60),
            list: FUND_REQUIREMENT_KEYS.map((k) => `${k} (${REQUIREMENT_LABELS[k]})`).join(', '),
          }),
        ),
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    if (oneOf(BOOLEAN_REQUIREMENTS, key)) {
      if (typeof value !== 'boolean') invalid(key, value);
      else if (value) out[key] = true;
    } else if (key === 'minOrganizationAgeYears' || key === 'minAgeYears') {
      const limit = key === 'minAgeYears' ? 120 : 100;
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > limit) invalid(key, value);
      else if ((value as number) > 0) out[key] = value as number;
    } else if (key === 'ownerSex') {
      if (!oneOf(OWNER_SEXES, value)) invalid(key, value);
      else out.ownerSex = value;
    } else if (key === 'other') {
      const items = Array.isArray(value) ? value : null;
      if (!items || items.length > 30 || items.some((i) => typeof i !== 'string' || i.length > 300)) invalid(key, '…');
      else {
        const texts = (items as string[]).map((i) => i.trim()).filter(Boolean);
        if (texts.length) out.other = texts;
      }
    }
  }
  return out;
}
