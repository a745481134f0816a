/**
 * The market month's allocation (DOM-MKT-2), a pure function: no clock, no I/O, the same input gives the same
 * output whatever the order of the applicants. MarketAllocationService (M1) feeds it from the database; the
 * property tests (test/unit/events/allocation.spec.ts) and the benchmark (bench/market.ts) call it directly.
 */
import { addDays, formatDateTime } from '../../common/format/dates';

export interface AllocationWeek {
  startsOn: string; // yyyy-mm-dd
  endsOn: string; // yyyy-mm-dd
  stands: number;
}

export interface AllocationApplicant {
  /** The market_application's applicant key (beneficiary id). */
  applicantId: string;
  /** Business category, for the per-week cap. */
  category: string;
  /** ISO instant of the application. */
  appliedAt: string;
  /** startsOn of weeks of the month, in the applicant's order of preference; may be empty. */
  preferredWeeks: string[];
  /** Weeks held (assigned and not cancelled) in the 12 months before this month. */
  weeksReceived12m: number;
  /** no_show marks in the 6 months before this month. */
  noShows6m: number;
}

export interface AllocationInput {
  weeks: AllocationWeek[];
  categoryCapPerWeek: number | null;
  applicants: AllocationApplicant[];
  /** The zone the reasons show the application time in (the venue commune's); America/Santiago by default. */
  timeZone?: string;
}

export interface Placement {
  applicantId: string;
  /** 1-based position in the fairness order. */
  order: number;
  /** null: on the waitlist. */
  weekStartsOn: string | null;
  /** 1-based stand number within the week. */
  stand: number | null;
  preferredHonoured: boolean;
  waitlistPosition: number | null;
  /** why: a Spanish sentence for the venue page. */
  reason: { weeksReceived12m: number; noShows6m: number; appliedAt: string; why: string };
}

export interface AllocationResult {
  weeks: { startsOn: string; endsOn: string; stands: { stand: number; applicantId: string }[] }[];
  waitlist: { applicantId: string; position: number }[];
  /** One per applicant, in fairness order. */
  placements: Placement[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * DOM-MKT-1: the Monday-to-Sunday weeks that start in the month (yyyy-mm), unless the venue lists its own dates
 * (each the first day of a seven-day week; those outside the month are left out, repeated ones counted once).
 */
export function weeksOfMonth(month: string, ownDates?: string[] | null): { startsOn: string; endsOn: string }[] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`month must be yyyy-mm: ${month}`);
  const year = Number(m[1]);
  const monthIndex = Number(m[2]) - 1;
  const week = (startsOn: string) => ({ startsOn, endsOn: addDays(startsOn, 6) });
  if (ownDates && ownDates.length > 0) {
    const inMonth = [...new Set(ownDates)].filter((d) => DATE.test(d) && d.startsWith(`${month}-`));
    return inMonth.sort().map(week);
  }
  const first = new Date(Date.UTC(year, monthIndex, 1));
  const toMonday = (8 - first.getUTCDay()) % 7; // getUTCDay: 0 Sunday, 1 Monday
  const days = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const out: { startsOn: string; endsOn: string }[] = [];
  for (let day = 1 + toMonday; day <= days; day += 7) {
    out.push(week(`${month}-${String(day).padStart(2, '0')}`));
  }
  return out;
}

interface Keyed {
  a: AllocationApplicant;
  /** The application instant as a UTC ISO string of fixed width, so that string order is time order. */
  appliedKey: string;
}

/** DOM-MKT-2 order: fewest weeks in 12 months, fewest no-shows in 6, earliest application, then the id. */
function fairness(x: Keyed, y: Keyed): number {
  return (
    x.a.weeksReceived12m - y.a.weeksReceived12m ||
    x.a.noShows6m - y.a.noShows6m ||
    (x.appliedKey < y.appliedKey ? -1 : x.appliedKey > y.appliedKey ? 1 : 0) ||
    (x.a.appliedAt < y.a.appliedAt ? -1 : x.a.appliedAt > y.a.appliedAt ? 1 : 0) ||
    (x.a.applicantId < y.a.applicantId ? -1 : x.a.applicantId > y.a.applicantId ? 1 : 0)
  );
}

/**
 * An ISO instant as `yyyy-mm-ddThh:mm:ss.sssZ` (what toISOString writes, as the database's instants arrive): then the
 * string compares as the time. Other forms (an offset, no milliseconds) are converted; an unreadable one sorts last.
 */
function instantKey(appliedAt: string): string {
  if (appliedAt.length === 24 && appliedAt.charCodeAt(23) === 90 /* Z */ && appliedAt.charCodeAt(10) === 84 /* T */)
    return appliedAt;
  const ms = Date.parse(appliedAt);
  return Number.isNaN(ms) ? `\uffff${appliedAt}` : new Date(ms).toISOString();
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * `dd-mm-aaaa HH:mm` in the zone, as formatDateTime writes it, but asking Intl once per hour of the clock (the
 * zone's offset cannot change within an hour): the benchmark's year formats 60,000 application times.
 */
const HOUR_MS = 3_600_000;
const offsets = new Map<string, number>();
function localDateTime(appliedAt: string, timeZone: string): string {
  const ms = Date.parse(appliedAt);
  if (Number.isNaN(ms)) return appliedAt;
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const [d, t] = formatDateTime(new Date(hour * HOUR_MS), timeZone).split(' ');
    const [day, month, year] = d.split('-').map(Number);
    const [hh, mm] = t.split(':').map(Number);
    offset = Date.UTC(year, month - 1, day, hh, mm) - hour * HOUR_MS;
    if (offsets.size > 50_000) offsets.clear(); // bounded
    offsets.set(key, offset);
  }
  const local = new Date(ms + offset).toISOString(); // the local wall time written as if UTC
  return `${local.slice(8, 10)}-${local.slice(5, 7)}-${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

function why(a: AllocationApplicant, order: number, outcome: string, timeZone: string): string {
  const applied = localDateTime(a.appliedAt, timeZone);
  return (
    `Lugar ${order} en el orden: ${plural(a.weeksReceived12m, 'semana recibida', 'semanas recibidas')} en los ` +
    `últimos 12 meses, ${plural(a.noShows6m, 'inasistencia', 'inasistencias')} en los últimos 6 meses, ` +
    `postuló el ${applied}. ${outcome}`
  );
}

/**
 * The reason of a placement. `why` is written when first read (the venue page reads a few; the benchmark's year would
 * otherwise build 60,000 sentences); toJSON includes it, so an API answer carries the sentence.
 */
class Reason {
  // private (#) fields are not own enumerable properties: an object comparison sees the three numbers and the date
  #text: string | null = null;
  readonly #applicant: AllocationApplicant;
  readonly #order: number;
  readonly #outcome: () => string;
  readonly #timeZone: string;
  readonly weeksReceived12m: number;
  readonly noShows6m: number;
  readonly appliedAt: string;

  constructor(applicant: AllocationApplicant, order: number, outcome: () => string, timeZone: string) {
    this.#applicant = applicant;
    this.#order = order;
    this.#outcome = outcome;
    this.#timeZone = timeZone;
    this.weeksReceived12m = applicant.weeksReceived12m;
    this.noShows6m = applicant.noShows6m;
    this.appliedAt = applicant.appliedAt;
  }

  get why(): string {
    return (this.#text ??= why(this.#applicant, this.#order, this.#outcome(), this.#timeZone));
  }

  toJSON(): Placement['reason'] {
    return {
      weeksReceived12m: this.weeksReceived12m,
      noShows6m: this.noShows6m,
      appliedAt: this.appliedAt,
      why: this.why,
    };
  }
}

const reasonOf = (
  a: AllocationApplicant,
  order: number,
  outcome: () => string,
  timeZone: string,
): Placement['reason'] => new Reason(a, order, outcome, timeZone);

/**
 * DOM-MKT-2: each applicant in fairness order gets the first of their preferred weeks (in their order) with room
 * (a free stand and, when the venue caps categories, fewer than the cap of their category), else the week with
 * most free stands that respects the cap (ties: the earliest week), else the waitlist, in the same order.
 * At most one week per applicant: an applicant id given twice is taken once, at its better place in the order.
 */
export function allocateMonth(input: AllocationInput): AllocationResult {
  const timeZone = input.timeZone ?? 'America/Santiago';
  const cap = input.categoryCapPerWeek;
  const weeks = [...input.weeks].sort((x, y) => (x.startsOn < y.startsOn ? -1 : x.startsOn > y.startsOn ? 1 : 0));
  const weekIndex = new Map<string, number>();
  weeks.forEach((w, i) => {
    if (!weekIndex.has(w.startsOn)) weekIndex.set(w.startsOn, i);
  });
  const used = weeks.map(() => 0);
  const perCategory = weeks.map(() => new Map<string, number>());
  const outWeeks = weeks.map((w) => ({
    startsOn: w.startsOn,
    endsOn: w.endsOn,
    stands: [] as { stand: number; applicantId: string }[],
  }));

  const keyed: Keyed[] = input.applicants.map((a) => ({ a, appliedKey: instantKey(a.appliedAt) }));
  keyed.sort(fairness);

  const hasRoom = (i: number, category: string) =>
    used[i] < Math.max(0, weeks[i].stands) && (cap === null || (perCategory[i].get(category) ?? 0) < cap);

  const seen = new Set<string>();
  const placements: Placement[] = [];
  const waitlist: { applicantId: string; position: number }[] = [];
  for (const { a } of keyed) {
    if (seen.has(a.applicantId)) continue;
    seen.add(a.applicantId);
    const order = placements.length + 1;
    let chosen = -1;
    let preferred = false;
    for (const startsOn of a.preferredWeeks) {
      const i = weekIndex.get(startsOn);
      if (i !== undefined && hasRoom(i, a.category)) {
        chosen = i;
        preferred = true;
        break;
      }
    }
    if (chosen < 0) {
      let bestFree = 0;
      for (let i = 0; i < weeks.length; i++) {
        const free = weeks[i].stands - used[i];
        if (free > bestFree && hasRoom(i, a.category)) {
          chosen = i;
          bestFree = free;
        }
      }
    }
    if (chosen < 0) {
      const position = waitlist.length + 1;
      waitlist.push({ applicantId: a.applicantId, position });
      const outcome = () => `Sin puesto libre: queda ${position}.º en la lista de espera.`;
      placements.push({
        applicantId: a.applicantId,
        order,
        weekStartsOn: null,
        stand: null,
        preferredHonoured: false,
        waitlistPosition: position,
        reason: reasonOf(a, order, outcome, timeZone),
      });
      continue;
    }
    used[chosen] += 1;
    perCategory[chosen].set(a.category, (perCategory[chosen].get(a.category) ?? 0) + 1);
    const stand = used[chosen];
    outWeeks[chosen].stands.push({ stand, applicantId: a.applicantId });
    const startsOn = weeks[chosen].startsOn;
    const weekText = `la semana del ${startsOn.slice(8, 10)}-${startsOn.slice(5, 7)}-${startsOn.slice(0, 4)}`;
    const outcome = () =>
      preferred
        ? `Recibe ${weekText}, que prefirió, puesto ${stand}.`
        : a.preferredWeeks.length > 0
          ? `Sus semanas preferidas estaban llenas; recibe ${weekText}, la de más puestos libres, puesto ${stand}.`
          : `Recibe ${weekText}, la de más puestos libres, puesto ${stand}.`;
    placements.push({
      applicantId: a.applicantId,
      order,
      weekStartsOn: weeks[chosen].startsOn,
      stand,
      preferredHonoured: preferred,
      waitlistPosition: null,
      reason: reasonOf(a, order, outcome, timeZone),
    });
  }
  return { weeks: outWeeks, waitlist, placements };
}
