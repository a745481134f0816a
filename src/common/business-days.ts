import Holidays from 'date-holidays';
import { addDays } from './format/dates';

/**
 * Business days (DOM-FMT-3): Monday to Friday minus the country's public holidays, from date-holidays (a
 * maintained library whose Chilean rules include the moved holidays of Ley 19.668 and the indigenous peoples'
 * day on the solstice). Dates are calendar dates `yyyy-mm-dd`, no time zone. Deadlines counted in business days
 * (DOM-ORG-10: election notice and deposit) use these functions.
 */
const calendars = new Map<string, Holidays>();
const holidaysByYear = new Map<string, Set<string>>();

function publicHolidays(country: 'CL' | 'PE', year: number): Set<string> {
  const key = `${country}:${year}`;
  let set = holidaysByYear.get(key);
  if (!set) {
    let calendar = calendars.get(country);
    if (!calendar) {
      calendar = new Holidays(country);
      calendars.set(country, calendar);
    }
    set = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(key, set);
  }
  return set;
}

export function isPublicHoliday(date: string, country: 'CL' | 'PE' = 'CL'): boolean {
  return publicHolidays(country, Number(date.slice(0, 4))).has(date);
}

export function isBusinessDay(date: string, country: 'CL' | 'PE' = 'CL'): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date, country);
}

/**
 * `n` business days after `date` (n > 0) or before it (n < 0), not counting `date` itself: the 5th business day
 * after a Friday election is the following Friday when no holiday falls between.
 */
export function addBusinessDays(date: string, n: number, country: 'CL' | 'PE' = 'CL'): string {
  if (!Number.isInteger(n)) throw new RangeError('n debe ser un número entero de días hábiles');
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let left = Math.abs(n); left > 0;) {
    current = addDays(current, step);
    if (isBusinessDay(current, country)) left--;
  }
  return current;
}
