import type { ValidationError } from 'class-validator';
import type { FieldError } from './domain.exception';
import { translate, type Locale } from '../i18n/i18n';

/**
 * class-validator constraint -> a message in the reader's language naming the field. Constraints not listed
 * here (the project's own validators) keep the Spanish message they were declared with.
 */
const KEYS: Record<string, string> = {
  isNotEmpty: 'validation.required',
  isDefined: 'validation.required',
  maxLength: 'validation.tooLong',
  minLength: 'validation.tooShort',
  isString: 'validation.notString',
  isNumber: 'validation.notNumber',
  isInt: 'validation.notInteger',
  min: 'validation.min',
  max: 'validation.max',
  isDateString: 'validation.notDate',
  isDate: 'validation.notDate',
  isISO8601: 'validation.notDate',
  isEmail: 'validation.notEmail',
  isIn: 'validation.notIn',
  isEnum: 'validation.notIn',
  isBoolean: 'validation.notBoolean',
  isArray: 'validation.notArray',
  arrayMaxSize: 'validation.tooManyItems',
  arrayMinSize: 'validation.tooFewItems',
  whitelistValidation: 'validation.unknownField',
  isRut: 'validation.rut',
};

function paramsFor(constraint: string, error: ValidationError, field: string): Record<string, unknown> {
  const target = error.contexts?.[constraint] as Record<string, unknown> | undefined;
  const message = error.constraints?.[constraint] ?? '';
  const numbers = message.match(/-?\d+(\.\d+)?/g) ?? [];
  return { field, max: target?.max ?? numbers[0] ?? '', min: target?.min ?? numbers[0] ?? '' };
}

export function toFieldErrors(errors: ValidationError[], locale: Locale = 'es', prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, original] of Object.entries(error.constraints ?? {})) {
      const key = KEYS[constraint];
      // Known constraints get the dictionary's message; our own validators already carry a Spanish one.
      if (!key) {
        out.push({ field, message: original });
        continue;
      }
      const params = paramsFor(constraint, error, field);
      const text = { es: translate('es', key, params), en: translate('en', key, params) };
      out.push({ field, message: text[locale], text });
    }
    if (error.children?.length) out.push(...toFieldErrors(error.children, locale, field));
  }
  // API.md: one entry per bad field (the first constraint it broke; a wrong type before a size).
  out.sort((a, b) =>
    a.field === b.field ? Number(/lista|list/.test(b.message)) - Number(/lista|list/.test(a.message)) : 0,
  );
  const seen = new Set<string>();
  return out.filter((e) => !seen.has(e.field) && !!seen.add(e.field));
}
