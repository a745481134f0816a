import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../../config/paths';
import { hasTranslation, translate, type Locale } from '../i18n/i18n';

/**
 * Field names in what people read (issue 20 item 6): refusals name a field by its API name ("El campo businessName
 * es obligatorio.", as API.md has it, and the API keeps it); a page shows the same message with the field's label as
 * its form shows it ("El campo «Nombre del negocio» es obligatorio."). The labels come from the templates
 * themselves, so a form and its messages never disagree: `{{field "businessName" label=(t "programs.businessName")}}`
 * and `<label for="x">{{t "key"}}</label>` next to the control `id="x" name="..."`. Fields a template does not label
 * that way (an acta's rows) are named by the dictionary's `fieldLabels`, and their row by `fieldRows` ("Acuerdo 2").
 */

/** A field's path as the API and the form both write it, with its positions as `*`: `agreements.*.votesFor`. */
export function fieldPattern(path: string): string {
  return path
    .replace(/\[([^\]]*)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) || part.includes('{{') ? '*' : part))
    .join('.');
}

const FIELD_HELPER = /\{\{field\s+"([^"]+)"[^}]*?label=\(t\s+"([^"]+)"\)/g;
const FIELD_PARTIAL = /\{\{>\s*forms\/field\s+name="([^"]+)"[^}]*?label=\(t\s+"([^"]+)"\)/g;
const LABEL_FOR = /<label\b[^>]*\bfor="([^"]+)"[^>]*>\s*\{\{t\s+"([^"]+)"\s*\}\}/g;

/** The label keys a template's source gives its fields: field pattern -> dictionary key. */
export function labelsOfTemplate(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of [...source.matchAll(FIELD_HELPER), ...source.matchAll(FIELD_PARTIAL)])
    found.set(fieldPattern(m[1]), m[2]);
  for (const m of source.matchAll(LABEL_FOR)) {
    const [, id, key] = m;
    // the control labelled: the tag whose id is `id`; its `name` is the field (`id` itself when it has none)
    const tag = new RegExp(
      `<(?:input|select|textarea)\\b[^>]*\\bid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`,
    ).exec(source)?.[0];
    const name = tag ? (/\bname="([^"]+)"/.exec(tag)?.[1] ?? id) : id;
    if (!found.has(fieldPattern(name))) found.set(fieldPattern(name), key);
  }
  return found;
}

export interface FieldLabels {
  /** The page's own labels (the form that was refused), when known. */
  page?: Map<string, string>;
  /** Every template's labels; a field two forms label differently is not here (the dictionary names it). */
  all?: Map<string, string>;
}

const cache = new Map<string, Map<string, string>>();

/** The labels of one template file (`views/<name>.hbs`), read once. */
export function labelsOfView(name: string, viewsDir = fromRoot('views')): Map<string, string> {
  const file = path.join(viewsDir, `${name}.hbs`);
  let found = cache.get(file);
  if (!found) {
    found = fs.existsSync(file) ? labelsOfTemplate(fs.readFileSync(file, 'utf8')) : new Map<string, string>();
    cache.set(file, found);
  }
  return found;
}

const spanishOf = (key: string) => (hasTranslation('es', key) ? translate('es', key) : key);

/** Every template's labels under `viewsDir` (partials included), without the fields labelled two ways. */
export function labelsOfAllViews(viewsDir = fromRoot('views')): Map<string, string> {
  const key = `*${viewsDir}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const all = new Map<string, string>();
  const ambiguous = new Set<string>();
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.hbs'))
        for (const [field, labelKey] of labelsOfTemplate(fs.readFileSync(full, 'utf8'))) {
          const seen = all.get(field);
          if (seen !== undefined && seen !== labelKey && spanishOf(seen) !== spanishOf(labelKey)) ambiguous.add(field);
          else all.set(field, labelKey);
        }
    }
  };
  walk(viewsDir);
  for (const field of ambiguous) all.delete(field);
  cache.set(key, all);
  return all;
}

/** What a message says before a field's name, in each language ("El campo rut", "del campo rut", "The field rut"). */
const FIELD_MENTION: Record<Locale, RegExp> = {
  es: /\b([Ee]l|del) campo ([A-Za-z_]\w*(?:\.\w+|\[\w+\])*)( \([^)]*\))?/g,
  en: /\b([Tt]he) field ([A-Za-z_]\w*(?:\.\w+|\[\w+\])*)( \([^)]*\))?/g,
};
const QUOTES: Record<Locale, [string, string]> = { es: ['«', '»'], en: ['“', '”'] };

/**
 * The label of a field for a reader: the page's own label, else any form's, else the dictionary's; a row's position
 * before it ("Acuerdo 2 · Votos a favor"). Null when nobody labels it.
 */
export function fieldLabel(path: string, locale: Locale, labels: FieldLabels): string | null {
  const pattern = fieldPattern(path);
  const parts = pattern.split('.');
  const leaf = parts[parts.length - 1];
  const key = labels.page?.get(pattern) ?? labels.all?.get(pattern);
  let label = key && hasTranslation(locale, key) ? translate(locale, key) : null;
  if (!label && hasTranslation(locale, `fieldLabels.${leaf}`)) label = translate(locale, `fieldLabels.${leaf}`);
  if (!label) return null;
  // rows: `agreements.1.votesFor` is the second agreement's
  const positions = path.replace(/\[(\w*)\]/g, '.$1').split('.');
  const rows: string[] = [];
  for (let i = 1; i < positions.length; i++) {
    const collection = positions[i - 1];
    if (/^\d+$/.test(positions[i]) && hasTranslation(locale, `fieldRows.${collection}`))
      rows.push(translate(locale, `fieldRows.${collection}`, { n: Number(positions[i]) + 1 }));
  }
  return [...rows, label].join(' · ');
}

/**
 * A refusal's message as a page shows it: each "El campo <apiName>" becomes "El campo «Label»"; a field nobody
 * labels becomes "este campo" (the message sits under it), never its API name.
 */
export function withFieldLabels(message: string, locale: Locale, labels: FieldLabels): string {
  const [open, close] = QUOTES[locale];
  return message.replace(FIELD_MENTION[locale], (_whole, article: string, path: string, aside?: string) => {
    const label = fieldLabel(path, locale, labels);
    // the label says what the API name's aside said ("El campo fullName (nombre completo)"): the aside goes
    if (label) return `${article} ${locale === 'es' ? 'campo' : 'field'} ${open}${label}${close}`;
    if (locale === 'en') return (article === 'The' ? 'This field' : 'this field') + (aside ?? '');
    return (article === 'El' ? 'Este campo' : article === 'el' ? 'este campo' : 'de este campo') + (aside ?? '');
  });
}
