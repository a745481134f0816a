import fc from 'fast-check';
import { addBusinessDays, isBusinessDay, isPublicHoliday } from '../../../src/common/business-days';
import { addDays, daysBetween } from '../../../src/common/format/dates';

describe('business days (DOM-FMT-3)', () => {
  it('DOM-FMT-3: the Chilean public holidays of 2026 that fall on weekdays are not business days', () => {
    // Viernes Santo, Día del Trabajador, Glorias Navales, San Pedro y San Pablo, Virgen del Carmen, Fiestas
    // Patrias, Encuentro de Dos Mundos, Inmaculada Concepción, Navidad (Año Nuevo is a Thursday)
    for (const date of [
      '2026-01-01',
      '2026-04-03',
      '2026-05-01',
      '2026-05-21',
      '2026-06-29',
      '2026-07-16',
      '2026-09-18',
      '2026-10-12',
      '2026-12-08',
      '2026-12-25',
    ]) {
      expect([date, isPublicHoliday(date), isBusinessDay(date)]).toEqual([date, true, false]);
    }
    // an ordinary Tuesday, and weekends
    expect(isBusinessDay('2026-03-17')).toBe(true);
    expect(isBusinessDay('2026-03-21')).toBe(false);
    expect(isBusinessDay('2026-03-22')).toBe(false);
  });

  it("DOM-FMT-3: the indigenous peoples' day follows the solstice (20 June 2025, a Friday; 21 June 2026, a Sunday)", () => {
    expect(isPublicHoliday('2025-06-20')).toBe(true);
    expect(isBusinessDay('2025-06-20')).toBe(false);
    expect(isPublicHoliday('2026-06-21')).toBe(true);
    expect(isBusinessDay('2026-06-22')).toBe(true);
  });

  it('DOM-FMT-3, DOM-ORG-10: 15 business days before a vote on Friday 2 October 2026 skip Fiestas Patrias and the weekends', () => {
    // counting back from 2 Oct: 1, 30 Sep, 29, 28 | 25, 24, 23, 22, 21 | (18 is a holiday) 17, 16, 15, 14 | 11, 10
    expect(addBusinessDays('2026-10-02', -15)).toBe('2026-09-10');
    // 5 business days after Friday 9 October 2026: Monday 12 October is a holiday
    expect(addBusinessDays('2026-10-09', 5)).toBe('2026-10-19');
  });

  it('DOM-FMT-3: n business days after a date land on a business day, are at least n calendar days later, and going back returns at or before the start', () => {
    const date = fc.integer({ min: 0, max: 3 * 365 }).map((d) => addDays('2025-01-01', d));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const end = addBusinessDays(start, n);
        expect(isBusinessDay(end)).toBe(true);
        expect(daysBetween(start, end)).toBeGreaterThanOrEqual(n);
        // exactly n business days in (start, end]
        let count = 0;
        for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isBusinessDay(d)) count++;
        expect(count).toBe(n);
        expect(addBusinessDays(end, -n) <= start).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a fractional number of days', () => {
    expect(() => addBusinessDays('2026-03-17', 1.5)).toThrow(RangeError);
  });
});
