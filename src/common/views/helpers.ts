import { randomUUID } from 'node:crypto';
import Handlebars from 'handlebars';
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
  /** A calendar address as phones subscribe to it (`webcal://`), from its https one. */
  webcal(value: unknown) {
    return typeof value === 'string' ? value.replace(/^https?:\/\//, 'webcal://') : '';
  },
  formatRut(value: unknown) {
    return value ? formatRut(String(value)) : '';
  },
  maskRut(value: unknown) {
    return value ? maskRut(String(value)) : '';
  },
  /**
   * {{formOnce}}: the one-time id of a form that creates something (a hidden `_form` field): the same form sent twice
   * is saved once (issue 22 item 2, src/idempotency/form-once.middleware.ts).
   */
  formOnce() {
    return new Handlebars.SafeString(`<input type="hidden" name="_form" value="${randomUUID()}">`);
  },
  /** {{csrfToken}}: the form's synchronizer token (created only for pages that have a form). */
  csrfToken(options: HelperOptions) {
    const root = (options?.data as { root?: { csrf?: unknown } } | undefined)?.root;
    if (!root || typeof root.csrf !== 'function')
      throw new Error('csrfToken: esta página no tiene sesión para un formulario');
    return String((root.csrf as () => string)());
  },
  /** {{t (roleKey role)}}: the dictionary key of a role's name. */
  roleKey(role: unknown) {
    return `roles.${String(role)}`;
  },
  /**
   * {{field "fullName" label=(t "x") type="text" required=true help="..." options=list rows=3}}: a labelled
   * form control whose value and error come from the page's `values` and `errors` (kept after a refused
   * submission). `options` ([{ value, label }]) makes a select; `type="textarea"` a text area;
   * `type="checkbox"` a check box. Everything is escaped.
   */
  field(name: unknown, options: HelperOptions) {
    const esc = Handlebars.escapeExpression;
    const root = ((options?.data as { root?: Record<string, unknown> } | undefined)?.root ?? {}) as {
      values?: Record<string, unknown>;
      errors?: Record<string, unknown>;
    };
    const h = (options.hash ?? {}) as Record<string, unknown>;
    const id = String(name);
    const raw = root.values?.[id];
    const value = raw === undefined || raw === null ? '' : String(raw);
    const error = root.errors?.[id] ? String(root.errors[id]) : '';
    const type = typeof h.type === 'string' ? h.type : 'text';
    const describedBy = [error ? `${id}-error` : '', h.help ? `${id}-help` : ''].filter(Boolean).join(' ');
    const aria = `${error ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${esc(describedBy)}"` : ''}${h.required ? ' required' : ''}`;
    const help = h.help ? `<div id="${esc(id)}-help" class="form-text">${esc(String(h.help))}</div>` : '';
    const feedback = error ? `<div id="${esc(id)}-error" class="invalid-feedback d-block">${esc(error)}</div>` : '';
    const label =
      esc(String(h.label ?? id)) + (h.required ? ' <span class="text-danger" aria-hidden="true">*</span>' : '');
    const invalid = error ? ' is-invalid' : '';
    if (type === 'checkbox') {
      const checked = value === 'on' || value === 'true' ? ' checked' : '';
      return new Handlebars.SafeString(
        `<div class="form-check mb-3"><input class="form-check-input${invalid}" type="checkbox" id="${esc(id)}" name="${esc(id)}" value="on"${checked}${aria}><label class="form-check-label" for="${esc(id)}">${label}</label>${help}${feedback}</div>`,
      );
    }
    let control: string;
    if (Array.isArray(h.options)) {
      const opts = (h.options as { value: string; label: string }[])
        .map((o) => `<option value="${esc(o.value)}"${o.value === value ? ' selected' : ''}>${esc(o.label)}</option>`)
        .join('');
      control = `<select class="form-select${invalid}" id="${esc(id)}" name="${esc(id)}"${aria}>${opts}</select>`;
    } else if (type === 'textarea') {
      control = `<textarea class="form-control${invalid}" id="${esc(id)}" name="${esc(id)}" rows="${Number(h.rows ?? 3)}"${h.maxlength ? ` maxlength="${Number(h.maxlength)}"` : ''}${aria}>${esc(value)}</textarea>`;
    } else {
      const extra = `${h.maxlength ? ` maxlength="${Number(h.maxlength)}"` : ''}${h.autocomplete ? ` autocomplete="${esc(String(h.autocomplete))}"` : ''}${h.inputmode ? ` inputmode="${esc(String(h.inputmode))}"` : ''}${h.list ? ` list="${esc(String(h.list))}"` : ''}${h.placeholder ? ` placeholder="${esc(String(h.placeholder))}"` : ''}`;
      control = `<input class="form-control${invalid}" type="${esc(type)}" id="${esc(id)}" name="${esc(id)}" value="${esc(value)}"${extra}${aria}>`;
    }
    return new Handlebars.SafeString(
      `<div class="mb-3"><label class="form-label" for="${esc(id)}">${label}</label>${control}${help}${feedback}</div>`,
    );
  },
  /** {{t (concat "kinds." kind)}} */
  concat(...args: unknown[]) {
    return split(args)
      .params.map((p) => String(p ?? ''))
      .join('');
  },
  /** {{inc @index}}: a 0-based position counted from 1. */
  inc(n: unknown) {
    return Number(n) + 1;
  },
  gt(a: unknown, b: unknown) {
    return Number(a) > Number(b);
  },
  or(...args: unknown[]) {
    return split(args).params.some(Boolean);
  },
  eq(a: unknown, b: unknown) {
    return a === b;
  },
  not(a: unknown) {
    return !a;
  },
};
