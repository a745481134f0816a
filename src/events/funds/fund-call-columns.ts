import { ASSOCIATION_KINDS } from '../../associations/association-rules';
import { foldForSearch } from '../../common/text';
import { FUND_CALL_CATEGORIES, FUND_CALL_CATEGORY_LABELS, type FundCallRequirements } from './fund-call-categories';
import type { FundCallView } from './fund-calls.service';

/**
 * The fund calls' CSV (issue 18 item 1): its Spanish columns, shared by the template and the import. Lists inside a
 * cell (regions, communes, kinds, other requirements) are separated by `;` (quote the cell in a `;`-separated file).
 */
export const CALL_COLUMNS = [
  ['institutionName', 'institución'],
  ['name', 'nombre'],
  ['year', 'año'],
  ['scope', 'alcance'],
  ['regionCodes', 'regiones'],
  ['communeCodes', 'comunas'],
  ['category', 'categoría'],
  ['targetApplicant', 'postulante'],
  ['associationKinds', 'tipos de organización'],
  ['amountMinClp', 'monto mínimo'],
  ['amountMaxClp', 'monto máximo'],
  ['opensAt', 'apertura'],
  ['closesAt', 'cierre'],
  ['timeZone', 'zona horaria'],
  ['url', 'enlace'],
  ['legalPersonalityInForce', 'personalidad jurídica vigente'],
  ['boardInForce', 'directorio vigente'],
  ['minOrganizationAgeYears', 'antigüedad mínima (años)'],
  ['noPendingExpenseReport', 'sin rendiciones pendientes'],
  ['organizationRut', 'rut de la organización'],
  ['publicFundsRegistry', 'registro de receptores de fondos públicos'],
  ['ownerSex', 'sexo de la persona titular'],
  ['minAgeYears', 'edad mínima'],
  ['noActivityStart', 'sin inicio de actividades'],
  ['other', 'otros requisitos'],
  ['description', 'descripción'],
] as const;
export type CallColumn = (typeof CALL_COLUMNS)[number][0];
export const CALL_HEADER = CALL_COLUMNS.map(([, label]) => label);

/** The column of a header cell (Spanish, accents and case aside; the API's names too), or undefined. */
export function callColumnOf(header: string): CallColumn | undefined {
  const key = foldForSearch(header).replace(/\s+/g, ' ').trim();
  return CALL_COLUMNS.find(([column, label]) => foldForSearch(label) === key || column.toLowerCase() === key)?.[0];
}

export const SCOPE_IN: Record<string, string> = {
  comunal: 'communal',
  regional: 'regional',
  nacional: 'national',
  communal: 'communal',
  national: 'national',
};
export const SCOPE_OUT: Record<string, string> = { communal: 'comunal', regional: 'regional', national: 'nacional' };
export const TARGET_IN: Record<string, string> = {
  personas: 'persons',
  organizaciones: 'organizations',
  empresas: 'businesses',
  persons: 'persons',
  organizations: 'organizations',
  businesses: 'businesses',
};
export const TARGET_OUT: Record<string, string> = {
  persons: 'personas',
  organizations: 'organizaciones',
  businesses: 'empresas',
};
export const SEX_IN: Record<string, string> = {
  mujer: 'female',
  mujeres: 'female',
  femenino: 'female',
  female: 'female',
  hombre: 'male',
  hombres: 'male',
  masculino: 'male',
  male: 'male',
};
export const YES = ['si', 'x', 'true', '1', 'yes'];
export const NO = ['no', '', 'false', '0'];

/** A category cell: the value (`security`) or its Spanish label (`Seguridad`). */
export function categoryIn(cell: string): string {
  const key = foldForSearch(cell).trim();
  return FUND_CALL_CATEGORIES.find((c) => c === key || foldForSearch(FUND_CALL_CATEGORY_LABELS[c].es) === key) ?? cell;
}

/** An association kind cell: the value or nothing else (the list is short and technical). */
export function kindIn(cell: string): string {
  const key = foldForSearch(cell).trim().replace(/\s+/g, '_');
  return ASSOCIATION_KINDS.find((k) => k === key) ?? cell;
}

/** `2027-04-01T09:00`, `2027-04-01 09:00` or `01-04-2027 09:00` -> `2027-04-01T09:00` (else as written). */
export function localIn(cell: string): string {
  const t = cell.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})$/.exec(t);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4].padStart(2, '0')}:${iso[5]}`;
  const cl = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4}) (\d{1,2}):(\d{2})$/.exec(t);
  if (cl) return `${cl[3]}-${cl[2].padStart(2, '0')}-${cl[1].padStart(2, '0')}T${cl[4].padStart(2, '0')}:${cl[5]}`;
  return t;
}

export const list = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/[;|]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** A call as a CSV row in CALL_COLUMNS' order (the template's example and any export import back). */
export function callRow(
  call: Pick<FundCallView, Exclude<keyof FundCallView, 'institution'>> & { institution: { name: string } },
): string[] {
  const r: FundCallRequirements = call.requirements;
  const yes = (v: boolean | undefined) => (v ? 'sí' : 'no');
  return [
    call.institution.name,
    call.name,
    String(call.year),
    SCOPE_OUT[call.scope] ?? call.scope,
    call.regionCodes.join(';'),
    call.communeCodes.join(';'),
    FUND_CALL_CATEGORY_LABELS[call.category as keyof typeof FUND_CALL_CATEGORY_LABELS]?.es ?? call.category,
    TARGET_OUT[call.targetApplicant] ?? call.targetApplicant,
    (call.associationKinds ?? []).join(';'),
    call.amountMinClp === null ? '' : String(call.amountMinClp),
    call.amountMaxClp === null ? '' : String(call.amountMaxClp),
    call.opensAt.replace('T', ' '),
    call.closesAt.replace('T', ' '),
    call.timeZone,
    call.url ?? '',
    yes(r.legalPersonalityInForce),
    yes(r.boardInForce),
    r.minOrganizationAgeYears ? String(r.minOrganizationAgeYears) : '',
    yes(r.noPendingExpenseReport),
    yes(r.organizationRut),
    yes(r.publicFundsRegistry),
    r.ownerSex === 'female' ? 'mujeres' : r.ownerSex === 'male' ? 'hombres' : '',
    r.minAgeYears ? String(r.minAgeYears) : '',
    yes(r.noActivityStart),
    (r.other ?? []).join(';'),
    call.description ?? '',
  ];
}
