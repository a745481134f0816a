import { DomainException, FieldError, ModuleException } from '../common/errors/domain.exception';

/** Refusals of the registry and the rosters, with stable codes (API.md) and Spanish details. */
export class AssociationException extends ModuleException {
  static override readonly forbiddenDetail = 'Su rol no permite esta acción en esta organización.';
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

/** An import refused as a whole: every problem with its line (API.md `IMPORT_INVALID`). */
export class RosterImportException extends DomainException {
  constructor(readonly lineErrors: { line: number; field: string | null; message: string }[]) {
    super(
      'IMPORT_INVALID',
      `No se importó ningún socio: ${lineErrors.length === 1 ? 'hay 1 error' : `hay ${lineErrors.length} errores`} en el archivo (${RosterImportException.lines(lineErrors)}).`,
      422,
      // API.md: `errors: [{ line, field, message }]` (the line also leads the message, for people).
      lineErrors.map(
        (e) => ({ line: e.line, field: e.field ?? 'file', message: `Línea ${e.line}: ${e.message}` }) as FieldError,
      ),
    );
  }

  /** The first three lines with errors, each once ("línea 4, línea 5, línea 9…"). */
  private static lines(lineErrors: { line: number }[]): string {
    const lines = [...new Set(lineErrors.map((e) => e.line))];
    return `${lines
      .slice(0, 3)
      .map((l) => `línea ${l}`)
      .join(', ')}${lines.length > 3 ? '…' : ''}`;
  }
}
