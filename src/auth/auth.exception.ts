import { DomainException, FieldError } from '../common/errors/domain.exception';
import { waitInWords } from './login-throttle';

export class AuthException extends DomainException {
  /** For a 429: the seconds to wait, sent as Retry-After (RetryAfterInterceptor). */
  retryAfterSeconds?: number;

  static invalidCredentials(): AuthException {
    // The same words whether the e-mail exists or not (no account enumeration).
    return new AuthException('INVALID_CREDENTIALS', 'El correo o la contraseña no son correctos.', 401);
  }

  /** Too many failed sign-ins from the caller's network: the same for every e-mail (issue 22 item 8). */
  static tooManyAttempts(waitMs: number): AuthException {
    const error = new AuthException(
      'TOO_MANY_ATTEMPTS',
      `Hubo demasiados intentos fallidos de ingreso desde su conexión. Vuelva a intentarlo en ${waitInWords(waitMs)}.`,
      429,
    );
    error.retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return error;
  }

  static passwordLength(field: string, problem: 'too_short' | 'too_long'): AuthException {
    const message =
      problem === 'too_short'
        ? `El campo ${field} debe tener al menos 8 caracteres.`
        : `El campo ${field} admite como máximo 256 bytes (unos 256 caracteres).`;
    return new AuthException('VALIDATION_FAILED', message, 400, [{ field, message }]);
  }

  static linkInvalid(): AuthException {
    return new AuthException('LINK_INVALID', 'El enlace no es válido, ya se usó o expiró. Pida uno nuevo.', 410);
  }

  static forbidden(detail = 'No tiene permiso para realizar esta acción.'): AuthException {
    return new AuthException('FORBIDDEN', detail, 403);
  }

  static notFound(): AuthException {
    return new AuthException('NOT_FOUND', 'No existe lo que busca o no tiene acceso a ello.', 404);
  }

  static conflict(code: string, detail: string, errors: FieldError[] = []): AuthException {
    return new AuthException(code, detail, 409, errors);
  }
}
