import { formatDate, formatDateTime } from '../../common/format/dates';
import type { Locale } from '../../common/i18n/i18n';
import type { Placement } from './allocation';
import type { MonthView } from './market-allocation.service';
import type { MarketApplicant } from './market-applications.service';
import { marketPageTexts as T } from './market.messages';
import type { MarketVenueView } from './market-venues.service';

/** A form's body as it was posted (shown again when refused) and the refusal (formRefusal). */
export type Posted = Record<string, unknown>;
export interface Refusal {
  status: number;
  errors: Record<string, string>;
  formError: string;
}

/** Every page text in the reader's language, for `{{txt.key}}` in views/market/. */
export function pageTexts(loc: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, make] of Object.entries(T)) {
    const text = (make as (p?: Record<string, string>) => Record<Locale, string>)({});
    out[key] = text[loc];
  }
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : typeof v === 'string' && v ? [v] : []);

/** `2027-03` -> «marzo de 2027» (es) or «March 2027» (en). */
export function monthLabel(month: string, loc: Locale): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(loc === 'en' ? 'en-GB' : 'es-CL', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** The month before or after `month` (yyyy-mm). */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const venueLine = (loc: Locale, v: MarketVenueView) =>
  [
    T.standsLine({ stands: v.standsPerWeek })[loc],
    v.categoryCapPerWeek ? T.capLine({ cap: v.categoryCapPerWeek })[loc] : null,
  ]
    .filter(Boolean)
    .join(' · ');

/** `market/venues`: the program's venues (or the ones the user manages) with the form for a new one. */
export function venuesView(
  loc: Locale,
  data: { title: string; programId: string | null; venues: MarketVenueView[]; canCreate: boolean; communeCode: string },
  posted: Posted,
  refused?: Refusal,
) {
  return {
    title: data.title,
    txt: pageTexts(loc),
    programId: data.programId,
    venues: data.venues.map((v) => ({ ...v, line: venueLine(loc, v) })),
    canCreate: data.canCreate,
    values: refused
      ? Object.fromEntries(
          ['name', 'address', 'communeCode', 'standsPerWeek', 'categoryCapPerWeek', 'ownDates'].map((k) => [
            k,
            str(posted[k]),
          ]),
        )
      : {
          name: '',
          address: '',
          communeCode: data.communeCode,
          standsPerWeek: '4',
          categoryCapPerWeek: '',
          ownDates: '',
        },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** `market/venue`: the month as a grid of weeks by stands, the waitlist, the reasons, the applications and forms. */
export function venuePageView(
  loc: Locale,
  data: {
    venue: MarketVenueView;
    month: string;
    view: MonthView;
    applicants: MarketApplicant[];
    placements: Map<string, Placement>;
    candidates: { id: string; label: string }[];
    notice: string | null;
  },
  posted: Posted,
  refused?: Refusal,
) {
  const { venue, month, view } = data;
  const tz = venue.timeZone;
  const weeks = view.weeks.map((w) => {
    const byStand = new Map(w.stands.filter((s) => s.status === 'assigned').map((s) => [s.stand, s]));
    const stands = Array.from({ length: Math.max(venue.standsPerWeek, ...w.stands.map((s) => s.stand)) }, (_, i) => {
      const s = byStand.get(i + 1);
      return {
        stand: i + 1,
        label: T.stand({ n: i + 1 })[loc],
        taken: !!s,
        businessName: s?.businessName ?? '',
        category: s?.category ?? '',
      };
    });
    return {
      startsOn: w.startsOn,
      label: T.weekRange({ from: formatDate(w.startsOn), to: formatDate(w.endsOn) })[loc],
      stands,
    };
  });
  const rows = Array.from({ length: Math.max(0, ...weeks.map((w) => w.stands.length)) }, (_, i) => ({
    label: T.stand({ n: i + 1 })[loc],
    cells: weeks.map((w) => w.stands[i] ?? { taken: false, businessName: '', category: '' }),
  }));
  const slotOf = new Map(
    view.weeks.flatMap((w) =>
      w.stands.filter((s) => s.status === 'assigned').map((s) => [s.beneficiaryId, s] as const),
    ),
  );
  const waitOf = new Map(view.waitlist.map((w) => [w.beneficiaryId, w.position]));
  const drafted = view.status !== null;
  const reasons = data.applicants
    .map((a) => {
      const p = data.placements.get(a.beneficiaryId);
      const slot = slotOf.get(a.beneficiaryId);
      const weekStart = slot ? view.weeks.find((w) => w.stands.includes(slot))?.startsOn : undefined;
      const result = slot
        ? T.placedIn({ week: formatDate(weekStart), stand: slot.stand })[loc]
        : waitOf.has(a.beneficiaryId)
          ? T.onWaitlist({ n: waitOf.get(a.beneficiaryId)! })[loc]
          : T.pending()[loc];
      const preferred = !a.preferredWeeks.length
        ? T.preferredNone()[loc]
        : weekStart && a.preferredWeeks.includes(weekStart)
          ? T.preferredHonoured()[loc]
          : T.preferredNotHonoured()[loc];
      return {
        order: p?.order ?? 0,
        beneficiaryId: a.beneficiaryId,
        businessName: a.businessName,
        category: a.category,
        result,
        weeksReceived: p?.reason.weeksReceived12m ?? 0,
        noShows: p?.reason.noShows6m ?? 0,
        appliedAt: formatDateTime(a.appliedAt, tz),
        preferredWeeks: a.preferredWeeks.map((w) => formatDate(w)).join(', '),
        preferred,
        why: drafted ? (p?.reason.why ?? '') : '',
      };
    })
    .sort((x, y) => x.order - y.order);
  const stale =
    drafted &&
    view.status === 'draft' &&
    !!view.draftedAt &&
    data.applicants.some((a) => a.appliedAt > view.draftedAt!);
  const picked = refused ? list(posted.preferredWeeks) : [];
  return {
    title: `${venue.name} · ${monthLabel(month, loc)}`,
    txt: pageTexts(loc),
    venue: { ...venue, line: venueLine(loc, venue) },
    month,
    monthLabel: monthLabel(month, loc),
    previous: shiftMonth(month, -1),
    next: shiftMonth(month, 1),
    statusLabel:
      view.status === 'published'
        ? T.statusPublished()[loc]
        : view.status === 'draft'
          ? T.statusDraft()[loc]
          : T.statusNone()[loc],
    published: view.published,
    drafted,
    stale,
    notice: data.notice,
    weeks,
    rows,
    waitlist: view.waitlist,
    reasons,
    applications: data.applicants.map((a) => ({
      ...a,
      appliedAtLabel: formatDateTime(a.appliedAt, tz),
      preferredLabel: a.preferredWeeks.map((w) => formatDate(w)).join(', '),
    })),
    weekChoices: view.weeks.map((w) => ({
      value: w.startsOn,
      label: T.weekRange({ from: formatDate(w.startsOn), to: formatDate(w.endsOn) })[loc],
      checked: picked.includes(w.startsOn),
    })),
    candidates: [
      { value: '', label: T.choose()[loc] },
      ...data.candidates.map((c) => ({ value: c.id, label: c.label })),
    ],
    values: { beneficiaryId: refused ? str(posted.beneficiaryId) : '' },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** `market/apply`: the entrepreneur's own application. */
export function ownApplyView(
  loc: Locale,
  data: {
    businesses: { beneficiaryId: string; businessName: string; venues: { id: string; name: string }[] }[];
    month: string;
    weeks: { startsOn: string; endsOn: string }[];
    applied: { venueName: string; businessName: string; month: string; preferred: string }[];
    notice: string | null;
  },
  posted: Posted,
  refused?: Refusal,
) {
  const first = data.businesses[0];
  const picked = refused ? list(posted.preferredWeeks) : [];
  return {
    title: T.mineApplyTitle()[loc],
    txt: pageTexts(loc),
    notice: data.notice,
    hasVenues: data.businesses.length > 0,
    businesses: data.businesses.map((b) => ({ value: b.beneficiaryId, label: b.businessName })),
    venues: data.businesses
      .flatMap((b) => b.venues.map((v) => ({ value: v.id, label: v.name })))
      .filter((v, i, all) => all.findIndex((x) => x.value === v.value) === i),
    weeksTitle: T.weeksOfMonth({ month: monthLabel(data.month, loc) })[loc],
    weekChoices: data.weeks.map((w) => ({
      value: w.startsOn,
      label: T.weekRange({ from: formatDate(w.startsOn), to: formatDate(w.endsOn) })[loc],
      checked: picked.includes(w.startsOn),
    })),
    applied: data.applied,
    values: refused
      ? { beneficiaryId: str(posted.beneficiaryId), venueId: str(posted.venueId), month: str(posted.month) }
      : { beneficiaryId: first?.beneficiaryId ?? '', venueId: first?.venues[0]?.id ?? '', month: data.month },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}
