import fc from 'fast-check';
import { formatRut, isValidRut, maskRut, parseRut, rutCheckDigit } from '../../../src/common/format/rut';

/** DOM-RUT-2 written independently of the implementation: the textbook modulo-11 with the series 2..7. */
function referenceDv(body: number): string {
  const digits = String(body).split('').reverse().map(Number);
  const s = digits.reduce((sum, d, i) => sum + d * (2 + (i % 6)), 0);
  const v = 11 - (s % 11);
  return v === 11 ? '0' : v === 10 ? 'K' : String(v);
}
const withDots = (body: number) => String(body).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const body = fc.integer({ min: 1, max: 99_999_999 });

describe('RUT', () => {
  it('DOM-RUT-2: 12.345.678 has check digit 5', () => {
    expect(rutCheckDigit(12345678)).toBe('5');
    expect(formatRut('12345678-5')).toBe('12.345.678-5');
  });

  it('DOM-RUT-2: the check digit follows the modulo-11 rule for every body', () => {
    fc.assert(
      fc.property(body, (b) => rutCheckDigit(b) === referenceDv(b)),
      { numRuns: 2000 },
    );
  });

  it('DOM-RUT-1: accepts dots, spaces, hyphen or none and lowercase k, and stores one canonical form', () => {
    fc.assert(
      fc.property(body, fc.constantFrom('dots', 'plain', 'nohyphen', 'spaces'), fc.boolean(), (b, style, lower) => {
        const dv = referenceDv(b);
        const d = lower ? dv.toLowerCase() : dv;
        const input =
          style === 'dots'
            ? `${withDots(b)}-${d}`
            : style === 'plain'
              ? `${b}-${d}`
              : style === 'nohyphen'
                ? `${b}${d}`
                : ` ${withDots(b).replace(/\./g, ' ')} -${d} `;
        const parsed = parseRut(input);
        return parsed.ok && parsed.rut === `${b}-${dv}`;
      }),
      { numRuns: 2000 },
    );
  });

  it('DOM-RUT-2: refuses every wrong check digit', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(...'0123456789K'.split('')), (b, dv) => {
        fc.pre(dv !== referenceDv(b));
        const parsed = parseRut(`${b}-${dv}`);
        return !parsed.ok && parsed.reason === 'check_digit';
      }),
      { numRuns: 2000 },
    );
  });

  it('DOM-RUT-1: refuses letters, other digit forms, zero and bodies over 99.999.999', () => {
    for (const bad of [
      '',
      'abc',
      '0-0',
      '123456789-2',
      '12.345.678-X',
      '١٢٣٤٥٦٧٨-5',
      '１２３４５６７８-5',
      '12_345_678-5',
      '-5',
      '12345678--5',
    ]) {
      expect(isValidRut(bad)).toBe(false);
    }
  });

  it('DOM-DATA-1: masks all but the last three digits and the check digit', () => {
    expect(maskRut('12345678-5')).toBe('**.***.678-5');
    expect(maskRut('7654321-6')).toBe('*.***.321-6');
  });
});
