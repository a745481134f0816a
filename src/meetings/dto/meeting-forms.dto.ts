import { PickType } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { localMessage } from '../../common/errors/validation-messages';
import { IsPrintableText } from '../../common/text-validators';
import { parseCalendarDate } from '../../common/format/dates';
import type { AttendanceMark } from '../meetings.service';
import { CommitmentUpdateDto, SeriesDto } from './meetings.dto';

/**
 * The association's meeting and acta page forms, validated with `validateBody` (issue 16 item 7): the fields as a
 * browser posts them (every field as text, rows as `agreements[0][votesFor]`), with the same Spanish messages as
 * the API's DTOs. Where a form is the API's body the page uses the API's DTO (MoveDto, CancelDto, AgendaItemDto,
 * CallDto). A field the form leaves empty reaches the service as the empty text it always did, so the services'
 * and the acta engine's own messages ("El campo note es obligatorio…", "Acuerdo 1: hay 4 votos…") are unchanged;
 * what the door checks is the form's shape and each field's type.
 */

type Row = Record<string, unknown>;

// Decorators apply from the one nearest the property up: @IsString() is written last, so that a value that is not a
// text is told so first (one message per field, API.md) rather than its size.

/**
 * A rule of a form field. `name` is the class-validator constraint: one the house's dictionary knows (`isInt`,
 * `isDateString`) gets its message naming the whole path (`El campo agreements.1.votesFor debe ser un número
 * entero.`); any other says `message` (a `localMessage`, in the reader's language), for fields at the top of a form.
 */
function FormRule(name: string, test: (value: unknown) => boolean, message: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: (value: unknown) => test(value), defaultMessage: () => message },
    });
}

const blank = (v: unknown): boolean => typeof v === 'string' && v.trim() === '';

/** A whole number as typed in a form (its bounds are the engine's: "0 o más", "no más que los presentes"), or blank. */
const WholeNumberText = (): PropertyDecorator =>
  FormRule('isInt', (v) => blank(v) || (typeof v === 'string' && /^\s*[+-]?\d{1,9}\s*$/.test(v)), 'integer');

/** A calendar date as the date input sends it (2026-04-30; 30-04-2026 also), or blank (the engine requires it). */
const CalendarDateText = (): PropertyDecorator =>
  FormRule('isDateString', (v) => blank(v) || (typeof v === 'string' && parseCalendarDate(v) !== null), 'date');

/**
 * Rows of a form (`commitments[0][description]=…`): qs gives an array, or an object keyed by position past its
 * array limit, in position order. A body that is not the form's (a plain value, a key that is not a position, a
 * row that is not a set of fields) is refused, never taken as "no rows" (an emptied acta).
 */
function rowsOf<T>(type: new () => T, value: unknown): unknown {
  if (value === undefined) return [];
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else if (value && typeof value === 'object' && Object.keys(value).every((k) => /^\d{1,4}$/.test(k)))
    list = Object.entries(value)
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .map(([, v]) => v);
  else return typeof value === 'object' ? null : value; // refused by @FormRows (null: not validated as a row)
  return list.map((r) => (r && typeof r === 'object' && !Array.isArray(r) ? plainToInstance(type, r as Row) : null));
}

/** A list of rows of `type`, at most `limit`, each validated as `type`. */
function FormRows<T>(type: new () => T, limit: number): PropertyDecorator {
  const notTheForm = (args: ValidationArguments) => localMessage('validation.formShape', { field: args.property });
  return (target: object, propertyName: string | symbol) => {
    Transform(({ obj, key }) => rowsOf(type, (obj as Row)[key]))(target, propertyName);
    registerDecorator({
      name: 'isFormRows',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.length <= limit,
        defaultMessage: (args: ValidationArguments) =>
          Array.isArray(args.value)
            ? localMessage('validation.tooManyRows', { field: args.property, max: limit })
            : notTheForm(args),
      },
    });
    ValidateNested({ each: true, message: notTheForm })(target, propertyName);
  };
}

/** The cadences the series form offers; "1st and 3rd Tuesday" is an rrule underneath. */
export const CADENCES: Record<string, { every?: '1 week' | '2 weeks' | '1 month'; rrule?: string }> = {
  biweekly: { every: '2 weeks' },
  weekly: { every: '1 week' },
  monthly: { every: '1 month' },
  firstThirdTuesday: { rrule: 'FREQ=MONTHLY;BYDAY=1TU,3TU' },
  firstThirdThursday: { rrule: 'FREQ=MONTHLY;BYDAY=1TH,3TH' },
};

/**
 * POST /organizaciones/:id/reuniones/serie: the API's series fields, with a cadence chosen from the list and the
 * number of meetings as typed (or a last date instead).
 */
export class SeriesFormDto extends PickType(SeriesDto, [
  'localStart',
  'timeZone',
  'until',
  'place',
  'onlineUrl',
] as const) {
  @IsOptional() @MaxLength(40) @IsString() cadence?: string;
  @IsOptional() @MaxLength(20) @IsString() count?: string;
}

/**
 * The API's series body from the page's form (then validated as SeriesDto, with its messages): the cadence as
 * `every` or `rrule` (one the list does not offer is given as `every`, refused there), and `until` or `count`.
 */
export function seriesBodyFromForm(dto: SeriesFormDto): Record<string, unknown> {
  const { cadence, count, until, ...rest } = dto;
  return {
    ...rest,
    ...(CADENCES[cadence ?? ''] ?? { every: cadence }),
    ...(until ? { until } : { count }),
  };
}

/** DOM-MTG-2: the kinds of a single meeting the calendar page records (a constitutive one has its own path). */
export const SINGLE_MEETING_KINDS = ['ordinary', 'extraordinary', 'board'] as const;

/**
 * POST /organizaciones/:id/reuniones/nueva: one meeting, its fields named apart from the series form's on the same
 * page (so a refusal refills and marks only this form); the API's MeetingDto checks them after `singleMeetingBody`.
 */
export class SingleMeetingFormDto {
  @IsOptional() @MaxLength(20) @IsString() singleStart?: string;
  @IsOptional() @MaxLength(20) @IsString() singleKind?: string;
  @IsOptional() @MaxLength(300) @IsString() singlePlace?: string;
  @IsOptional() @MaxLength(500) @IsString() singleOnlineUrl?: string;
}

/** The form's field for each of the API's, to show a refusal on the form's own fields. */
export const SINGLE_MEETING_FIELDS: Record<string, keyof SingleMeetingFormDto> = {
  localStart: 'singleStart',
  kind: 'singleKind',
  place: 'singlePlace',
  onlineUrl: 'singleOnlineUrl',
};

export function singleMeetingBody(dto: SingleMeetingFormDto): Record<string, unknown> {
  return {
    localStart: dto.singleStart ?? '',
    kind: dto.singleKind || undefined,
    place: dto.singlePlace ?? '',
    onlineUrl: dto.singleOnlineUrl || undefined,
  };
}

/** The marks of the attendance page: "online" is present, online. */
export const ATTENDANCE_MARKS = ['present', 'online', 'excused', 'absent'] as const;

/** POST /reuniones/:id/asistencia: one member's mark (a tap), or the mark with the arrival and departure (hh:mm). */
export class AttendanceMarkFormDto {
  @MaxLength(60) @IsString() memberId = '';
  @FormRule(
    'isAttendanceMark',
    (v) => (ATTENDANCE_MARKS as readonly unknown[]).includes(v),
    localMessage('validation.meetings.attendanceMark', { field: 'mark' }),
  )
  mark: (typeof ATTENDANCE_MARKS)[number];
  /** Only the times form sends them; an empty one clears that time. */
  @IsOptional() @MaxLength(10) @IsString() arrivedAt?: string;
  @IsOptional() @MaxLength(10) @IsString() leftAt?: string;
}

/** The service's input for one mark. */
export function attendanceFromForm(dto: AttendanceMarkFormDto): AttendanceMark {
  return {
    memberId: dto.memberId,
    status: dto.mark === 'online' ? 'present' : dto.mark,
    mode: dto.mark === 'online' ? 'online' : 'in_person',
    arrivedAt: dto.arrivedAt,
    leftAt: dto.leftAt,
  };
}

/**
 * POST /compromisos/:id/avance: the API's status, and the percentage and note as typed (an empty percentage is
 * none; the service says what a percentage and a note must be, as it does for the API).
 */
export class CommitmentProgressFormDto extends PickType(CommitmentUpdateDto, ['status'] as const) {
  @IsOptional() @MaxLength(10) @IsString() progress?: string;
  @IsOptional() @MaxLength(20_000) @IsPrintableText('progressNote') @IsString() note?: string;
}

/** POST /reuniones/:id/acta/aprobar: the version the page showed (approving it means approving what was read). */
export class ApproveFormDto {
  @FormRule(
    'isReadVersion',
    (v) => typeof v === 'string' && /^\d{1,9}$/.test(v),
    localMessage('validation.meetings.approvedVersion'),
  )
  version = '';
}

/** The version the approval checks (the form's digits as a number). */
export const approvedVersionFromForm = (dto: ApproveFormDto): number => Number(dto.version);

/** How many rows of each kind the acta form may post. */
export const MINUTES_ROW_LIMITS = { items: 100, agreements: 100, commitments: 200, amendments: 20 } as const;

export class MinutesItemFormDto {
  @MaxLength(60) @IsString() agendaItemId = '';
  @MaxLength(20_000) @IsPrintableText('itemTitle') @IsString() title = '';
  @MaxLength(20_000) @IsPrintableText('itemNotes') @IsString() notes = '';
}

export class AgreementFormDto {
  @MaxLength(20_000) @IsPrintableText('agreementText') @IsString() text = '';
  @WholeNumberText() votesFor = '';
  @WholeNumberText() votesAgainst = '';
  @WholeNumberText() abstentions = '';
  /** simple, absolute or two_thirds (the engine's rule); empty: the organisation's default. */
  @MaxLength(20) @IsString() majority = '';
}

export class CommitmentFormDto {
  /** A commitment already saved keeps its id. */
  @MaxLength(60) @IsString() id = '';
  @MaxLength(20_000) @IsPrintableText('commitmentDescription') @IsString() description = '';
  /** `member:<id>`, `institution:<id>`, `institution` or `person` (then named in ownerText), or empty. */
  @MaxLength(80) @IsString() owner = '';
  @MaxLength(400) @IsPrintableText('owner') @IsString() ownerText = '';
  @CalendarDateText() dueOn = '';
}

export class AmendmentFormDto {
  @MaxLength(60) @IsString() minutesId = '';
  @MaxLength(20_000) @IsPrintableText('amendmentText') @IsString() text = '';
}

/**
 * POST /reuniones/:id/acta: the acta editor (notes per point, agreements with their votes, commitments with their
 * owner and due date, amendments) and the version it showed, without which two editors could overwrite each other.
 */
export class MinutesFormDto {
  @FormRule(
    'isEditedVersion',
    (v) => typeof v === 'string' && /^\d{1,9}$/.test(v),
    localMessage('validation.meetings.editedVersion'),
  )
  version = '';
  @FormRows(MinutesItemFormDto, MINUTES_ROW_LIMITS.items) items: MinutesItemFormDto[] = [];
  @FormRows(AgreementFormDto, MINUTES_ROW_LIMITS.agreements) agreements: AgreementFormDto[] = [];
  @FormRows(CommitmentFormDto, MINUTES_ROW_LIMITS.commitments) commitments: CommitmentFormDto[] = [];
  @FormRows(AmendmentFormDto, MINUTES_ROW_LIMITS.amendments) amendments: AmendmentFormDto[] = [];
}
