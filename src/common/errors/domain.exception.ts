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
