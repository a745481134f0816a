import { formatDate, formatDateTime, formatTime, localDate } from '../../../src/common/format/dates';
import { formatClp } from '../../../src/common/format/money';
import { translatePlural } from '../../../src/common/i18n/i18n';

describe('formats people read (DOM-FMT-1)', () => {
  it('shows calendar dates dd-mm-yyyy without shifting them through a time zone', () => {
    expect(formatDate('2026-03-17')).toBe('17-03-2026');
    expect(formatDate('2026-01-01', 'Pacific/Easter')).toBe('01-01-2026');
  });

  it('shows instants in the business time zone, 24-hour (DOM-FMT-2)', () => {
    // 22:30 UTC on 17 March 2026 is 19:30 in Santiago (summer time, UTC-3) and 17:30 on Easter Island.
    const instant = new Date('2026-03-17T22:30:00Z');
    expect(formatDateTime(instant, 'America/Santiago')).toBe('17-03-2026 19:30');
    expect(formatTime(instant, 'Pacific/Easter')).toBe('17:30');
    expect(formatDateTime(instant, 'America/Lima')).toBe('17-03-2026 17:30');
    // 02:00 UTC on 18 March is still the 17th in Santiago.
    expect(localDate(new Date('2026-03-18T02:00:00Z'), 'America/Santiago')).toBe('2026-03-17');
  });

  it('shows CLP as whole pesos with dots: $1.234.567', () => {
    expect(formatClp(1234567)).toBe('$1.234.567');
    expect(formatClp(80000000)).toBe('$80.000.000');
    expect(formatClp(0)).toBe('$0');
    expect(formatClp(999.6)).toBe('$1.000');
    expect(formatClp(-1500)).toBe('-$1.500');
    expect(formatClp('2500')).toBe('$2.500');
    expect(formatClp(null)).toBe('');
  });

  it('chooses singular and plural by count, in Spanish and English', () => {
    expect(translatePlural('es', 'plural.member', 1)).toBe('1 socio');
    expect(translatePlural('es', 'plural.member', 19)).toBe('19 socios');
    expect(translatePlural('es', 'plural.commune', 346)).toBe('346 comunas');
    expect(translatePlural('es', 'plural.commune', 1234)).toBe(
      '1234 comunas'.replace('1234', (1234).toLocaleString('es-CL')),
    );
    expect(translatePlural('en', 'plural.member', 1)).toBe('1 member');
    expect(translatePlural('en', 'plural.member', 0)).toBe('0 members');
  });
});
