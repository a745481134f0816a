import { en } from './en';
import { es } from './es';
import { fillCounts } from './plural';

export type Locale = 'es' | 'en';
export const LOCALES: readonly Locale[] = ['es', 'en'];
const DICTIONARIES: Record<Locale, unknown> = { es, en };
const BCP47: Record<Locale, string> = { es: 'es-CL', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return value === 'es' || value === 'en';
}

/** Each key's node, per locale, found once (issue 21: a page asks for the same keys on every render). */
const FOUND: Record<Locale, Map<string, unknown>> = { es: new Map(), en: new Map() };

function lookup(locale: Locale, key: string): unknown {
  const found = FOUND[locale];
  if (found.has(key)) return found.get(key);
  let node: unknown = DICTIONARIES[locale];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) {
      node = undefined;
      break;
    }
    node = (node as Record<string, unknown>)[part];
  }
  // only keys the dictionary has: some lookups take a key from a request (a flash cookie, a body's field name), and
  // those must not fill the map; this way it never outgrows the dictionaries
  if (node !== undefined) found.set(key, node);
  return node;
}

function interpolate(text: string, params: Record<string, unknown>, locale: Locale = 'es'): string {
  return fillCounts(text, params, BCP47[locale]).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export class MissingTranslationError extends Error {}

/** The text of `key` in `locale`; a missing key is an error (caught by tests), never a silent blank. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  const value = lookup(locale, key);
  if (typeof value !== 'string') throw new MissingTranslationError(`Falta la traducción "${key}" (${locale})`);
  return interpolate(value, params, locale);
}

export function hasTranslation(locale: Locale, key: string): boolean {
  return typeof lookup(locale, key) === 'string';
}

// built once: constructing an Intl object costs far more than using one (issue 21, a registry page's profile)
const PLURAL_RULES: Record<Locale, Intl.PluralRules> = {
  es: new Intl.PluralRules(BCP47.es),
  en: new Intl.PluralRules(BCP47.en),
};
const NUMBERS: Record<Locale, Intl.NumberFormat> = {
  es: new Intl.NumberFormat(BCP47.es),
  en: new Intl.NumberFormat(BCP47.en),
};

/** `{n} socio` / `{n} socios` chosen by the locale's plural rules; numbers printed the local way. */
export function translatePlural(locale: Locale, key: string, count: number): string {
  const forms = lookup(locale, key) as Record<string, string> | undefined;
  if (!forms || typeof forms !== 'object')
    throw new MissingTranslationError(`Falta la traducción "${key}" (${locale})`);
  const category = PLURAL_RULES[locale].select(count);
  const text = forms[category] ?? forms.other;
  return interpolate(text, { n: NUMBERS[locale].format(count) }, locale);
}

/** Every leaf key of a dictionary, for the parity test between languages. */
export function dictionaryKeys(locale: Locale): string[] {
  const keys: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'string') keys.push(prefix);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    }
  };
  walk(DICTIONARIES[locale], '');
  return keys.sort();
}
