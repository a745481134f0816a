import type { HelperDelegate, HelperOptions } from 'handlebars';
import { formatDate, formatDateTime, formatTime } from '../format/dates';
import { formatClp, formatNumber } from '../format/money';
import { formatRut, maskRut } from '../format/rut';
import { isLocale, Locale, translate, translatePlural } from '../i18n/i18n';

/** The locale of the thing being rendered: `locale` at the template's root context, Spanish otherwise. */
function localeOf(options: HelperOptions): Locale {
  const root = (options?.data as { root?: { locale?: unknown } } | undefined)?.root;
  return root && isLocale(root.locale) ? root.locale : 'es';
}
function zoneOf(options: HelperOptions, explicit: unknown): string {
  if (typeof explicit === 'string' && explicit) return explicit;
  const root = (options?.data as { root?: { timeZone?: unknown } } | undefined)?.root;
  return root && typeof root.timeZone === 'string' ? root.timeZone : 'America/Santiago';
}
/** Handlebars passes its options object last; helpers with optional arguments split it off here. */
function split(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

/**
 * Helpers shared by pages, mails and PDFs. All return plain strings, which Handlebars escapes; none returns
 * a SafeString built from user data.
 */
export const viewHelpers: Record<string, HelperDelegate> = {
  /** {{t "home.title"}} or {{t "validation.tooLong" field="nombre" max=200}} */
  t(key: unknown, options: HelperOptions) {
    return translate(localeOf(options), String(key), options.hash ?? {});
  },
  /** {{plural "plural.member" count}} -> "19 socios" */
  plural(key: unknown, count: unknown, options: HelperOptions) {
    return translatePlural(localeOf(options), String(key), Number(count));
  },
  /** {{formatDate value [timeZone]}} -> dd-mm-yyyy */
  formatDate(...args: unknown[]) {
    const { params, options } = split(args);
    return formatDate(params[0] as Date | string | null, zoneOf(options, params[1]));
  },
  formatDateTime(...args: unknown[]) {
    const { params, options } = split(args);
    return formatDateTime(params[0] as Date | string | null, zoneOf(options, params[1]));
  },
  formatTime(...args: unknown[]) {
    const { params, options } = split(args);
    return formatTime(params[0] as Date | string | null, zoneOf(options, params[1]));
  },
  formatClp(value: unknown) {
    return formatClp(value as number | string | null);
  },
  formatNumber(value: unknown) {
    return formatNumber(value === null || value === undefined ? null : Number(value));
  },
  formatRut(value: unknown) {
    return value ? formatRut(String(value)) : '';
  },
  maskRut(value: unknown) {
    return value ? maskRut(String(value)) : '';
  },
  /** {{csrfToken}}: the form's synchronizer token (created only for pages that have a form). */
  csrfToken(options: HelperOptions) {
    const root = (options?.data as { root?: { csrf?: unknown } } | undefined)?.root;
    if (!root || typeof root.csrf !== 'function') throw new Error('csrfToken: esta página no tiene sesión para un formulario');
    return String((root.csrf as () => string)());
  },
  /** {{t (roleKey role)}}: the dictionary key of a role's name. */
  roleKey(role: unknown) {
    return `roles.${String(role)}`;
  },
  eq(a: unknown, b: unknown) {
    return a === b;
  },
  not(a: unknown) {
    return !a;
  },
};
