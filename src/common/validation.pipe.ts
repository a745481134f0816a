import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { ValidationFailedException } from './errors/domain.exception';
import { toFieldErrors } from './errors/validation-messages';

/**
 * The global pipe: DTOs whitelist their fields and refuse unknown ones (mass assignment, SECURITY.md), values
 * are transformed to their declared types, and errors become a 400 naming each field in Spanish.
 * `lang` (the language switch every page accepts) is not part of any query DTO, nor `_csrf` (every form's
 * CSRF token, checked before the pipe) of any body DTO.
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationFailedException(toFieldErrors(errors)),
    });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dropped = metadata.type === 'body' ? '_csrf' : metadata.type === 'query' ? 'lang' : null;
    if (dropped && value && typeof value === 'object' && dropped in value) {
      const rest = { ...(value as Record<string, unknown>) };
      delete rest[dropped];
      return super.transform(rest, metadata);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Validates a form body inside a handler (where a refusal can re-render the form with the user's input),
 * with the same rules and Spanish messages as the global pipe. Throws ValidationFailedException.
 */
export async function validateBody<T extends object>(type: new () => T, body: unknown): Promise<T> {
  const { plainToInstance } = await import('class-transformer');
  const { validate } = await import('class-validator');
  const plain = { ...((body ?? {}) as Record<string, unknown>) };
  delete plain._csrf;
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length) throw new ValidationFailedException(toFieldErrors(errors));
  return instance;
}
