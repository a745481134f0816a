import { ASSOCIATION_KINDS } from '../../associations/association-rules';
import { formatDateTime, localDate } from '../../common/format/dates';
import { formatClp } from '../../common/format/money';
import {
  FUND_CALL_CATEGORIES,
  FUND_CALL_CATEGORY_LABELS,
  FUND_CALL_SCOPES,
  FUND_CALL_STATES,
  FUND_TARGET_APPLICANTS,
} from './fund-call-categories';
import { BOOLEAN_REQUIREMENTS, REQUIREMENT_LABELS, type TerritoryIndex } from './fund-call-input';
import type { FundCallFilter, FundCallView } from './fund-calls.service';
import { fundPageTexts, SCOPE_LABELS, STATE_LABELS, TARGET_LABELS } from './funds.messages';

type Locale = 'es' | 'en';
type Option = { value: string; label: string };

const STATE_BADGES: Record<string, string> = {
  upcoming: 'text-bg-secondary',
  open: 'text-bg-success',
  closing_soon: 'text-bg-warning',
  closed: 'text-bg-light border',
};

export const KIND_LABELS_ES: Record<string, string> = {
  neighbourhood_council: 'Juntas de vecinos',
  functional_organization: 'Organizaciones funcionales',
  trade_association: 'Asociaciones gremiales',
  neighbourhood_security_board: 'Juntas vecinales de seguridad',
  soup_kitchen: 'Comedores populares',
  market: 'Mercados',
  transport_company: 'Empresas de mototaxis o de transporte',
  urban_patrol: 'Rondas urbanas',
  milk_committee: 'Comités de vaso de leche',
  common_pot: 'Ollas comunes',
  other: 'Otras',
};

/** A call as a card or a row of the calendar: its state, window in its zone and amounts, in the reader's language. */
export function callCard(loc: Locale, c: FundCallView) {
  return {
    id: c.id,
    name: c.name,
    institution: c.institution.name,
    state: c.state,
    stateLabel: STATE_LABELS[c.state][loc],
    stateBadge: STATE_BADGES[c.state],
    category: FUND_CALL_CATEGORY_LABELS[c.category as keyof typeof FUND_CALL_CATEGORY_LABELS]?.[loc] ?? c.category,
    target: TARGET_LABELS[c.targetApplicant]?.[loc] ?? c.targetApplicant,
    scope: SCOPE_LABELS[c.scope]?.[loc] ?? c.scope,
    opens: formatDateTime(c.opensAtUtc, c.timeZone),
    closes: formatDateTime(c.closesAtUtc, c.timeZone),
    timeZone: c.timeZone,
    amounts: amountsLabel(loc, c),
  };
}

function amountsLabel(loc: Locale, c: FundCallView): string {
  const tx = fundPageTexts(loc);
  if (c.amountMinClp !== null && c.amountMaxClp !== null)
    return c.amountMinClp === c.amountMaxClp
      ? formatClp(c.amountMaxClp)
      : `${formatClp(c.amountMinClp)} – ${formatClp(c.amountMaxClp)}`;
  if (c.amountMaxClp !== null) return `${tx.upTo} ${formatClp(c.amountMaxClp)}`;
  if (c.amountMinClp !== null) return `${tx.from} ${formatClp(c.amountMinClp)}`;
  return '';
}

const options = (values: readonly string[], label: (v: string) => string, any?: string): Option[] => [
  ...(any !== undefined ? [{ value: '', label: any }] : []),
  ...values.map((v) => ({ value: v, label: label(v) })),
];

/**
 * The calendar (DOM-FND-3): the month as weeks × days (Monday first) with the calls that open or close each day in
 * their own zone, the month's list below, the filters and the month navigation. On a phone the grid is hidden and
 * the list is the calendar (views/funds/calendar.hbs).
 */
export function calendarView(
  loc: Locale,
  data: {
    calls: FundCallView[];
    month: string;
    filter: FundCallFilter & { view?: string };
    canCreate: boolean;
    today: string;
  },
) {
  const tx = fundPageTexts(loc);
  const [y, m] = data.month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cards = data.calls.map((c) => ({ ...callCard(loc, c), view: c }));
  const cells: {
    day: number | null;
    date: string;
    today: boolean;
    events: { id: string; kind: string; label: string; name: string }[];
  }[] = [];
  for (let i = 0; i < lead; i++) cells.push({ day: null, date: '', today: false, events: [] });
  for (let d = 1; d <= days; d++) {
    const date = `${data.month}-${String(d).padStart(2, '0')}`;
    const events = [];
    for (const c of cards) {
      if (localDate(new Date(c.view.opensAtUtc), c.view.timeZone) === date)
        events.push({ id: c.id, kind: 'opens', label: tx.opens, name: c.name });
      if (localDate(new Date(c.view.closesAtUtc), c.view.timeZone) === date)
        events.push({ id: c.id, kind: 'closes', label: tx.closes, name: c.name });
    }
    cells.push({ day: d, date, today: date === data.today, events });
  }
  while (cells.length % 7) cells.push({ day: null, date: '', today: false, events: [] });
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const shift = (n: number) => {
    const d = new Date(Date.UTC(y, m - 1 + n, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const query = (month: string, view = data.filter.view ?? 'month') => {
    const q = new URLSearchParams({ month, view });
    for (const k of ['state', 'category', 'targetApplicant', 'communeCode'] as const)
      if (data.filter[k]) q.set(k, data.filter[k] as string);
    return `/fondos?${q.toString()}`;
  };
  const monthName = new Intl.DateTimeFormat(loc === 'es' ? 'es-CL' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(first);
  return {
    title: tx.title,
    tx,
    month: data.month,
    monthName: monthName.charAt(0).toUpperCase() + monthName.slice(1),
    listMode: data.filter.view === 'list',
    previousUrl: query(shift(-1)),
    nextUrl: query(shift(1)),
    monthUrl: query(data.month, 'month'),
    listUrl: query(data.month, 'list'),
    weekdays: tx.weekdays.split(','),
    weeks,
    calls: cards.map(({ view: _view, ...c }) => c),
    canCreate: data.canCreate,
    filter: data.filter,
    states: options(FUND_CALL_STATES, (s) => STATE_LABELS[s][loc], tx.any).map((o) => ({
      ...o,
      selected: o.value === (data.filter.state ?? ''),
    })),
    categories: options(FUND_CALL_CATEGORIES, (c) => FUND_CALL_CATEGORY_LABELS[c as never][loc], tx.any).map((o) => ({
      ...o,
      selected: o.value === (data.filter.category ?? ''),
    })),
    targets: options(FUND_TARGET_APPLICANTS, (t) => TARGET_LABELS[t][loc], tx.any).map((o) => ({
      ...o,
      selected: o.value === (data.filter.targetApplicant ?? ''),
    })),
  };
}

/** A call's page: its window in its zone, amounts in CLP, territory, and its requirements as a checklist. */
export function callPageView(
  loc: Locale,
  c: FundCallView,
  data: { canEdit: boolean; territory: TerritoryIndex; signedIn: boolean; subscribed: boolean },
) {
  const tx = fundPageTexts(loc);
  const r = c.requirements;
  const checklist: string[] = [];
  if (r.legalPersonalityInForce) checklist.push(cap(REQUIREMENT_LABELS.legalPersonalityInForce));
  if (r.boardInForce) checklist.push(cap(REQUIREMENT_LABELS.boardInForce));
  if (r.minOrganizationAgeYears)
    checklist.push(`${cap(REQUIREMENT_LABELS.minOrganizationAgeYears)}: ${r.minOrganizationAgeYears} años`);
  if (r.noPendingExpenseReport) checklist.push(cap(REQUIREMENT_LABELS.noPendingExpenseReport));
  if (r.organizationRut) checklist.push(cap(REQUIREMENT_LABELS.organizationRut));
  if (r.publicFundsRegistry) checklist.push(`${cap(REQUIREMENT_LABELS.publicFundsRegistry)} (Ley 19.862)`);
  if (r.ownerSex)
    checklist.push(`${cap(REQUIREMENT_LABELS.ownerSex)}: ${r.ownerSex === 'female' ? 'mujer' : 'hombre'}`);
  if (r.minAgeYears) checklist.push(`${cap(REQUIREMENT_LABELS.minAgeYears)}: ${r.minAgeYears} años`);
  if (r.noActivityStart) checklist.push(cap(REQUIREMENT_LABELS.noActivityStart));
  for (const o of r.other ?? []) checklist.push(o);
  const territory =
    c.scope === 'national'
      ? tx.national
      : c.scope === 'regional'
        ? c.regionCodes.map((code) => `${data.territory.regions.get(code) ?? code} (${code})`).join(', ')
        : c.communeCodes.map((code) => `${data.territory.communes.get(code)?.name ?? code} (${code})`).join(', ');
  return {
    title: c.name,
    tx,
    call: callCard(loc, c),
    description: c.description,
    url: c.url,
    territory,
    kinds: c.associationKinds?.map((k) => KIND_LABELS_ES[k] ?? k).join(', ') ?? null,
    checklist,
    zoneNote: tx.zoneNote.replace('{zone}', c.timeZone),
    canEdit: data.canEdit && c.state === 'upcoming',
    signedIn: data.signedIn,
    subscribed: data.subscribed,
    canSubscribe: data.signedIn && c.state !== 'closed',
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The create/edit form's fields, kept as posted when refused. */
export function callFormView(
  loc: Locale,
  data: {
    action: string;
    heading: string;
    values: Record<string, string>;
    errors: Record<string, string>;
    formError: string | null;
    territory: TerritoryIndex;
    kindsChecked: string[];
  },
) {
  const tx = fundPageTexts(loc);
  return {
    title: data.heading,
    tx,
    action: data.action,
    values: data.values,
    errors: data.errors,
    formError: data.formError,
    scopes: options(FUND_CALL_SCOPES, (s) => SCOPE_LABELS[s][loc]),
    categories: options(FUND_CALL_CATEGORIES, (c) => FUND_CALL_CATEGORY_LABELS[c as never][loc]),
    targets: options(FUND_TARGET_APPLICANTS, (t) => TARGET_LABELS[t][loc]),
    regions: [
      { value: '', label: '—' },
      ...[...data.territory.regions.entries()].map(([code, name]) => ({ value: code, label: `${name} (${code})` })),
    ],
    sexes: [
      { value: '', label: '—' },
      { value: 'female', label: tx.women },
      { value: 'male', label: tx.men },
    ],
    kinds: ASSOCIATION_KINDS.map((k) => ({
      value: k,
      label: KIND_LABELS_ES[k] ?? k,
      checked: data.kindsChecked.includes(k),
    })),
    requirementBoxes: BOOLEAN_REQUIREMENTS.map((k) => ({ name: `req${cap(k)}`, label: cap(REQUIREMENT_LABELS[k]) })),
  };
}
