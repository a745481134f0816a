import { DomainException, FieldError, ModuleException } from '../common/errors/domain.exception';
import type { MessageText } from '../common/i18n/messages';
import { authTexts } from './auth.messages';
import { waitInWords } from './login-throttle';

export class AuthException extends DomainException {
  /** For a 429: the seconds to wait, sent as Retry-After (RetryAfterInterceptor). */
  retryAfterSeconds?: number;

  static invalidCredentials(): AuthException {
    // The same words whether the e-mail exists or not (no account enumeration).
    return new AuthException('INVALID_CREDENTIALS', authTexts.invalidCredentials(), 401);
  }

  /** Too many failed sign-ins from the caller's network: the same for every e-mail (issue 22 item 8). */
  static tooManyAttempts(waitMs: number): AuthException {
    const text = {
      es: authTexts.tooManyAttempts({ wait: waitInWords(waitMs, 'es') }).es,
      en: authTexts.tooManyAttempts({ wait: waitInWords(waitMs, 'en') }).en,
    };
    const error = new AuthException('TOO_MANY_ATTEMPTS', text, 429);
    error.retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return error;
  }

  static passwordLength(field: string, problem: 'too_short' | 'too_long'): AuthException {
    const message =
      problem === 'too_short' ? authTexts.passwordTooShort({ field }) : authTexts.passwordTooLong({ field });
    return new AuthException('VALIDATION_FAILED', message, 400, [AuthException.fieldError(field, message)]);
  }

  static linkInvalid(): AuthException {
    return new AuthException('LINK_INVALID', authTexts.linkInvalid(), 410);
  }

  static forbidden(detail: MessageText = authTexts.forbidden()): AuthException {
    return new AuthException('FORBIDDEN', detail, 403);
  }

  static notFound(): AuthException {
    return new AuthException('NOT_FOUND', authTexts.notFound(), 404);
  }

  static conflict(code: string, detail: MessageText, errors: FieldError[] = []): AuthException {
    return new AuthException(code, detail, 409, errors);
  }

  /** A field error in both languages, for the lists these refusals carry. */
  static fieldError(field: string, message: MessageText): FieldError {
    return ModuleException.fieldError(field, message);
  }
}
