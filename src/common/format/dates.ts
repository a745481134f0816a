/**
 * Dates and times as people read them (DOM-FMT-1): `dd-mm-yyyy`, 24-hour `HH:mm`, in a business time zone
 * (DOM-FMT-2). Calendar dates (`yyyy-mm-dd` strings, date columns) have no zone and are never shifted.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(instant: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)) {
    out[p.type] = p.value;
  }
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
