import { translate, type Locale } from '../common/i18n/i18n';
import type { CommitmentsService } from './commitments.service';
import { attachErrors, type MinutesForm } from './minutes.form';
import type { MinutesService } from './minutes.service';

/** The commitment statuses the pages filter by and offer. */
export const COMMITMENT_STATUSES = ['open', 'in_progress', 'done', 'cancelled'];

type MinutesRead = Awaited<ReturnType<MinutesService['read']>>;

/** A refused acta form (or a refused approval or sending, with no field errors) and the form as it was posted. */
export interface MinutesRefusal {
  status: number;
  errors: Record<string, string>;
  formError: string;
  form?: MinutesForm;
}

/**
 * The acta page (`meetings/minutes`): the acta as it stands and, for those who edit a draft, the editor (the form
 * as posted when refused, each message under its row) with its options.
 */
export function minutesView(
  loc: Locale,
  data: {
    minutes: MinutesRead;
    when: string;
    form: MinutesForm | null;
    members: { id: string; fullName: string }[];
    institutions: { id: string; name: string }[];
    amendable: { id: string; label: string }[];
  },
  refused?: MinutesRefusal,
) {
  const { minutes, form } = data;
  const { meeting, association } = minutes;
  return {
    title: translate(loc, minutes.status === 'approved' ? 'minutes.titleApproved' : 'minutes.titleDraft', {
      number: String(minutes.number),
      name: association.name,
    }),
    association: { id: association.id, name: association.name },
    meeting: { id: meeting.id, when: data.when, place: meeting.place, timeZone: meeting.timeZone },
    minutes,
    mayEditMeeting: minutes.mayEditMeeting,
    form: form ? attachErrors(form, refused?.errors ?? {}) : null,
    members: data.members,
    institutions: data.institutions,
    amendable: data.amendable,
    majorities: ['simple', 'absolute', 'two_thirds'].map((value) => ({
      value,
      label: translate(loc, `minutes.majorities.${value}`),
    })),
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
    timeZone: meeting.timeZone,
  };
}

/** The association's approved actas (`meetings/actas`). */
export function actasView(loc: Locale, data: Awaited<ReturnType<MinutesService['list']>>) {
  return {
    title: translate(loc, 'minutes.listTitle', { name: data.association.name }),
    association: { id: data.association.id, name: data.association.name },
    items: data.items,
  };
}

/** A refused progress update: the commitment it was for, its message and the form as posted. */
export interface ProgressRefusal {
  status: number;
  commitmentId: string;
  error: string;
  values: Record<string, string>;
}

/** The progress form as it was posted (status, progress, note), to show it again: never a service's input. */
export function postedProgress(posted: unknown): Record<string, string> {
  const body = (posted && typeof posted === 'object' ? posted : {}) as Record<string, unknown>;
  return Object.fromEntries(
    ['status', 'progress', 'note'].map((k) => [k, typeof body[k] === 'string' ? body[k] : '']),
  ) as Record<string, string>;
}

/** The commitments page (`meetings/commitments`): filtered, each with its progress form (refilled when refused). */
export function commitmentsView(
  loc: Locale,
  data: Awaited<ReturnType<CommitmentsService['list']>> & {
    canUpdate: boolean;
    filter: { status: string; overdue: boolean };
  },
  refused?: ProgressRefusal,
) {
  const { items, total, association, filter } = data;
  // the statuses' names once per page, not once per commitment (issue 21: a page of 50 translated 250 of them)
  const labels = COMMITMENT_STATUSES.map((value) => ({
    value,
    label: translate(loc, `minutes.commitmentStatuses.${value}`),
  }));
  return {
    title: translate(loc, 'minutes.commitmentsTitle', { name: association.name }),
    association: { id: association.id, name: association.name },
    items: items.map((c) => {
      const mine = refused?.commitmentId === c.id;
      const values = mine ? refused.values : { status: '', progress: '', note: '' };
      return {
        ...c,
        error: mine ? refused.error : null,
        values,
        statusOptions: labels.map((l) => ({ ...l, selected: l.value === values.status })),
      };
    }),
    total,
    canUpdate: data.canUpdate,
    filter,
    statuses: labels.map((l) => ({ ...l, selected: l.value === filter.status })),
    formError: refused?.error ?? null,
  };
}
