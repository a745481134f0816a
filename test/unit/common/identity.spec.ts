import fc from 'fast-check';
import {
  documentProblem,
  formatDocument,
  maskDocument,
  parseDni,
  parseOrganisationDocument,
  parsePersonDocument,
  parseRuc,
  rucCheckDigit,
} from '../../../src/common/format/identity';

/**
 * DOM-ID-PE written independently of the implementation. RUC: the first ten digits weighted 5,4,3,2,7,6,5,4,3,2
 * from the left; check = 11 - (sum mod 11), where 10 becomes 0 and 11 becomes 1.
 */
function referenceRucDv(first10: string): string {
  const weights = '5432765432';
  let s = 0;
  for (let i = 0; i < 10; i++) s += (first10.charCodeAt(i) - 48) * (weights.charCodeAt(i) - 48);
  const v = 11 - (s % 11);
  return v === 10 ? '0' : v === 11 ? '1' : String(v);
}
/** DOM-RUT-2, for building valid RUTs in these tests. */
function referenceRutDv(body: number): string {
  const digits = String(body).split('').reverse().map(Number);
  const v = 11 - (digits.reduce((sum, d, i) => sum + d * (2 + (i % 6)), 0) % 11);
  return v === 11 ? '0' : v === 10 ? 'K' : String(v);
}
/** DNI reference: dots and whitespace tolerated, then exactly eight ASCII digits. */
function referenceDni(input: string): string | null {
  let out = '';
  for (const ch of input) {
    if (ch === '.' || /\s/.test(ch)) continue;
    if (ch < '0' || ch > '9') return null;
    out += ch;
  }
  return out.length === 8 ? out : null;
}

const digitString = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** Inserts a separator before some characters (never more than `max` of them). */
const sprinkle = (s: string, seps: string[], picks: number[], max: number) => {
  let out = '';
  let used = 0;
  for (let i = 0; i < s.length; i++) {
    const p = picks[i % picks.length];
    if (i > 0 && used < max && p < seps.length) {
      out += seps[p];
      used++;
    }
    out += s[i];
  }
  return out;
};

/** Digit forms that are not ASCII: Arabic-Indic, Extended Arabic-Indic, full-width, Devanagari. */
const FOREIGN_ZERO = [0x0660, 0x06f0, 0xff10, 0x0966];
const foreignDigit = (d: number, zero: number) => String.fromCodePoint(zero + d);

describe('DNI (Peru profile)', () => {
  it('DOM-ID-PE: accepts exactly 8 digits, with dots or spaces between them, stored as the 8 digits', () => {
    expect(parseDni('12345678')).toEqual({ ok: true, value: '12345678' });
    expect(parseDni('12.345.678')).toEqual({ ok: true, value: '12345678' });
    expect(parseDni(' 1234 5678 ')).toEqual({ ok: true, value: '12345678' });
    expect(parseDni('00012345')).toEqual({ ok: true, value: '00012345' });
    fc.assert(
      fc.property(
        digitString(8),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }),
        (dni, picks) => {
          const input = sprinkle(dni, ['.', ' ', '\u00a0'], picks, 7);
          const parsed = parseDni(input);
          return parsed.ok && parsed.value === dni;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('DOM-ID-PE: refuses any other number of digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 }).filter((n) => n !== 8),
        fc.nat(),
        (n, seed) => {
          const input = String(seed).padStart(14, '7').slice(0, n);
          const parsed = parseDni(input);
          return !parsed.ok && parsed.reason === 'format';
        },
      ),
    );
  });

  it('DOM-ID-PE: refuses anything else (hyphens, letters, a check digit, other digit forms)', () => {
    for (const bad of [
      '',
      '1234567-8',
      '12345678-9',
      '1234567A',
      'DNI12345678',
      '12,345,678',
      '12_345_678',
      '+12345678',
      '١٢٣٤٥٦٧٨',
      '１２３４５６７８',
      '1234567８',
    ]) {
      expect(parseDni(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('DOM-ID-PE: whatever the input, an accepted DNI is what the reference accepts, and its value', () => {
    const chars = fc.constantFrom(...'0123456789 .-kK/\u00a0\t'.split(''), '٣', '３', 'a');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 16 }).map((a) => a.join('')),
        (input) => {
          const parsed = parseDni(input);
          const expected = referenceDni(input);
          return parsed.ok ? parsed.value === expected : expected === null || input.length > 20;
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('RUC (Peru profile)', () => {
  it('DOM-ID-PE: check digits of known RUCs (10 -> 0 and 11 -> 1 included)', () => {
    expect(rucCheckDigit('2013131295')).toBe('5'); // SUNAT, 20131312955
    expect(rucCheckDigit('2010007097')).toBe('0'); // sum 89: 11 - 1 = 10 -> 0
    expect(rucCheckDigit('1000000003')).toBe('1'); // sum 11: 11 - 0 = 11 -> 1
    expect(parseRuc('20131312955')).toEqual({ ok: true, value: '20131312955' });
    expect(parseRuc('10000000031')).toEqual({ ok: true, value: '10000000031' });
  });

  it('DOM-ID-PE: the check digit follows the weights 5,4,3,2,7,6,5,4,3,2 for every prefix', () => {
    fc.assert(
      fc.property(digitString(10), (first10) => rucCheckDigit(first10) === referenceRucDv(first10)),
      { numRuns: 3000 },
    );
  });

  it('DOM-ID-PE: accepts every RUC with the right check digit (spaces, dots and hyphens tolerated)', () => {
    fc.assert(
      fc.property(
        digitString(10),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 10 }),
        (first10, picks) => {
          const ruc = first10 + referenceRucDv(first10);
          const parsed = parseRuc(sprinkle(ruc, ['-', ' ', '.'], picks, 9));
          return parsed.ok && parsed.value === ruc;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("DOM-ID-PE: a wrong check digit is refused with reason 'check_digit'", () => {
    fc.assert(
      fc.property(digitString(10), fc.integer({ min: 0, max: 9 }), (first10, dv) => {
        fc.pre(String(dv) !== referenceRucDv(first10));
        const parsed = parseRuc(first10 + dv);
        return !parsed.ok && parsed.reason === 'check_digit';
      }),
      { numRuns: 2000 },
    );
    expect(parseRuc('20131312954')).toEqual({ ok: false, reason: 'check_digit' });
    expect(parseOrganisationDocument('ruc', '20131312954')).toEqual({ ok: false, reason: 'check_digit' });
  });

  it("DOM-ID-PE: a RUC that is not 11 ASCII digits is refused with reason 'format'", () => {
    for (const bad of [
      '',
      '2013131295',
      '201313129555',
      '2013131295K',
      '２０１３１３１２９５５',
      '٢٠١٣١٣١٢٩٥٥',
      '20131312955x',
    ]) {
      expect(parseRuc(bad)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('DOM-ID-PE: the refusal message names the field and tells a wrong check digit apart', () => {
    expect(documentProblem('ruc', 'ruc', 'check_digit')).toMatch(/dígito verificador.*ruc/i);
    expect(documentProblem('ruc', 'ruc', 'format')).toMatch(/11 dígitos/);
    expect(documentProblem('dni', 'dni', 'format')).toMatch(/DNI \(campo dni\).*8 dígitos/);
    expect(documentProblem('rut', 'rut', 'check_digit')).toMatch(/dígito verificador del RUT \(campo rut\)/);
  });
});

describe('person and organisation documents by profile', () => {
  it('DOM-RUT-1: parsePersonDocument("rut") stores the canonical RUT; "dni" the 8 digits', () => {
    expect(parsePersonDocument('rut', '12.345.678-5')).toEqual({ ok: true, value: '12345678-5' });
    expect(parsePersonDocument('rut', '123456785')).toEqual({ ok: true, value: '12345678-5' });
    expect(parsePersonDocument('rut', '1000005-k')).toEqual({ ok: true, value: '1000005-K' });
    expect(parsePersonDocument('dni', '12.345.678')).toEqual({ ok: true, value: '12345678' });
    const orgDv = referenceRutDv(76086428);
    expect(parseOrganisationDocument('rut', `76.086.428-${orgDv}`)).toEqual({ ok: true, value: `76086428-${orgDv}` });
  });

  it('DOM-RUT-1: refuses Arabic-Indic, full-width and other non-ASCII digits anywhere in a RUT', () => {
    for (const bad of [
      '١٢٣٤٥٦٧٨-5',
      '۱۲۳۴۵۶۷۸-5',
      '１２．３４５．６７８－５',
      '１２３４５６７８-5',
      '12345678-５',
      '1234567８-5',
      '12345678-Ｋ',
    ]) {
      expect(parsePersonDocument('rut', bad)).toEqual({ ok: false, reason: 'format' });
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999 }),
        fc.nat(),
        fc.constantFrom(...FOREIGN_ZERO),
        (body, pick, zero) => {
          const canonical = `${body}-${referenceRutDv(body)}`;
          expect(parsePersonDocument('rut', canonical).ok).toBe(true);
          const digitPositions = [...canonical].map((c, i) => (c >= '0' && c <= '9' ? i : -1)).filter((i) => i >= 0);
          const at = digitPositions[pick % digitPositions.length];
          const swapped = canonical.slice(0, at) + foreignDigit(Number(canonical[at]), zero) + canonical.slice(at + 1);
          const parsed = parsePersonDocument('rut', swapped);
          return !parsed.ok && parsed.reason === 'format';
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('DOM-ID-PE: refuses non-ASCII digits in DNI and RUC too', () => {
    fc.assert(
      fc.property(digitString(8), fc.nat(), fc.constantFrom(...FOREIGN_ZERO), (dni, pick, zero) => {
        const at = pick % 8;
        const swapped = dni.slice(0, at) + foreignDigit(Number(dni[at]), zero) + dni.slice(at + 1);
        return !parsePersonDocument('dni', swapped).ok;
      }),
    );
    expect(parseOrganisationDocument('ruc', '２0131312955')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('display and masking', () => {
  it('DOM-RUT-1: formatDocument shows a RUT with dots, DNI and RUC as their digits', () => {
    expect(formatDocument('rut', '12345678-5')).toBe('12.345.678-5');
    expect(formatDocument('rut', '7654321-6')).toBe('7.654.321-6');
    expect(formatDocument('dni', '01234567')).toBe('01234567');
    expect(formatDocument('ruc', '20131312955')).toBe('20131312955');
  });

  it('DOM-DATA-1: a masked RUT shows only the last 3 digits and the DV', () => {
    expect(maskDocument('rut', '12345678-5')).toBe('**.***.678-5');
    expect(maskDocument('rut', '1000005-K')).toBe('*.***.005-K');
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 99_999_999 }), (body) => {
        const dv = referenceRutDv(body);
        const masked = maskDocument('rut', `${body}-${dv}`);
        const visibleDigits = masked.replace(/[^0-9K]/g, '');
        return masked.endsWith(`${String(body).slice(-3)}-${dv}`) && visibleDigits === `${String(body).slice(-3)}${dv}`;
      }),
      { numRuns: 1000 },
    );
    expect(maskDocument('rut', 'no es un rut')).not.toMatch(/[0-9]/);
  });

  it('DOM-DATA-1: a masked DNI or RUC keeps its length and shows only its last 3 digits', () => {
    expect(maskDocument('dni', '12345678')).toBe('*****678');
    expect(maskDocument('ruc', '20131312955')).toBe('********955');
    fc.assert(
      fc.property(fc.constantFrom('dni', 'ruc'), digitString(11), (type, digits) => {
        const value = type === 'dni' ? digits.slice(0, 8) : digits;
        const masked = maskDocument(type, value);
        return (
          masked.length === value.length && masked.slice(-3) === value.slice(-3) && /^\*+$/.test(masked.slice(0, -3))
        );
      }),
    );
  });
});
