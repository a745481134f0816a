import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The base of every module's exception (MeetingException, AssociationException, ...): a stable `code`, a
 * Spanish `detail` for people, an HTTP status (422 by default: a domain rule refused the action).
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly status: number = HttpStatus.UNPROCESSABLE_ENTITY,
    readonly errors: FieldError[] = [],
  ) {
    super(`${code}: ${detail}`);
  }
}

/** Bad input: 400 with one entry per field, messages in Spanish naming the field. */
export class ValidationFailedException extends DomainException {
  constructor(errors: FieldError[], detail = 'Hay campos con errores.') {
    super('VALIDATION_FAILED', detail, HttpStatus.BAD_REQUEST, errors);
  }
}

/** An HTML page needs a signed-in user: the error filter redirects to the login page, then back to `returnTo`. */
export class LoginRequiredException extends Error {
  constructor(readonly returnTo: string) {
    super('login required');
  }
}

type ExceptionClass<T> = new (code: string, detail: string, status?: number, errors?: FieldError[]) => T;
/** A module's exception class with its enumeration of codes (`static readonly codes = [...] as const`). */
type CodedClass<T, K extends string> = ExceptionClass<T> & { readonly codes: readonly K[] };

/**
 * The factories every module's exception shares (ARCHITECTURE.md §3.5): each feature declares its own subclass
 * (`class MeetingException extends ModuleException {}`) so a refusal says which module refused, and the one
 * exception filter maps the status and code to a flash message or a problem body.
 */
export abstract class ModuleException extends DomainException {
  /**
   * The refusal codes this module may answer (API.md: `MINUTES_LOCKED`, `FOUNDERS_BELOW_MINIMUM`...), typed: a code
   * that is not listed does not compile. The factories below accept only these (and the generic ones they set).
   */
  static readonly codes: readonly string[] = [];

  /** The same answer whether the object exists outside the caller's scope or not at all (API.md). */
  static notFound<T>(this: ExceptionClass<T>): T {
    return new this('NOT_FOUND', 'No existe lo que busca o no tiene acceso a ello.', HttpStatus.NOT_FOUND);
  }

  /** What a refusal without a detail of its own says (a module may word it for its objects). */
  static readonly forbiddenDetail: string = 'Su rol no permite esta acción.';

  static forbidden<T>(this: ExceptionClass<T> & { forbiddenDetail: string }, detail?: string): T {
    return new this('FORBIDDEN', detail ?? this.forbiddenDetail, HttpStatus.FORBIDDEN);
  }

  static invalid<T>(this: ExceptionClass<T>, errors: FieldError[], detail = 'Hay campos con errores.'): T {
    return new this('VALIDATION_FAILED', detail, HttpStatus.BAD_REQUEST, errors);
  }

  static field<T, K extends string>(
    this: CodedClass<T, K>,
    field: string,
    message: string,
    code: NoInfer<K> | 'VALIDATION_FAILED' = 'VALIDATION_FAILED',
    status: number = HttpStatus.BAD_REQUEST,
  ): T {
    return new this(code, message, status, [{ field, message }]);
  }

  static conflict<T, K extends string>(this: CodedClass<T, K>, code: NoInfer<K>, detail: string, field?: string): T {
    return new this(code, detail, HttpStatus.CONFLICT, field ? [{ field, message: detail }] : []);
  }

  static rule<T, K extends string>(this: CodedClass<T, K>, code: NoInfer<K>, detail: string, field?: string): T {
    return new this(code, detail, HttpStatus.UNPROCESSABLE_ENTITY, field ? [{ field, message: detail }] : []);
  }
}
