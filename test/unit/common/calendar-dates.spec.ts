import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  daysBetween,
  instantFromLocal,
  parseCalendarDate,
} from '../../../src/common/format/dates';

/** Calendar facts written independently of the implementation (Gregorian rules, no Date object). */
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
/** Day number of a date (days since 0000-03-01, the usual civil-from-days formula's inverse). */
function dayNumber(date: string): number {
  let [y, m] = date.split('-').map(Number);
  const d = Number(date.slice(8, 10));
  if (m <= 2) {
    y -= 1;
    m += 12;
  }
  return (
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) +
    Math.floor((153 * (m - 3) + 2) / 5) +
    d -
    1
  );
}
function referenceAddMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return iso(ty, tm, Math.min(d, daysIn(ty, tm)));
}
function referenceAge(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** A real calendar date between 1900 and 2999 as `yyyy-mm-dd`. */
const calendarDate = fc
  .record({
    y: fc.integer({ min: 1900, max: 2999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => iso(y, m, Math.min(d, daysIn(y, m))));
/** Dates the portal handles day to day: well inside the supported years, so arithmetic stays in range. */
const usualDate = fc
  .record({
    y: fc.integer({ min: 1930, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => iso(y, m, Math.min(d, daysIn(y, m))));

describe('calendar dates', () => {
  it('DOM-FMT-1: parseCalendarDate reads yyyy-mm-dd and dd-mm-yyyy (also with /) into yyyy-mm-dd', () => {
    expect(parseCalendarDate('2026-03-17')).toBe('2026-03-17');
    expect(parseCalendarDate('17-03-2026')).toBe('2026-03-17');
    expect(parseCalendarDate('17/03/2026')).toBe('2026-03-17');
    expect(parseCalendarDate('7-3-2026')).toBe('2026-03-07');
    expect(parseCalendarDate(' 17-03-2026 ')).toBe('2026-03-17');
    fc.assert(
      fc.property(calendarDate, fc.constantFrom('-', '/'), (date, sep) => {
        const [y, m, d] = date.split('-');
        return parseCalendarDate(date) === date && parseCalendarDate([d, m, y].join(sep)) === date;
      }),
      { numRuns: 2000 },
    );
  });

  it('DOM-FMT-1: parseCalendarDate refuses days a month does not have: 31-02, 29-02 in common years, 31-04', () => {
    for (const bad of [
      '31-02-2026',
      '2026-02-31',
      '30-02-2024',
      '29-02-2026',
      '2026-02-29',
      '29-02-1900',
      '2100-02-29',
      '31-04-2026',
      '2026-06-31',
      '00-01-2026',
      '2026-00-10',
      '2026-13-01',
      '32-01-2026',
    ]) {
      expect(parseCalendarDate(bad)).toBeNull();
    }
    expect(parseCalendarDate('29-02-2024')).toBe('2024-02-29');
    expect(parseCalendarDate('2000-02-29')).toBe('2000-02-29');
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 31 }),
        (y, m, d) => {
          fc.pre(d > daysIn(y, m));
          return parseCalendarDate(iso(y, m, d)) === null && parseCalendarDate(`${pad(d)}-${pad(m)}-${y}`) === null;
        },
      ),
    );
  });

  it('DOM-FMT-1: parseCalendarDate refuses other shapes and non-ASCII digits', () => {
    for (const bad of [
      '',
      'hoy',
      '2026-3-17',
      '2026/03/17',
      '17.03.2026',
      '17-03-26',
      '20260317',
      '2026-03-17T00:00',
      '١٧-٠٣-٢٠٢٦',
      '２０２６-０３-１７',
      '17-03-1899',
      '17-03-3000',
    ]) {
      expect(parseCalendarDate(bad)).toBeNull();
    }
    expect(parseCalendarDate(undefined as unknown as string)).toBeNull();
  });

  it('DOM-ORG-6: addDays crosses month, leap-day and year ends (calendar days, no time zone)', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-04-04', 1)).toBe('2026-04-05'); // Chile's DST change weekend
    expect(addDays('2026-03-17', 30)).toBe('2026-04-16');
    expect(addDays('2026-03-17', 0)).toBe('2026-03-17');
  });

  it('DOM-ORG-6: addDays(d, n) then daysBetween(d, result) gives n, and agrees with a day count', () => {
    fc.assert(
      fc.property(usualDate, fc.integer({ min: -20_000, max: 20_000 }), (date, n) => {
        const later = addDays(date, n);
        return (
          daysBetween(date, later) === n && daysBetween(later, date) === -n && dayNumber(later) - dayNumber(date) === n
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('DOM-ORG-6: daysBetween counts calendar days across year ends and leap years', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-03-17', '2026-03-17')).toBe(0);
    fc.assert(
      fc.property(usualDate, usualDate, (a, b) => daysBetween(a, b) === dayNumber(b) - dayNumber(a)),
      { numRuns: 2000 },
    );
  });

  it('DOM-ORG-11: addMonths clamps to the month end (2026-01-31 + 1 month = 2026-02-28) and crosses year ends', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-05-31', -15)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('DOM-ORG-11: addMonths agrees with month arithmetic and month-end clamping for every date', () => {
    fc.assert(
      fc.property(
        usualDate,
        fc.integer({ min: -400, max: 400 }),
        (date, n) => addMonths(date, n) === referenceAddMonths(date, n),
      ),
      { numRuns: 3000 },
    );
  });

  it('DOM-ORG-4: ageOn counts completed years; the day before a birthday is still the younger age', () => {
    expect(ageOn('2010-05-10', '2026-05-09')).toBe(15);
    expect(ageOn('2010-05-10', '2026-05-10')).toBe(16);
    expect(ageOn('2010-05-10', '2026-05-11')).toBe(16);
    expect(ageOn('2010-12-31', '2026-01-01')).toBe(15);
    expect(ageOn('2026-03-17', '2026-03-17')).toBe(0);
  });

  it('DOM-ORG-4: a 29-02 birthday is reached on 01-03 in common years and on 29-02 in leap years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('DOM-ORG-4: ageOn agrees with a month-and-day comparison for every pair of dates', () => {
    fc.assert(
      fc.property(usualDate, usualDate, (a, b) => {
        const [birth, on] = a <= b ? [a, b] : [b, a];
        return ageOn(birth, on) === referenceAge(birth, on);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('instantFromLocal (DOM-FMT-2)', () => {
  it("DOM-FMT-2: a local time in the municipality's zone becomes the instant, on both sides of the DST changes", () => {
    expect(instantFromLocal('2026-03-16T19:30', 'America/Santiago')?.toISOString()).toBe('2026-03-16T22:30:00.000Z'); // summer, UTC-3
    expect(instantFromLocal('2026-06-16T19:30', 'America/Santiago')?.toISOString()).toBe('2026-06-16T23:30:00.000Z'); // winter, UTC-4
    expect(instantFromLocal('2026-06-16T19:30', 'America/Lima')?.toISOString()).toBe('2026-06-17T00:30:00.000Z');
    expect(instantFromLocal('2026-06-16T19:30', 'Pacific/Easter')?.toISOString()).toBe('2026-06-17T01:30:00.000Z');
    expect(instantFromLocal('2026-02-30T19:30', 'America/Santiago')).toBeNull();
    expect(instantFromLocal('2026-03-16 19:30', 'America/Santiago')).toBeNull();
  });
});
