import type { Locale } from './i18n';
import { fillCounts } from './plural';

/** A text in every language the portal speaks: the type makes a missing English (or Spanish) text a compile error. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/** What a refusal may carry: a plain Spanish string (legacy, shown as is in both languages) or a localized text. */
export type MessageText = string | LocalizedText;

type Params = Record<string, string | number>;

/** The `{name}` placeholders of a text, so `define` can type each message's parameters. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? (P extends `${infer Name}|${string}` ? Name : P) | Placeholders<Rest>
  : never;

type MessageFn<S extends string> = [Placeholders<S>] extends [never]
  ? () => LocalizedText
  : (params: Record<Placeholders<S>, string | number>) => LocalizedText;

function fill(text: string, params: Params, bcp47: string): string {
  return fillCounts(text, params, bcp47).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    // Numbers in each language's own way (1.234 in Spanish, 1,234 in English) are the caller's job when they
    // matter; counts and years are printed plainly so a RUT or a year is never grouped.
    return String(value);
  });
}

/**
 * A module's dictionary of refusal texts (issue 16 item 6): each message is written once in Spanish and English
 * beside each other, with its numbers and names as `{parameters}`, and used as `texts.votesExceedPresent({ votes,
 * present })`. The module owns its texts (the platform floor imports no feature); the exception filter shows the
 * reader's language.
 */
export function defineMessages<const T extends Record<string, { es: string; en: string }>>(
  table: T,
): { [K in keyof T]: MessageFn<T[K]['es']> } {
  const out = {} as Record<string, (params?: Params) => LocalizedText>;
  for (const [key, texts] of Object.entries(table)) {
    out[key] = (params: Params = {}) =>
      Object.freeze({ es: fill(texts.es, params, 'es-CL'), en: fill(texts.en, params, 'en-GB') });
  }
  return out as { [K in keyof T]: MessageFn<T[K]['es']> };
}

export function isLocalizedText(value: unknown): value is LocalizedText {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as LocalizedText).es === 'string' &&
    typeof (value as LocalizedText).en === 'string'
  );
}

/** The text in `locale` (a plain string is the same in every language). */
export function textIn(text: MessageText, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale];
}

/** The Spanish text: what logs, audit entries and older callers read. */
export function spanish(text: MessageText): string {
  return typeof text === 'string' ? text : text.es;
}

/** A text whose parameters differ by language (a number grouped the local way, a word in each language). */
export function eachLanguage(make: (locale: Locale) => LocalizedText): LocalizedText {
  return Object.freeze({ es: make('es').es, en: make('en').en });
}

const NUMBER_LOCALES: Record<Locale, string> = { es: 'es-CL', en: 'en-GB' };

/** A count as each language groups it (10.000 in Spanish, 10,000 in English). */
export function localNumber(n: number, locale: Locale): string {
  return n.toLocaleString(NUMBER_LOCALES[locale]);
}
