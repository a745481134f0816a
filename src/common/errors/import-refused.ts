import type { Locale } from '../i18n/i18n';
import { textIn, type LocalizedText, type MessageText } from '../i18n/messages';
import { DomainException, type FieldError } from './domain.exception';

/** A problem of an import's line: its message in both languages (the module's dictionary) or a plain Spanish one. */
export type LineProblem = { line: number; field: string | null; message: MessageText };

/** A module's texts for a refused import: the summary, and a line's message with the line leading it. */
export interface ImportRefusalTexts {
  refused(params: { count: number }): LocalizedText;
  line(params: { line: number; message: string }): LocalizedText;
}

/**
 * A refused import, nothing written (API.md `IMPORT_INVALID`: `errors: [{ line, field, message }]`): each line's
 * problem in the reader's language, the line also leading the message, for people. A module's import exception
 * extends it with its own texts (fund calls, a program's beneficiaries).
 */
export class ImportRefusedException extends DomainException {
  declare private readonly texts: ImportRefusalTexts;

  constructor(
    readonly lines: LineProblem[],
    texts: ImportRefusalTexts,
  ) {
    super('IMPORT_INVALID', texts.refused({ count: lines.length }), 422, lineErrors(lines, texts, 'es'));
    // not enumerable: the exception's own fields stay what they were (code, detail, status, errors, lines)
    Object.defineProperty(this, 'texts', { value: texts, enumerable: false });
  }

  /** Each line's problem in the reader's language, its line kept. */
  override errorsIn(locale: Locale): FieldError[] {
    return lineErrors(this.lines, this.texts, locale);
  }
}

function lineErrors(lines: LineProblem[], texts: ImportRefusalTexts, locale: Locale): FieldError[] {
  return lines.map((l) => ({
    line: l.line,
    field: l.field ?? 'file',
    message: texts.line({ line: l.line, message: textIn(l.message, locale) })[locale],
  })) as FieldError[];
}
