import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { ModuleException, ValidationFailedException, type FieldError } from './errors/domain.exception';
import { toFieldErrors } from './errors/validation-messages';
import { defineMessages } from './i18n/messages';
import { CONTROL_CHARACTERS, textProblemText } from './text';

/** The pipe's own refusal (issue 16 item 6): Spanish as always, English beside it. */
const pipeTexts = defineMessages({
  controlCharacters: {
    es: 'El campo {field} contiene caracteres de control no permitidos.',
    en: 'The field {field} contains control characters that are not allowed.',
  },
});

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

/** `name`: what a lone value is called (a path parameter's name); fields of an object are named by their path. */
function refuseControlCharacters(value: unknown, name = ''): void {
  const field = controlCharacterField(value, name);
  if (field)
    throw new ValidationFailedException([ModuleException.fieldError(field, pipeTexts.controlCharacters({ field }))]);
}

/**
 * Fields the text rule leaves alone (control characters are still refused): passwords may hold any character and
 * are never printed; identity numbers (RUT, DNI, RUC) are parsed strictly by their own rule, whose message says
 * what a number looks like (DOM-RUT-1), and print in their canonical form.
 */
const OWN_RULES = /pass|^(rut|dni|ruc)$/i;

/**
 * Every string of a body that the portal could not print as it is (docs/decisions.md, "Text the portal
 * accepts"): invisible and bidirectional characters, U+FFFD and characters no PDF prints, as field errors naming
 * each field (passwords excepted).
 */
export function textFieldErrors(value: unknown, path = '', depth = 0, out: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    const text = OWN_RULES.test(path.split('.').pop() ?? '') ? null : textProblemText(path || 'body', value);
    if (text) {
      // the English beside the Spanish, for the reader's language; not one of the entry's own fields
      const error: FieldError = { field: path || 'body', message: text.es };
      Object.defineProperty(error, 'text', { value: text, enumerable: false });
      out.push(error);
    }
  } else if (depth <= 8 && value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (out.length < 20) textFieldErrors(v, path ? `${path}.${k}` : k, depth + 1, out);
  }
  return out;
}

/**
 * Runs a DTO's validation, then adds the text rule's problems of the fields the DTO did not already refuse: a
 * field's own rule (a person's name, a RUT) speaks first, with its own message, and every other string of the body
 * is still checked.
 */
async function withTextRule<T>(value: unknown, validate: () => Promise<T>): Promise<T> {
  const text = textFieldErrors(value);
  let validated: T;
  try {
    validated = await validate();
  } catch (err) {
    if (!(err instanceof ValidationFailedException) || !text.length) throw err;
    const refused = new Set(err.errors.map((e) => e.field));
    throw new ValidationFailedException([...err.errors, ...text.filter((e) => !refused.has(e.field))]);
  }
  if (text.length) throw new ValidationFailedException(text);
  return validated;
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
      refuseControlCharacters(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    const dropped = metadata.type === 'body' ? '_csrf' : metadata.type === 'query' ? 'lang' : null;
    let input = value;
    if (dropped && value && typeof value === 'object' && dropped in value) {
      const rest = { ...(value as Record<string, unknown>) };
      delete rest[dropped];
      input = rest;
    }
    // A DTO's body (the API): text no PDF prints is refused for every field. A page's untyped body is checked by
    // validateBody or the service it goes to, where a refusal shows the form again with the input.
    if (metadata.type === 'body' && this.toValidate(metadata))
      return withTextRule(input, () => super.transform(input, metadata));
    return super.transform(input, metadata);
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
  return withTextRule(plain, async () => {
    const instance = plainToInstance(type, plain);
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
    if (errors.length) throw new ValidationFailedException(toFieldErrors(errors));
    return instance;
  });
}
