import { formatTime, localDate } from '../common/format/dates';
import { translate, type Locale } from '../common/i18n/i18n';
import type { Association } from './entities/association.entity';
import type { AssignmentRow } from './constitution.repository';
import type { CertificationCheck, ConstitutionView } from './constitution-steps';
import { SEAT_FIELDS } from './dto/constitution-forms.dto';

/**
 * The constitution pages' view models (issue 16 item 7): what ConstitutionController renders, built from the
 * services' answers and, on a refusal, from the body as it was posted (the raw body only refills the form).
 */

type Posted = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

/** An instant as the value of a datetime-local input in the commune's zone (2026-03-16T19:30). */
function localInput(instant: Date, timeZone: string): string {
  return `${localDate(instant, timeZone)}T${formatTime(instant, timeZone)}`;
}

/** /ministro-de-fe: the faith minister's assemblies, pending and certified. */
export function dashboardView(items: AssignmentRow[], locale: Locale) {
  return {
    title: translate(locale, 'constitution.dashboardTitle'),
    items,
    pending: items.filter((i) => !i.certifiedAt),
    done: items.filter((i) => i.certifiedAt),
  };
}

export interface MemberFormInput {
  view: 'assembly' | 'board';
  association: Pick<Association, 'id' | 'name'>;
  members: { id: string; fullName: string }[];
  timeZone: string;
  /** The recorded constitution (the assembly form), or null. */
  current: ConstitutionView | null;
  /** The body as posted when the form is shown again after a refusal; null on a first visit. */
  posted: Posted | null;
  errors: Record<string, string>;
  formError: string | null;
}

/** The constitutive assembly form and the new board form: the members as founders and in the seats. */
export function memberFormView(input: MemberFormInput, locale: Locale) {
  const { view, association, members, timeZone, current, posted, errors, formError } = input;
  const body = posted ?? {};
  // nobody is ticked in advance: the officer ticks who was present (DOM-ORG-3 counts them); a recorded assembly comes back as recorded
  const founders = new Set(posted ? list(body.founders) : (current?.founders ?? []).map((f) => f.memberId));
  const seatOf = (field: string, position: string, rank?: number) => {
    if (posted) return str(body[field]);
    const seats = (current?.provisionalBoard ?? []).filter((s) => s.position === position);
    const seat =
      position === 'director'
        ? seats[Number(field.slice(-1)) - 1]
        : position === 'substitute'
          ? seats.find((s) => s.rank === rank)
          : seats[0];
    return seat?.memberId ?? '';
  };
  const options = (required: boolean) => [
    { value: '', label: translate(locale, required ? 'constitution.chooseOption' : 'constitution.noneOption') },
    ...members.map((m) => ({ value: m.id, label: m.fullName })),
  ];
  const values: Record<string, string> = {
    assemblyAt: posted ? str(body.assemblyAt) : current?.assemblyAt ? localInput(current.assemblyAt, timeZone) : '',
    statutesApproved: posted ? str(body.statutesApproved) : current?.assemblyAt ? 'on' : '',
    place: posted ? str(body.place) : (current?.place ?? current?.proposedPlace ?? ''),
    kind: posted ? str(body.kind) : 'definitive',
    startsOn: str(body.startsOn),
    endsOn: str(body.endsOn),
    declaredEligible: posted ? str(body.declaredEligible) : '',
  };
  for (const s of SEAT_FIELDS) values[s.field] = seatOf(s.field, s.position, s.rank);
  return {
    title: translate(locale, view === 'assembly' ? 'constitution.assemblyTitle' : 'constitution.boardTitle', {
      name: association.name,
    }),
    association: { id: association.id, name: association.name },
    members: members.map((m) => ({ ...m, checked: founders.has(m.id) })),
    seats: SEAT_FIELDS.map((s) => ({
      name: s.field,
      label: translate(locale, `constitution.seat.${s.field}`),
      options: options(s.required),
      required: s.required,
    })),
    kinds: [
      { value: 'definitive', label: translate(locale, 'constitution.termKinds.definitive') },
      { value: 'provisional', label: translate(locale, 'constitution.termKinds.provisional') },
    ],
    values,
    errors,
    formError,
  };
}

export interface CertifyPageInput {
  association: { name: string; timeZone: string; status: string };
  constitution: ConstitutionView | null;
  checks: CertificationCheck[];
  isAssigned: boolean;
  canCertify: boolean;
  /** The body as posted when the page is shown again after a refusal; null on a first visit. */
  posted: Posted | null;
  formError: string | null;
  /** Field errors after a refusal (the confirmation box). */
  errors?: Record<string, string>;
}

/** The faith minister's certification page: every check, and the notes as posted after a refusal. */
export function certifyView(input: CertifyPageInput, locale: Locale) {
  const { association, constitution, checks, isAssigned, canCertify, posted, formError, errors } = input;
  return {
    title: translate(locale, 'constitution.certifyTitle', { name: association.name }),
    association,
    timeZone: association.timeZone,
    constitution,
    checks,
    isAssigned,
    canCertify,
    pending: association.status === 'pending_certification',
    values: { notes: posted ? str(posted.notes) : '', confirm: posted ? str(posted.confirm) : '' },
    errors: errors ?? {},
    formError,
  };
}
