import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { ValidationFailedException } from './errors/domain.exception';
import { toFieldErrors } from './errors/validation-messages';
import { CONTROL_CHARACTERS } from './text';

/**
 * The global pipe: DTOs whitelist their fields and refuse unknown ones (mass assignment, SECURITY.md), values
 * are transformed to their declared types, and errors become a 400 naming each field in Spanish.
 * `lang` (the language switch every page accepts) is not part of any query DTO, nor `_csrf` (every form's
 * CSRF token, checked before the pipe) of any body DTO.
 */

/** Half of a UTF-16 pair on its own: text that is not well-formed Unicode (PostgreSQL refuses it in jsonb). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first field (as a dotted path) whose text carries a control character or a lone surrogate, or null. */
export function controlCharacterField(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string')
    return CONTROL_CHARACTERS.test(value) || LONE_SURROGATE.test(value) ? path || 'body' : null;
  if (depth > 8 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const found = controlCharacterField(v, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return null;
}

function refuseControlCharacters(value: unknown): void {
  const field = controlCharacterField(value);
  if (field)
    throw new ValidationFailedException([
      { field, message: `El campo ${field} contiene caracteres de control no permitidos.` },
    ]);
}

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
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param')
      refuseControlCharacters(value);
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
  refuseControlCharacters(plain);
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length) throw new ValidationFailedException(toFieldErrors(errors));
  return instance;
}
