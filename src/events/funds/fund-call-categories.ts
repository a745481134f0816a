/**
 * The categories of a fund call (DOM-FND-1), in one place: the API and CSV values and their Spanish and English
 * labels. The database CHECK (CK_fund_call_category) lists the same values.
 */
export const FUND_CALL_CATEGORIES = [
  'social',
  'security',
  'productive',
  'culture',
  'sport',
  'environment',
  'infrastructure',
  'other',
] as const;
export type FundCallCategory = (typeof FUND_CALL_CATEGORIES)[number];

export const FUND_CALL_CATEGORY_LABELS: Record<FundCallCategory, { es: string; en: string }> = {
  social: { es: 'Social', en: 'Social' },
  security: { es: 'Seguridad', en: 'Security' },
  productive: { es: 'Productivo y emprendimiento', en: 'Business and entrepreneurship' },
  culture: { es: 'Cultura', en: 'Culture' },
  sport: { es: 'Deporte', en: 'Sport' },
  environment: { es: 'Medio ambiente', en: 'Environment' },
  infrastructure: { es: 'Infraestructura', en: 'Infrastructure' },
  other: { es: 'Otro', en: 'Other' },
};

export const FUND_CALL_SCOPES = ['communal', 'regional', 'national'] as const;
export type FundCallScope = (typeof FUND_CALL_SCOPES)[number];

export const FUND_TARGET_APPLICANTS = ['persons', 'organizations', 'businesses'] as const;
export type FundTargetApplicant = (typeof FUND_TARGET_APPLICANTS)[number];

export const FUND_CALL_STATES = ['upcoming', 'open', 'closing_soon', 'closed'] as const;
export type FundCallState = (typeof FUND_CALL_STATES)[number];

export const OWNER_SEXES = ['female', 'male'] as const;

/**
 * The requirements of a call (API.md's `requirements` object, DOM-FND-1): those the portal checks itself, and
 * `other`, free text shown as a checklist. An absent key is not required.
 */
export interface FundCallRequirements {
  legalPersonalityInForce?: boolean;
  boardInForce?: boolean;
  minOrganizationAgeYears?: number;
  noPendingExpenseReport?: boolean;
  organizationRut?: boolean;
  publicFundsRegistry?: boolean;
  ownerSex?: (typeof OWNER_SEXES)[number];
  minAgeYears?: number;
  noActivityStart?: boolean;
  other?: string[];
}

/** The requirement keys, in the order the checklist shows them. */
export const FUND_REQUIREMENT_KEYS = [
  'legalPersonalityInForce',
  'boardInForce',
  'minOrganizationAgeYears',
  'noPendingExpenseReport',
  'organizationRut',
  'publicFundsRegistry',
  'ownerSex',
  'minAgeYears',
  'noActivityStart',
  'other',
] as const satisfies readonly (keyof FundCallRequirements)[];
export type FundRequirementKey = (typeof FUND_REQUIREMENT_KEYS)[number];
