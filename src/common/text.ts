import { localText, type MessageParam } from './errors/validation-messages';
import type { LocalizedText } from './i18n/messages';
import { PDF_FONT_COVERAGE } from './pdf-font-coverage';

/** Lowercase without accents: the key used for Spanish search and ordering (no ICU collations on PGlite). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `…?token=abc` -> `…?token=[oculto]`: single-use link tokens (and the secret paths of calendar feeds and shared
 * boards) never show in logs, audit rows or on the outbox page. Also in
 * HTML, where Handlebars writes "=" as `&#x3D;` and "&" as `&amp;`.
 */
export function redactLinkTokens(text: string): string {
  return text
    .replace(/([?&](?:amp;)?token(?:=|&#x3D;|&#61;))[^&#"'\s<]*/gi, '$1[oculto]')
    .replace(/(\/calendario\/)[A-Za-z0-9_-]+(\.ics)/g, '$1[oculto]$2')
    .replace(/(\/mesas\/compartida\/)[^/?#\s"'<]+/g, '$1[oculto]')
    .replace(/(\/semanas\/oferta\/)[^/?#\s"'<]+/g, '$1[oculto]');
}

/** C0 control characters other than tab, line feed and carriage return (PostgreSQL refuses NUL in text). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// ---- Text the portal accepts (issue 22; docs/decisions.md, "Text the portal accepts") ------------------------

/** [first, last] code point ranges, sorted, that the PDFs' Unicode font prints in both faces. */
const FONT_RANGES: [number, number][] = PDF_FONT_COVERAGE.split(',').map((r) => {
  const [a, b] = r.split('-').map((h) => parseInt(h, 16));
  return [a, b ?? a];
});

function inFont(cp: number): boolean {
  let lo = 0;
  let hi = FONT_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < FONT_RANGES[mid][0]) hi = mid - 1;
    else if (cp > FONT_RANGES[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Bidirectional controls: they reorder what is shown (`‮gnp.pdf` reads as `fdp.png`). */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/**
 * Characters that show nothing: format characters (Unicode category Cf: zero-width space and joiners, word
 * joiner, BOM, soft hyphen, bidi controls, tags) and the combining grapheme joiner. Variation selectors (the
 * U+FE0F of ❤️) are not printable either, and are reported with the emoji they follow.
 */
const INVISIBLE = /[\p{Cf}\u034F]/u;
/**
 * Scripts PDFKit cannot lay out correctly: right-to-left ones (it does no bidi reordering) and those whose letters
 * need shaping it does not do. DejaVu has glyphs for some of them, so the font alone would let them through.
 */
const UNSHAPED_SCRIPTS =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Thai}\p{Script=Lao}]/u;
/** What a decoder writes for bytes that were not text: U+FFFD means the file or form was not UTF-8. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * True when every PDF the portal makes prints `ch` with its own glyph: any Unicode space (printed as a space),
 * tab and line breaks, or a visible character that both faces of the embedded font have (Helvetica's set is a
 * part of it), in a script PDFKit lays out. Never control, invisible, private-use or replacement characters.
 */
export function isPrintable(ch: string): boolean {
  if (ch === '\n' || ch === '\r' || ch === '\t') return true;
  if (INVISIBLE.test(ch) || /\p{Variation_Selector}/u.test(ch)) return false;
  if (/^\s$/u.test(ch)) return true;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || ch === REPLACEMENT_CHARACTER) return false;
  if (/\p{Co}/u.test(ch) || UNSHAPED_SCRIPTS.test(ch)) return false;
  return inFont(cp);
}

/**
 * The distinct characters of `text` that no PDF can print (in order of appearance, at most `max`); an emoji with
 * its variation selector (❤️) is reported as one.
 */
export function unprintableCharacters(text: string, max = 20): string[] {
  const found = new Set<string>();
  const chars = [...text.normalize('NFC')];
  chars.forEach((ch, i) => {
    if (found.size >= max) return;
    if (/\p{Variation_Selector}/u.test(ch) && i > 0 && !/\p{Variation_Selector}/u.test(chars[i - 1])) {
      found.delete(chars[i - 1]);
      found.add(chars[i - 1] + ch);
    } else if (!isPrintable(ch)) found.add(ch);
  });
  return [...found];
}

/** `U+202E` for an invisible character, the character itself otherwise (for messages). */
export function showCharacter(ch: string): string {
  return INVISIBLE.test(ch) || /[\p{Cc}\s\p{Variation_Selector}]/u.test(ch) || ch === REPLACEMENT_CHARACTER
    ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    : ch;
}

/** A cell a spreadsheet would run as a formula (API.md "Roster CSV"); a phone such as +56 9 … is not one. */
export function looksLikeFormula(value: string, options: { phone?: boolean } = {}): boolean {
  if (!/^[=+\-@\t\r]/.test(value)) return false;
  return !(options.phone && PHONE_NUMBER.test(value));
}
/** A phone number as the roster takes it: digits, spaces, parentheses, hyphens and one leading +. */
export const PHONE_NUMBER = /^\+?[0-9][0-9 ()-]{5,38}$/;

/**
 * What a message says after a field's name: a key of the dictionary's `validation.asides` ("fullName" -> "nombre
 * completo" / "full name"), or the words themselves.
 */
export type FieldAside = string | LocalizedText;

/** `fullName (nombre completo)` / `fullName (full name)`: a field as messages name it. */
export function namedField(field: string, aside?: FieldAside): MessageParam {
  if (!aside) return field;
  const words = typeof aside === 'string' ? localText(`validation.asides.${aside}`) : aside;
  return { es: `${field} (${words.es})`, en: `${field} (${words.en})` };
}

/** A Spanish label as the aside of both languages (the Spanish-only callers below). */
const spanishLabel = (label?: string): FieldAside | undefined => (label ? { es: label, en: label } : undefined);

/**
 * Characters of `text` a reader cannot see or that change how the rest reads: control characters (C0 and C1),
 * U+FFFD, bidirectional controls and other invisible format characters (as `U+202E`, for messages).
 */
export function hiddenCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const ch of text)
    if (/\p{Cc}/u.test(ch) || ch === REPLACEMENT_CHARACTER || INVISIBLE.test(ch)) found.add(showCharacter(ch));
  return [...found];
}

/** Control, replacement, bidirectional and invisible characters: the problem naming the field, or null. */
function hiddenCharacterProblem(field: MessageParam, value: string): LocalizedText | null {
  if (CONTROL_CHARACTERS.test(value)) return localText('validation.text.controlCharacters', { field });
  if (value.includes(REPLACEMENT_CHARACTER)) return localText('validation.text.replacementCharacter', { field });
  const bidi = [...new Set(value.match(new RegExp(BIDI_CONTROLS.source, 'gu')) ?? [])];
  if (bidi.length) return localText('validation.text.bidi', { field, chars: bidi.map(showCharacter).join(', ') });
  const invisible = [...new Set([...value].filter((ch) => INVISIBLE.test(ch)))];
  if (invisible.length)
    return localText('validation.text.invisible', {
      field,
      chars: invisible.slice(0, 5).map(showCharacter).join(', '),
    });
  return null;
}

/** Characters no PDF prints; `key` says what to do instead (any text: remove them; a name: Latin letters). */
function unprintableProblem(
  field: MessageParam,
  value: string,
  key = 'validation.text.unprintable',
): LocalizedText | null {
  const unprintable = unprintableCharacters(value, 10);
  if (!unprintable.length) return null;
  return localText(key, { field, chars: unprintable.map(showCharacter).join(' ') });
}

/**
 * Any text the portal may print (descriptions, notes, places, reasons…): the problem naming the field (`aside`: a
 * key of `validation.asides` said after it), in both languages, or null. Refused: control characters, invisible and
 * bidirectional characters, U+FFFD (text that was not UTF-8) and characters no PDF prints (emoji outside the font,
 * CJK, right-to-left scripts…).
 */
export function textProblemText(field: string, value: string, aside?: FieldAside): LocalizedText | null {
  const name = namedField(field, aside);
  return hiddenCharacterProblem(name, value) ?? unprintableProblem(name, value);
}

/** `textProblemText` in Spanish, `label` said after the field's name (what an import's lines and logs carry). */
export function textProblem(field: string, value: string, label?: string): string | null {
  return textProblemText(field, value, spanishLabel(label))?.es ?? null;
}

/**
 * Punctuation a person's name may carry besides letters, digits and spaces: apostrophes (O'Higgins, D’Angelo),
 * hyphens, period and comma (`Rojas, Luis`), and the quotes and parentheses of a nickname (`Luis "Lucho"`).
 */
const NAME_PUNCTUATION = new Set([...'\'’ʼ‘-‐‑.,"“”«»()']);

/**
 * A person's name (members, guardians, users): letters of any script the PDFs print (accents, ñ, ü, Ł, Nguyễn,
 * Σωκράτης, Иванов…), combining accents, digits, spaces, apostrophes, hyphens, periods, commas, quotes and
 * parentheses, starting with a letter. Emoji, symbols (＝, ★, ✓) and formula-looking text (`=HYPERLINK(…)`, as
 * the roster import refuses) are not a name. The problem naming the field in both languages, or null. Empty is not
 * checked.
 */
export function personNameProblemText(field: string, value: string, aside?: FieldAside): LocalizedText | null {
  const text = value.normalize('NFC').trim();
  if (!text) return null;
  const name = namedField(field, aside);
  const hidden = hiddenCharacterProblem(name, text);
  if (hidden) return hidden;
  if (looksLikeFormula(text))
    return localText('validation.text.nameFormula', { field: name, sign: JSON.stringify(text[0]) });
  const others = [...new Set([...text].filter((ch) => !/[\p{L}\p{M}\p{Nd}\s]/u.test(ch) && !NAME_PUNCTUATION.has(ch)))];
  if (others.length)
    return localText('validation.text.nameCharacters', {
      field: name,
      count: others.length,
      chars: others.slice(0, 10).join(' '),
    });
  if (!/^\p{L}/u.test(text)) return localText('validation.text.nameStart', { field: name });
  return unprintableProblem(name, text, 'validation.text.nameUnprintable');
}

/** `personNameProblemText` in Spanish, `label` said after the field's name. */
export function personNameProblem(field: string, value: string, label?: string): string | null {
  return personNameProblemText(field, value, spanishLabel(label))?.es ?? null;
}

/**
 * Text that also lands in spreadsheets (roster fields, names of organisations): `textProblem`, and a value a
 * spreadsheet would run as a formula is refused as the roster import refuses it.
 */
export function spreadsheetTextProblemText(
  field: string,
  value: string,
  options: { aside?: FieldAside; phone?: boolean } = {},
): LocalizedText | null {
  const general = textProblemText(field, value, options.aside);
  if (general) return general;
  if (looksLikeFormula(value.trim(), options))
    return localText('validation.text.formula', {
      field: namedField(field, options.aside),
      sign: JSON.stringify(value.trim()[0]),
    });
  return null;
}

/** `spreadsheetTextProblemText` in Spanish, `label` said after the field's name. */
export function spreadsheetTextProblem(
  field: string,
  value: string,
  options: { label?: string; phone?: boolean } = {},
): string | null {
  return (
    spreadsheetTextProblemText(field, value, { phone: options.phone, aside: spanishLabel(options.label) })?.es ?? null
  );
}
