import { DomainException, FieldError, ModuleException } from '../common/errors/domain.exception';
import type { Locale } from '../common/i18n/i18n';
import type { LocalizedText, MessageText } from '../common/i18n/messages';
import { associationTexts, eachLanguage } from './associations.messages';

/** Refusals of the registry and the rosters, with stable codes (API.md) and Spanish details. */
export class AssociationException extends ModuleException {
  static override readonly forbiddenDetail: MessageText = associationTexts.forbidden();
  static override readonly codes = [
    'ALREADY_CERTIFIED',
    'ALREADY_IN_NEIGHBOURHOOD_COUNCIL',
    'ALREADY_MEMBER',
    'ASSOCIATION_DISSOLVED',
    'BOARD_PROVISIONAL_ONCE',
    'BOARD_STATUS',
    'BOARD_TERM_OVERLAP',
    'BOARD_TERM_START',
    'BOARD_TERM_TOO_LONG',
    'CONSTITUTION_NOT_APPLICABLE',
    'CONSTITUTION_REQUIRED',
    'CONSTITUTION_STATUS',
    'CORRECTION_WINDOW_CLOSED',
    'DEPOSIT_WINDOW_CLOSED',
    'DUPLICATE_ASSOCIATION',
    'FAITH_MINISTER_NOT_IN_COMMUNE',
    'GUARDIAN_CONSENT_REQUIRED',
    'IMPORT_ALREADY_DONE',
    'MEMBERSHIP_ENDED',
    'MEMBERSHIP_STATUS',
    'MEMBER_TOO_YOUNG',
    'NOT_ASSIGNED_FAITH_MINISTER',
    'NOT_DEPOSITED',
    'NO_MUNICIPAL_OFFICER',
    'OBJECTION_WINDOW_CLOSED',
    'PERSON_DOCUMENT_TAKEN',
    'PERSON_ERASED',
    'PERSON_IDENTITY_MISMATCH',
    'STATUS_CHANGED',
    'STATUTES_NOT_APPROVED',
    'VERSION_CONFLICT',
  ] as const;
}

/** A line of a refused import: its Spanish message, and every language when the file's check wrote it so. */
export interface ImportLineError {
  line: number;
  field: string | null;
  message: string;
  text?: LocalizedText;
}

/** An import refused as a whole: every problem with its line (API.md `IMPORT_INVALID`). */
export class RosterImportException extends DomainException {
  constructor(readonly lineErrors: ImportLineError[]) {
    super(
      'IMPORT_INVALID',
      RosterImportException.summary(lineErrors),
      422,
      RosterImportException.fieldErrors(lineErrors, 'es'),
    );
  }

  /** Each line's error in the reader's language, its line kept. */
  override errorsIn(locale: Locale): FieldError[] {
    return RosterImportException.fieldErrors(this.lineErrors, locale);
  }

  /** API.md: `errors: [{ line, field, message }]` (the line also leads the message, for people). */
  private static fieldErrors(lineErrors: ImportLineError[], locale: Locale): FieldError[] {
    return lineErrors.map(
      (e) =>
        ({
          line: e.line,
          field: e.field ?? 'file',
          message: associationTexts.importLineMessage({ line: e.line, message: e.text?.[locale] ?? e.message })[locale],
        }) as FieldError,
    );
  }

  /** "No se importó ningún socio: hay 3 errores en el archivo (línea 4, línea 5, línea 9…)." */
  private static summary(lineErrors: { line: number }[]): LocalizedText {
    const lines = RosterImportException.lines(lineErrors);
    return eachLanguage((locale) =>
      lineErrors.length === 1
        ? associationTexts.importRefusedOne({ lines: lines[locale] })
        : associationTexts.importRefusedMany({ count: lineErrors.length, lines: lines[locale] }),
    );
  }

  /** The first three lines with errors, each once ("línea 4, línea 5, línea 9…"). */
  private static lines(lineErrors: { line: number }[]): LocalizedText {
    const lines = [...new Set(lineErrors.map((e) => e.line))];
    const list = (locale: Locale) =>
      `${lines
        .slice(0, 3)
        .map((line) => associationTexts.importLine({ line })[locale])
        .join(', ')}${lines.length > 3 ? '…' : ''}`;
    return { es: list('es'), en: list('en') };
  }
}
