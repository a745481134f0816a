import { HttpStatus } from '@nestjs/common';
import type { Locale } from '../i18n/i18n';
import { isLocalizedText, LocalizedText, MessageText, spanish, textIn } from '../i18n/messages';

export interface FieldError {
  field: string;
  /** Spanish (what the API answers by default and what logs read). */
  message: string;
  /** The same message in every language, when the module wrote it through its dictionary. */
  text?: LocalizedText;
}

/** A field error in the reader's language (a plain one is the same in both). */
export function fieldErrorIn(error: FieldError, locale: Locale): FieldError {
  // everything else an error carries (an import's `line`) stays; the text in both languages does not go out
  const { text, ...rest } = error;
  return { ...rest, message: text ? text[locale] : error.message };
}

function fieldError(field: string, message: MessageText): FieldError {
  return isLocalizedText(message) ? { field, message: message.es, text: message } : { field, message };
}

/**
 * The base of every module's exception (MeetingException, AssociationException, ...): a stable `code`, a
 * Spanish `detail` for people, an HTTP status (422 by default: a domain rule refused the action).
 */
export class DomainException extends Error {
  /** Spanish: what logs, the audit log and the API's default answer carry. */
  readonly detail: string;
  /** The detail in every language when the module wrote it through its dictionary (issue 16 item 6). */
  readonly text?: LocalizedText;

  constructor(
    readonly code: string,
    detail: MessageText,
    readonly status: number = HttpStatus.UNPROCESSABLE_ENTITY,
    readonly errors: FieldError[] = [],
  ) {
    super(`${code}: ${spanish(detail)}`);
    this.detail = spanish(detail);
    if (isLocalizedText(detail)) this.text = detail;
  }

  /** The detail in the reader's language. */
  detailIn(locale: Locale): string {
    return this.text ? textIn(this.text, locale) : this.detail;
  }

  /** The field errors in the reader's language. */
  errorsIn(locale: Locale): FieldError[] {
    return this.errors.map((e) => fieldErrorIn(e, locale));
  }
}

/** The texts every module's refusals share. */
const COMMON_TEXTS = {
  notFound: {
    es: 'No existe lo que busca o no tiene acceso a ello.',
    en: 'What you are looking for does not exist or you have no access to it.',
  },
  forbidden: { es: 'Su rol no permite esta acción.', en: 'Your role does not allow this action.' },
  invalid: { es: 'Hay campos con errores.', en: 'Some fields have errors.' },
} as const satisfies Record<string, LocalizedText>;

/** Bad input: 400 with one entry per field, messages in Spanish naming the field. */
export class ValidationFailedException extends DomainException {
  constructor(errors: FieldError[], detail: MessageText = COMMON_TEXTS.invalid) {
    super('VALIDATION_FAILED', detail, HttpStatus.BAD_REQUEST, errors);
  }
}

/** An HTML page needs a signed-in user: the error filter redirects to the login page, then back to `returnTo`. */
export class LoginRequiredException extends Error {
  constructor(readonly returnTo: string) {
    super('login required');
  }
}

type ExceptionClass<T> = new (code: string, detail: MessageText, status?: number, errors?: FieldError[]) => T;
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
    return new this('NOT_FOUND', COMMON_TEXTS.notFound, HttpStatus.NOT_FOUND);
  }

  /** What a refusal without a detail of its own says (a module may word it for its objects). */
  static readonly forbiddenDetail: MessageText = COMMON_TEXTS.forbidden;

  static forbidden<T>(this: ExceptionClass<T> & { forbiddenDetail: MessageText }, detail?: MessageText): T {
    return new this('FORBIDDEN', detail ?? this.forbiddenDetail, HttpStatus.FORBIDDEN);
  }

  static invalid<T>(this: ExceptionClass<T>, errors: FieldError[], detail: MessageText = COMMON_TEXTS.invalid): T {
    return new this('VALIDATION_FAILED', detail, HttpStatus.BAD_REQUEST, errors);
  }

  static field<T, K extends string>(
    this: CodedClass<T, K>,
    field: string,
    message: MessageText,
    code: NoInfer<K> | 'VALIDATION_FAILED' = 'VALIDATION_FAILED',
    status: number = HttpStatus.BAD_REQUEST,
  ): T {
    return new this(code, message, status, [fieldError(field, message)]);
  }

  static conflict<T, K extends string>(
    this: CodedClass<T, K>,
    code: NoInfer<K>,
    detail: MessageText,
    field?: string,
  ): T {
    return new this(code, detail, HttpStatus.CONFLICT, field ? [fieldError(field, detail)] : []);
  }

  static rule<T, K extends string>(this: CodedClass<T, K>, code: NoInfer<K>, detail: MessageText, field?: string): T {
    return new this(code, detail, HttpStatus.UNPROCESSABLE_ENTITY, field ? [fieldError(field, detail)] : []);
  }

  /** A field error for `invalid([...])` lists, localized when the message is. */
  static fieldError(field: string, message: MessageText): FieldError {
    return fieldError(field, message);
  }
}
