import type { FieldError } from '../common/errors/domain.exception';

/** PUT /api/v1/meetings/:id/minutes (API.md), plus `id` on commitments to keep one and `amendments`. */
export interface MinutesInput {
  version?: number;
  items?: { agendaItemId?: string | null; title?: string; notes?: string }[];
  agreements?: {
    text?: string;
    votesFor?: number | string;
    votesAgainst?: number | string;
    abstentions?: number | string;
    majority?: string;
  }[];
  commitments?: {
    id?: string;
    description?: string;
    ownerMemberId?: string;
    ownerParticipantId?: string;
    ownerInstitutionId?: string;
    ownerInstitutionName?: string;
    ownerName?: string;
    dueOn?: string;
  }[];
  amendments?: { minutesId?: string; text?: string }[];
}

/** The acta editor's rows as the form shows them (strings as typed; blank rows are offered for new entries). */
export interface MinutesForm {
  version: string;
  items: FormRow<{ agendaItemId: string; title: string; notes: string }>[];
  agreements: FormRow<{
    text: string;
    votesFor: string;
    votesAgainst: string;
    abstentions: string;
    majority: string;
  }>[];
  commitments: FormRow<{ id: string; description: string; owner: string; ownerText: string; dueOn: string }>[];
  amendments: FormRow<{ minutesId: string; text: string }>[];
}

type FormRow<T> = T & { index: number; errors: Record<string, string> };

/** Blank rows offered after the filled ones. */
export const BLANK_ROWS = { items: 1, agreements: 2, commitments: 2, amendments: 1 } as const;
/** How many rows of each kind a form may post. */
export const MINUTES_ROW_LIMITS = { items: 100, agreements: 100, commitments: 200, amendments: 20 } as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A posted list: qs gives an array up to 20 entries and an object with numeric keys beyond; both in index order.
 * Anything else (a plain value, a row that is not a set of fields, a key that is not a position) is reported.
 */
function rows(value: unknown, field: string, limit: number, errors: FieldError[]): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!value || typeof value !== 'object') {
    errors.push({ field, message: `El campo ${field} no tiene la forma del formulario: recargue la página.` });
    return [];
  }
  const raw = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (raw.length > limit) errors.push({ field, message: `El campo ${field} admite como máximo ${limit} filas.` });
  const out: [number, Record<string, unknown>][] = [];
  for (const [k, v] of raw.slice(0, limit)) {
    if (
      !/^\d{1,4}$/.test(k) ||
      !v ||
      typeof v !== 'object' ||
      Array.isArray(v) ||
      Object.values(v).some((x) => typeof x !== 'string')
    ) {
      errors.push({
        field: `${field}[${k.slice(0, 10)}]`,
        message: `La fila ${field}[${k.slice(0, 10)}] no tiene la forma del formulario: recargue la página.`,
      });
      continue;
    }
    out.push([Number(k), v as Record<string, unknown>]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

export function withBlankRows(form: MinutesForm): MinutesForm {
  const add = <T>(list: FormRow<T>[], n: number, blank: T): FormRow<T>[] =>
    [...list, ...Array.from({ length: n }, () => ({ ...blank, index: 0, errors: {} }))].map((r, i) => ({
      ...r,
      index: i,
    }));
  return {
    version: form.version,
    items: add(form.items, BLANK_ROWS.items, { agendaItemId: '', title: '', notes: '' }),
    agreements: add(form.agreements, BLANK_ROWS.agreements, {
      text: '',
      votesFor: '',
      votesAgainst: '',
      abstentions: '',
      majority: '',
    }),
    commitments: add(form.commitments, BLANK_ROWS.commitments, {
      id: '',
      description: '',
      owner: '',
      ownerText: '',
      dueOn: '',
    }),
    amendments: add(form.amendments, BLANK_ROWS.amendments, { minutesId: '', text: '' }),
  };
}

/**
 * The editor's posted body (items[0][notes], agreements[1][votesFor], commitments[0][owner] = "member:<id>" or
 * "institution" or "person" with commitments[0][ownerText]...) as the API's input, dropping rows left blank. Also
 * returns the form as posted (to show it again on a refusal) and how an API field name maps to the form's.
 */
export function minutesFormToInput(body: Record<string, unknown>): {
  input: MinutesInput;
  form: MinutesForm;
  fieldOf: (field: string) => string;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const maps: Record<string, number[]> = { items: [], agreements: [], commitments: [], amendments: [] };
  const form: MinutesForm = { version: str(body.version), items: [], agreements: [], commitments: [], amendments: [] };
  const input: MinutesInput = { items: [], agreements: [], commitments: [], amendments: [] };
  // the page always sends the version it showed: without it two editors could overwrite each other
  if (/^\d{1,9}$/.test(form.version)) input.version = Number(form.version);
  else errors.push({ field: 'version', message: 'Falta la versión del acta que se editó: recargue la página.' });

  rows(body.items, 'items', MINUTES_ROW_LIMITS.items, errors).forEach((r, i) => {
    const row = { agendaItemId: str(r.agendaItemId), title: str(r.title), notes: str(r.notes), index: i, errors: {} };
    form.items.push(row);
    if (!row.title.trim() && !row.notes.trim()) return;
    maps.items.push(i);
    input.items!.push({ agendaItemId: row.agendaItemId || null, title: row.title, notes: row.notes });
  });
  rows(body.agreements, 'agreements', MINUTES_ROW_LIMITS.agreements, errors).forEach((r, i) => {
    const row = {
      text: str(r.text),
      votesFor: str(r.votesFor),
      votesAgainst: str(r.votesAgainst),
      abstentions: str(r.abstentions),
      majority: str(r.majority),
      index: i,
      errors: {},
    };
    form.agreements.push(row);
    if (!row.text.trim() && !row.votesFor.trim() && !row.votesAgainst.trim() && !row.abstentions.trim()) return;
    maps.agreements.push(i);
    input.agreements!.push({
      text: row.text,
      votesFor: row.votesFor,
      votesAgainst: row.votesAgainst,
      abstentions: row.abstentions,
      majority: row.majority || undefined,
    });
  });
  rows(body.commitments, 'commitments', MINUTES_ROW_LIMITS.commitments, errors).forEach((r, i) => {
    const row = {
      id: str(r.id),
      description: str(r.description),
      owner: str(r.owner),
      ownerText: str(r.ownerText),
      dueOn: str(r.dueOn),
      index: i,
      errors: {},
    };
    form.commitments.push(row);
    if (!row.description.trim() && !row.ownerText.trim() && !row.dueOn.trim() && !row.owner.includes(':')) return;
    maps.commitments.push(i);
    const owner = row.owner.startsWith('member:')
      ? { ownerMemberId: row.owner.slice('member:'.length) }
      : row.owner.startsWith('institution:')
        ? { ownerInstitutionId: row.owner.slice('institution:'.length) }
        : row.owner === 'institution'
          ? { ownerInstitutionName: row.ownerText }
          : { ownerName: row.ownerText };
    input.commitments!.push({
      ...(row.id ? { id: row.id } : {}),
      description: row.description,
      ...owner,
      dueOn: row.dueOn,
    });
  });
  rows(body.amendments, 'amendments', MINUTES_ROW_LIMITS.amendments, errors).forEach((r, i) => {
    const row = { minutesId: str(r.minutesId), text: str(r.text), index: i, errors: {} };
    form.amendments.push(row);
    if (!row.minutesId && !row.text.trim()) return;
    maps.amendments.push(i);
    input.amendments!.push({ minutesId: row.minutesId, text: row.text });
  });

  const fieldOf = (field: string): string => {
    const m = /^(items|agreements|commitments|amendments)\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (!m) return field;
    const formIndex = maps[m[1]][Number(m[2])] ?? Number(m[2]);
    const name = m[3]?.startsWith('owner')
      ? m[3] === 'ownerMemberId' || m[3] === 'ownerInstitutionId'
        ? 'owner'
        : 'ownerText'
      : (m[3] ?? 'row');
    return `${m[1]}[${formIndex}][${name}]`;
  };
  return { input, form, fieldOf, errors };
}

/** Puts each error under its row (errors keyed items[2][notes] go to form.items[2].errors.notes). */
export function attachErrors(form: MinutesForm, errors: Record<string, string>): MinutesForm {
  for (const [key, message] of Object.entries(errors)) {
    const m = /^(items|agreements|commitments|amendments)\[(\d+)\]\[(\w+)\]$/.exec(key);
    if (!m) continue;
    const row = (form[m[1] as 'items'] as FormRow<object>[])[Number(m[2])];
    if (row) row.errors[m[3]] ??= message;
  }
  return form;
}
