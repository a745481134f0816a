/**
 * Dates and times as people read them (DOM-FMT-1): `dd-mm-yyyy`, 24-hour `HH:mm`, in a business time zone
 * (DOM-FMT-2). Calendar dates (`yyyy-mm-dd` strings, date columns) have no zone and are never shifted.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    if (FORMATTERS.size < 1000) FORMATTERS.set(timeZone, formatter); // zones are few; never unbounded
  }
  return formatter;
}

/** The last instant read per zone: a page reads "now" in its zone once per row (issue 21, the registry's profile). */
const LAST_PARTS = new Map<string, { at: number; parts: Record<string, string> }>();

function parts(instant: Date, timeZone: string): Record<string, string> {
  const at = instant.getTime();
  const last = LAST_PARTS.get(timeZone);
  if (last?.at === at) return last.parts;
  const out: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    out[p.type] = p.value;
  }
  if (LAST_PARTS.size < 1000 || LAST_PARTS.has(timeZone)) LAST_PARTS.set(timeZone, { at, parts: out });
  return out;
}

export function toInstant(value: Date | string | number): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-03-17` or an instant -> `17-03-2026` (an instant is read in `timeZone`). */
export function formatDate(value: Date | string | null | undefined, timeZone = 'America/Santiago'): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  }
  const d = toInstant(value);
  if (!d) return '';
  const p = parts(d, timeZone);
  return `${p.day}-${p.month}-${p.year}`;
}

/** An instant -> `17-03-2026 19:00` in `timeZone`. */
export function formatDateTime(value: Date | string | null | undefined, timeZone = 'America/Santiago'): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toInstant(value);
  if (!d) return '';
  const p = parts(d, timeZone);
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}`;
}

/** An instant -> `19:00` in `timeZone`. */
export function formatTime(value: Date | string | null | undefined, timeZone = 'America/Santiago'): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toInstant(value);
  if (!d) return '';
  const p = parts(d, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** The calendar date `yyyy-mm-dd` of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `yyyy-mm-dd` or `dd-mm-yyyy` (also with `/`) -> canonical `yyyy-mm-dd`, or null when not a real date. */
export function parseCalendarDate(input: string): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Calendar arithmetic on `yyyy-mm-dd` (no zone): add days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Add calendar months; the 31st of a shorter month clamps to its last day (31-01 + 1 month = 28/29-02). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (both `yyyy-mm-dd`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(
    ...((from.split('-').map(Number) as [number, number, number]).map((v, i) => (i === 1 ? v - 1 : v)) as [
      number,
      number,
      number,
    ]),
  );
  const b = Date.UTC(
    ...((to.split('-').map(Number) as [number, number, number]).map((v, i) => (i === 1 ? v - 1 : v)) as [
      number,
      number,
      number,
    ]),
  );
  return Math.round((b - a) / 86_400_000);
}

/** Completed years of age on `onDate` (a birthday on 29-02 is reached on 01-03 in common years). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/**
 * A local wall-clock time `yyyy-mm-ddTHH:mm` in `timeZone` -> the instant (DOM-FMT-2). In the hour a DST change
 * skips, the result is the instant the clocks show just after the jump; null when the text is not such a time.
 */
export function instantFromLocal(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m || !parseCalendarDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59) return null;
  const wanted = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = parts(new Date(guess), timeZone);
    const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    if (shown === wanted) break;
    guess += wanted - shown;
  }
  return new Date(guess);
}

const WEEKDAYS_ES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];

/** The Spanish weekday of an instant in a zone ("martes"), from its local calendar date. */
export function formatWeekday(instant: Date, timeZone = 'America/Santiago'): string {
  const date = localDate(instant, timeZone);
  return WEEKDAYS_ES[new Date(`${date}T12:00:00Z`).getUTCDay()];
}
