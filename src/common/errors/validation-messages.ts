import type { ValidationError } from 'class-validator';
import type { FieldError } from './domain.exception';
import { hasTranslation, LOCALES, MissingTranslationError, translate, type Locale } from '../i18n/i18n';
import { isLocalizedText, type LocalizedText } from '../i18n/messages';

/** A message's parameter: the same in both languages, or its own in each (a field's aside, "nombre" / "name"). */
export type MessageParam = string | number | LocalizedText;

/**
 * The dictionary's text of `key` in both languages, each parameter in its language. A key missing in either
 * dictionary fails when the message is declared (module load), never as a blank refusal.
 */
export function localText(key: string, params: Record<string, MessageParam> = {}): LocalizedText {
  const text = {} as Record<Locale, string>;
  for (const locale of LOCALES) {
    if (!hasTranslation(locale, key)) throw new MissingTranslationError(`Falta la traducción "${key}" (${locale})`);
    const own = Object.fromEntries(
      Object.entries(params).map(([name, v]) => [name, isLocalizedText(v) ? v[locale] : v]),
    );
    text[locale] = translate(locale, key, own);
  }
  return Object.freeze(text);
}

/** What a class-validator message carries when it is a text in both languages (see `localMessage`). */
const LOCAL_MESSAGE = 'i18n:';

/**
 * A DTO's or a validator's own message in the reader's language (issue 16 item 6), declared by its dictionary key
 * and parameters: `@Matches(DATE, { message: localMessage('validation.date', { field: 'birthDate' }) })`, or a
 * validator's `defaultMessage`. class-validator carries it as a string (the text in both languages); `toFieldErrors`
 * reads it back as the field error's `{ message, text: { es, en } }`, as it does for class-validator's own
 * constraints. A text already in both languages (a text rule's problem) is carried as it is.
 */
export function localMessage(key: string | LocalizedText, params: Record<string, MessageParam> = {}): string {
  const text = typeof key === 'string' ? localText(key, params) : key;
  // `$` escaped: class-validator replaces `$value`, `$property`… in a message
  return LOCAL_MESSAGE + JSON.stringify({ es: text.es, en: text.en }).replace(/\$/g, '\\u0024');
}

/** The text in both languages a `localMessage` carries, or null for any other message. */
export function fromLocalMessage(message: string): LocalizedText | null {
  if (!message.startsWith(LOCAL_MESSAGE)) return null;
  try {
    const text: unknown = JSON.parse(message.slice(LOCAL_MESSAGE.length));
    return isLocalizedText(text) ? Object.freeze({ es: text.es, en: text.en }) : null;
  } catch {
    return null;
  }
}

/**
 * class-validator constraint -> a message in the reader's language naming the field. These win over a message a
 * DTO declares for the same constraint (what pages have always shown); the project's own validators say theirs
 * through `localMessage`.
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
      // Known constraints get the dictionary's message; our own validators carry theirs in both languages.
      if (!key) {
        const own = fromLocalMessage(original);
        out.push(own ? { field, message: own[locale], text: own } : { field, message: original });
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
