/**
 * Chilean RUT/RUN (DOM-RUT-1, DOM-RUT-2). Canonical form `12345678-5`, display `12.345.678-5`.
 * Proven against the rule by property tests in test/unit/common/rut.spec.ts.
 */

/** DOM-RUT-2: weights 2,3,4,5,6,7 from the right; 11 -> 0, 10 -> K. */
export function rutCheckDigit(body: number | string): string {
  const digits = String(body);
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const v = 11 - (sum % 11);
  return v === 11 ? '0' : v === 10 ? 'K' : String(v);
}

export type RutParseResult = { ok: true; rut: string } | { ok: false; reason: 'format' | 'check_digit' };

/**
 * DOM-RUT-1: accepts dots, spaces, a hyphen or none, lowercase k; ASCII digits only; body 1..99.999.999.
 * Returns the canonical form.
 */
export function parseRut(input: string): RutParseResult {
  if (typeof input !== 'string' || input.length > 20) return { ok: false, reason: 'format' };
  const compact = input.trim().replace(/[.\s]/g, '');
  const m = /^([0-9]{1,8})-?([0-9kK])$/.exec(compact);
  if (!m) return { ok: false, reason: 'format' };
  const body = Number(m[1]);
  if (body < 1) return { ok: false, reason: 'format' };
  const dv = m[2].toUpperCase();
  if (rutCheckDigit(body) !== dv) return { ok: false, reason: 'check_digit' };
  return { ok: true, rut: `${body}-${dv}` };
}

export function isValidRut(input: string): boolean {
  return parseRut(input).ok;
}

/** `12345678-5` -> `12.345.678-5`; input that is not a RUT is returned unchanged. */
export function formatRut(rut: string): string {
  const parsed = parseRut(rut);
  if (!parsed.ok) return rut;
  const [body, dv] = parsed.rut.split('-');
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
}

/** DOM-DATA-1: `12345678-5` -> `**.***.678-5` (only the last three digits and the DV show). */
export function maskRut(rut: string): string {
  const parsed = parseRut(rut);
  if (!parsed.ok) return '**.***.***-*';
  const [body, dv] = parsed.rut.split('-');
  const formatted = body.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const visible = formatted.slice(-3);
  return `${formatted.slice(0, -3).replace(/\d/g, '*')}${visible}-${dv}`;
}
