import { localText } from '../errors/validation-messages';
import type { LocalizedText } from '../i18n/messages';
import { formatRut, maskRut, parseRut } from './rut';

/**
 * Identity documents of people and organisations (DOM-RUT-1..3, DOM-ID-PE). Chile: RUT/RUN with check digit.
 * Peru: DNI (8 digits, no check digit) for people, RUC (11 digits, weights 5,4,3,2,7,6,5,4,3,2) for
 * organisations. Every parser returns the canonical stored form; property tests in test/unit/common.
 */
export type PersonDocumentType = 'rut' | 'dni';
export type OrganisationDocumentType = 'rut' | 'ruc';

export type DocumentParseResult = { ok: true; value: string } | { ok: false; reason: 'format' | 'check_digit' };

/** DOM-ID-PE: exactly 8 ASCII digits (spaces and dots tolerated); stored as the 8 digits. */
export function parseDni(input: string): DocumentParseResult {
  if (typeof input !== 'string' || input.length > 20) return { ok: false, reason: 'format' };
  const compact = input.trim().replace(/[.\s]/g, '');
  return /^[0-9]{8}$/.test(compact) ? { ok: true, value: compact } : { ok: false, reason: 'format' };
}

const RUC_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** DOM-ID-PE: the RUC check digit of its first ten digits (11 - sum mod 11; 10 -> 0, 11 -> 1). */
export function rucCheckDigit(first10: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * RUC_WEIGHTS[i];
  const v = 11 - (sum % 11);
  return String(v === 10 ? 0 : v === 11 ? 1 : v);
}

/** DOM-ID-PE: 11 ASCII digits whose last one is the check digit of the first ten. */
export function parseRuc(input: string): DocumentParseResult {
  if (typeof input !== 'string' || input.length > 20) return { ok: false, reason: 'format' };
  const compact = input.trim().replace(/[.\s-]/g, '');
  if (!/^[0-9]{11}$/.test(compact)) return { ok: false, reason: 'format' };
  return rucCheckDigit(compact.slice(0, 10)) === compact[10]
    ? { ok: true, value: compact }
    : { ok: false, reason: 'check_digit' };
}

export function parsePersonDocument(type: PersonDocumentType, input: string): DocumentParseResult {
  if (type === 'dni') return parseDni(input);
  const r = parseRut(input);
  return r.ok ? { ok: true, value: r.rut } : r;
}

export function parseOrganisationDocument(type: OrganisationDocumentType, input: string): DocumentParseResult {
  if (type === 'ruc') return parseRuc(input);
  const r = parseRut(input);
  return r.ok ? { ok: true, value: r.rut } : r;
}

/** A refused document's message naming the field, in both languages (DOM-RUT-2: a wrong DV is its own message). */
export function documentProblemText(
  type: PersonDocumentType | OrganisationDocumentType,
  field: string,
  reason: 'format' | 'check_digit',
): LocalizedText {
  if (type === 'rut')
    return localText(reason === 'check_digit' ? 'validation.document.rutCheckDigit' : 'validation.document.rutFormat', {
      field,
    });
  if (type === 'dni') return localText('validation.document.dniFormat', { field });
  return localText(reason === 'check_digit' ? 'validation.document.rucCheckDigit' : 'validation.document.rucFormat', {
    field,
  });
}

/** The Spanish message for a refused document (what an import's lines and logs carry). */
export function documentProblem(
  type: PersonDocumentType | OrganisationDocumentType,
  field: string,
  reason: 'format' | 'check_digit',
): string {
  return documentProblemText(type, field, reason).es;
}

/** How a stored document is displayed: RUT with dots (DOM-RUT-1), DNI and RUC as digits. */
export function formatDocument(type: string, value: string): string {
  return type === 'rut' ? formatRut(value) : value;
}

/** DOM-DATA-1: a masked document, for people who do not need the number (`**.***.678-5`, `*****678`). */
export function maskDocument(type: string, value: string): string {
  if (type === 'rut') return maskRut(value);
  return `${'*'.repeat(Math.max(value.length - 3, 0))}${value.slice(-3)}`;
}
