import { translate, type Locale } from '../common/i18n/i18n';
import { ATTENDANCE_MARKS, CADENCES, SINGLE_MEETING_KINDS } from './dto/meeting-forms.dto';
import { EXTRAORDINARY_MATTERS, MATTER_LABELS } from './extraordinary-matters';
import type { ConvocationService } from './convocation.service';
import type { MeetingsService } from './meetings.service';
import type { MinutesService } from './minutes.service';

/** A form's body as it was posted: only to show the user's input again when the form is refused. */
export type PostedForm = Record<string, unknown>;
/** A refused form: each field's message, the summary and the status (formRefusal). */
export interface FormRefusal {
  status: number;
  errors: Record<string, string>;
  formError: string | null;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A posted field as the form shows it again (never used to build a service's input), or `fallback`. */
const postedText = (posted: PostedForm, key: string, fallback: string): string =>
  (posted[key] as string | undefined) ?? fallback;

type Calendar = Awaited<ReturnType<MeetingsService['calendar']>>;
type MeetingWithRights = Awaited<ReturnType<MeetingsService['getWithRights']>>['meeting'];
type MeetingDetail = Awaited<ReturnType<MeetingsService['get']>>;

/** The association's calendar (`meetings/calendar`) with the series form, refilled when refused. */
export function calendarView(
  loc: Locale,
  data: Calendar & { canEdit: boolean; hasFeed: boolean; feedUrl?: string },
  posted: PostedForm,
  refused?: FormRefusal,
) {
  const { association, upcoming, past } = data;
  return {
    title: translate(loc, 'meetings.calendarTitle', { name: association.name }),
    association: { id: association.id, name: association.name },
    upcoming,
    past: past.slice(0, 30),
    canEdit: data.canEdit,
    hasFeed: data.hasFeed,
    feedUrl: data.feedUrl ?? '',
    cadences: Object.keys(CADENCES).map((value) => ({ value, label: translate(loc, `meetings.cadences.${value}`) })),
    meetingKinds: SINGLE_MEETING_KINDS.map((value) => ({
      value,
      label: translate(loc, `meetings.meetingKinds.${value}`),
    })),
    values: {
      singleStart: postedText(posted, 'singleStart', ''),
      singleKind: postedText(posted, 'singleKind', 'ordinary'),
      singlePlace: postedText(posted, 'singlePlace', ''),
      singleOnlineUrl: postedText(posted, 'singleOnlineUrl', ''),
      localStart: postedText(posted, 'localStart', ''),
      cadence: postedText(posted, 'cadence', 'biweekly'),
      count: postedText(posted, 'count', '12'),
      until: postedText(posted, 'until', ''),
      place: postedText(posted, 'place', ''),
      onlineUrl: postedText(posted, 'onlineUrl', ''),
    },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** A meeting's page (`meetings/meeting`): the move, cancel and agenda forms, refilled when refused. */
export function meetingView(
  loc: Locale,
  data: {
    meeting: MeetingWithRights;
    minutes: Awaited<ReturnType<MinutesService['summaryFor']>>;
    canEdit: boolean;
  },
  posted: PostedForm,
  refused?: FormRefusal,
) {
  const { meeting, minutes, canEdit } = data;
  return {
    title: translate(loc, 'meetings.meetingTitle', { name: meeting.associationName }),
    meeting,
    timeZone: meeting.timeZone,
    canEdit: canEdit && (meeting.status === 'scheduled' || meeting.status === 'convened'),
    canMark: canEdit && meeting.status !== 'cancelled',
    // issue 20 item 3: held (a past date) or upcoming, a meeting without an acta may have been recorded by mistake
    canRemove: canEdit && (!minutes || minutes.version === 0),
    canEditAgenda: canEdit && meeting.status !== 'cancelled',
    // DOM-MTG-2: a point may name a matter only an extraordinary meeting decides
    matterOptions: [
      { value: '', label: translate(loc, 'meetings.itemMatterNone') },
      ...EXTRAORDINARY_MATTERS.map((value) => ({ value, label: capitalized(MATTER_LABELS[value][loc]) })),
    ],
    agenda: meeting.agenda.map((entry) => ({
      ...entry,
      matterLabel: entry.matter
        ? translate(loc, 'meetings.agendaMatter', { matter: MATTER_LABELS[entry.matter][loc] })
        : null,
    })),
    minutes,
    values: {
      localStart: postedText(posted, 'localStart', meeting.localStart),
      place: postedText(posted, 'place', meeting.place),
      onlineUrl: postedText(posted, 'onlineUrl', meeting.onlineUrl ?? ''),
      reason: postedText(posted, 'reason', ''),
      title: postedText(posted, 'title', ''),
      matter: postedText(posted, 'matter', ''),
      version: String(meeting.version),
    },
    errors: refused?.errors ?? {},
    formError: refused?.formError ?? null,
  };
}

/** The convocation's preview (`meetings/convocation`). */
export function convocationView(
  loc: Locale,
  data: { meeting: MeetingDetail; preview: Awaited<ReturnType<ConvocationService['convocation']>> },
) {
  const { meeting, preview } = data;
  return {
    title: translate(loc, 'meetings.convocationTitle', { name: meeting.associationName }),
    meeting,
    timeZone: meeting.timeZone,
    preview,
    canSend: meeting.status === 'scheduled' || meeting.status === 'convened',
  };
}

/** The attendance page (`meetings/attendance`): one row per member with its mark, the counts and the quorum. */
export function attendanceView(loc: Locale, meeting: MeetingDetail, formError: string | null = null) {
  return {
    title: translate(loc, 'meetings.attendanceTitle', { name: meeting.associationName }),
    meeting,
    timeZone: meeting.timeZone,
    members: meeting.attendance.map((a) => ({
      ...a,
      mark: a.status === 'present' ? (a.mode === 'online' ? 'online' : 'present') : a.status,
    })),
    counts: {
      present: meeting.attendance.filter((a) => a.status === 'present' && a.mode === 'in_person').length,
      online: meeting.attendance.filter((a) => a.status === 'present' && a.mode === 'online').length,
      excused: meeting.attendance.filter((a) => a.status === 'excused').length,
    },
    marks: ATTENDANCE_MARKS.map((value) => ({
      value,
      label: translate(loc, `meetings.marks.${value}`),
    })),
    errors: {},
    formError,
    values: {},
  };
}
