import { MINUTES_ROW_LIMITS, type MinutesFormDto } from './dto/meeting-forms.dto';
import type { CommitmentInput } from './dto/meetings.dto';

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
  commitments?: CommitmentInput[];
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
/** How many rows of each kind a form may post (checked by MinutesFormDto). */
export { MINUTES_ROW_LIMITS };

/** A posted field as the form shows it again (never used to build the engine's input). */
const postedText = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A posted list's rows in position order, for showing the form again (what is not a row is left out). */
function postedRows(value: unknown): Record<string, unknown>[] {
  if (!value || typeof value !== 'object') return [];
  const raw = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return raw
    .filter(([k, v]) => /^\d{1,4}$/.test(k) && !!v && typeof v === 'object' && !Array.isArray(v))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, v]) => v as Record<string, unknown>);
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
 * The editor's form as it was posted (items[0][notes], agreements[1][votesFor]…), to show it again with its
 * messages when it is refused: the raw body is read only here, never to build the engine's input.
 */
export function postedMinutesForm(posted: unknown): MinutesForm {
  const body = (posted && typeof posted === 'object' ? posted : {}) as Record<string, unknown>;
  return {
    version: postedText(body.version),
    items: postedRows(body.items).map((r, index) => ({
      agendaItemId: postedText(r.agendaItemId),
      title: postedText(r.title),
      notes: postedText(r.notes),
      index,
      errors: {},
    })),
    agreements: postedRows(body.agreements).map((r, index) => ({
      text: postedText(r.text),
      votesFor: postedText(r.votesFor),
      votesAgainst: postedText(r.votesAgainst),
      abstentions: postedText(r.abstentions),
      majority: postedText(r.majority),
      index,
      errors: {},
    })),
    commitments: postedRows(body.commitments).map((r, index) => ({
      id: postedText(r.id),
      description: postedText(r.description),
      owner: postedText(r.owner),
      ownerText: postedText(r.ownerText),
      dueOn: postedText(r.dueOn),
      index,
      errors: {},
    })),
    amendments: postedRows(body.amendments).map((r, index) => ({
      minutesId: postedText(r.minutesId),
      text: postedText(r.text),
      index,
      errors: {},
    })),
  };
}

/**
 * A field the form's DTO refused (`agreements.1.votesFor`, a row `items.0`) as the form's field
 * (`agreements[1][votesFor]`, `items[0]`): the DTO checks the rows as posted, so the positions are the form's.
 */
export function formFieldOf(field: string): string {
  const m = /^(items|agreements|commitments|amendments)\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (!m) return field;
  return m[3] ? `${m[1]}[${m[2]}][${m[3]}]` : `${m[1]}[${m[2]}]`;
}

/**
 * The validated editor's form (items[0][notes], agreements[1][votesFor], commitments[0][owner] = "member:<id>" or
 * "institution:<id>", or "institution" or "person" with commitments[0][ownerText]...) as the engine's input,
 * dropping rows left blank; and how a field the engine refuses (`agreements[0].votesFor`, by its position among the
 * rows kept) maps to the form's (`agreements[1][votesFor]`).
 */
export function minutesInputFromForm(dto: MinutesFormDto): {
  input: MinutesInput;
  fieldOf: (field: string) => string;
} {
  const maps: Record<string, number[]> = { items: [], agreements: [], commitments: [], amendments: [] };
  const input: MinutesInput = {
    version: Number(dto.version),
    items: [],
    agreements: [],
    commitments: [],
    amendments: [],
  };

  dto.items.forEach((row, i) => {
    if (!row.title.trim() && !row.notes.trim()) return;
    maps.items.push(i);
    input.items!.push({ agendaItemId: row.agendaItemId || null, title: row.title, notes: row.notes });
  });
  dto.agreements.forEach((row, i) => {
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
  dto.commitments.forEach((row, i) => {
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
  dto.amendments.forEach((row, i) => {
    if (!row.minutesId && !row.text.trim()) return;
    maps.amendments.push(i);
    input.amendments!.push({ minutesId: row.minutesId, text: row.text });
  });

  const fieldOf = (field: string): string => {
    const m = /^(items|agreements|commitments|amendments)\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (!m) return formFieldOf(field);
    const formIndex = maps[m[1]][Number(m[2])] ?? Number(m[2]);
    const name = m[3]?.startsWith('owner')
      ? m[3] === 'ownerMemberId' || m[3] === 'ownerInstitutionId'
        ? 'owner'
        : 'ownerText'
      : (m[3] ?? 'row');
    return `${m[1]}[${formIndex}][${name}]`;
  };
  return { input, fieldOf };
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
