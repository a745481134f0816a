import type { Locale } from '../common/i18n/i18n';
import { defineMessages, eachLanguage, localNumber, type LocalizedText } from '../common/i18n/messages';
import { type ExtraordinaryMatter, MATTER_LABELS } from './extraordinary-matters';

/**
 * Every refusal of the acta engine (meetings, series, agendas, attendance, convocation, minutes, commitments) in
 * Spanish and English (issue 16 item 6): Spanish exactly as the API and the pages have always answered, English
 * beside it; numbers, dates, names and fields are `{parameters}`. Texts with a literal `{ ... }` (a JSON shape)
 * take the shape as a parameter.
 */
export const meetingTexts = defineMessages({
  // ---- fields shared by every meeting form (meeting-input.ts) --------------------------------------------
  timeZoneInvalid: {
    es: 'El campo timeZone debe ser una zona horaria IANA, por ejemplo America/Santiago.',
    en: 'The field timeZone must be an IANA time zone, for example America/Santiago.',
  },
  localStartInvalid: {
    es: 'El campo localStart debe ser la fecha y hora local, por ejemplo 2026-04-14T19:30.',
    en: 'The field localStart must be the local date and time, for example 2026-04-14T19:30.',
  },
  fieldRequired: { es: 'El campo {field} es obligatorio.', en: 'The field {field} is required.' },
  fieldMaxLength: {
    es: 'El campo {field} admite como máximo {max} caracteres.',
    en: 'The field {field} allows at most {max} characters.',
  },
  /** Numbers written the reader's way (see `textTooLong`). */
  fieldTooLong: {
    es: 'El campo {field} admite como máximo {max} caracteres (tiene {length}).',
    en: 'The field {field} allows at most {max} characters (it has {length}).',
  },
  onlineUrlInvalid: {
    es: 'El campo onlineUrl debe ser un enlace https:// (Meet, Zoom, Teams…).',
    en: 'The field onlineUrl must be an https:// link (Meet, Zoom, Teams…).',
  },
  communeUnknown: { es: 'No existe la comuna {communeCode}.', en: 'The commune {communeCode} does not exist.' },

  // ---- series (recurrence.ts) ------------------------------------------------------------------------------
  seriesEveryOrRule: {
    es: 'Indique una frecuencia (every) o una regla (rrule), no ambas.',
    en: 'Give a frequency (every) or a rule (rrule), not both.',
  },
  seriesEveryInvalid: {
    es: 'El campo every debe ser "1 week", "2 weeks" o "1 month".',
    en: 'The field every must be "1 week", "2 weeks" or "1 month".',
  },
  seriesFrequencyRequired: {
    es: 'Indique la frecuencia: every ("1 week", "2 weeks", "1 month") o una regla rrule.',
    en: 'Give the frequency: every ("1 week", "2 weeks", "1 month") or an rrule rule.',
  },
  seriesRuleInvalid: {
    es: 'La regla rrule "{rule}" no sirve: {why} Por ejemplo FREQ=MONTHLY;BYDAY=1TU,3TU.',
    en: 'The rrule rule "{rule}" cannot be used: {why} For example FREQ=MONTHLY;BYDAY=1TU,3TU.',
  },
  seriesRuleTooLong: { es: 'es demasiado larga.', en: 'it is too long.' },
  seriesRulePart: { es: 'cada parte es NOMBRE=valor, una vez.', en: 'each part is NAME=value, once.' },
  seriesRuleValue: { es: 'el valor de {key} no es válido.', en: 'the value of {key} is not valid.' },
  seriesRuleNoFreq: {
    es: 'falta FREQ=DAILY, WEEKLY, MONTHLY o YEARLY.',
    en: 'FREQ=DAILY, WEEKLY, MONTHLY or YEARLY is missing.',
  },
  seriesRuleNoSuchDays: {
    es: 'esos días no existen en esos meses.',
    en: 'those days do not exist in those months.',
  },
  seriesRuleNotRfc: { es: 'no es una regla RFC 5545.', en: 'it is not an RFC 5545 rule.' },
  seriesRuleOnlyDays: {
    es: 'La regla rrule indica solo la frecuencia y los días (por ejemplo FREQ=MONTHLY;BYDAY=1TU,3TU); la hora, el inicio y el término van en sus propios campos.',
    en: 'The rrule rule gives only the frequency and the days (for example FREQ=MONTHLY;BYDAY=1TU,3TU); the time, the start and the end go in their own fields.',
  },
  seriesLocalStartInvalid: {
    es: 'El campo localStart debe ser la fecha y hora local de la primera reunión, por ejemplo 2026-03-03T19:30.',
    en: 'The field localStart must be the local date and time of the first meeting, for example 2026-03-03T19:30.',
  },
  seriesCountOrUntil: {
    es: 'Indique un número de reuniones (count) o una fecha de término (until), no ambos.',
    en: 'Give a number of meetings (count) or an end date (until), not both.',
  },
  seriesCountOrUntilRequired: {
    es: 'Indique cuántas reuniones (count, hasta {max}) o hasta cuándo (until).',
    en: 'Give how many meetings (count, up to {max}) or until when (until).',
  },
  seriesCountInvalid: {
    es: 'El campo count debe ser un número entero entre 1 y {max}.',
    en: 'The field count must be a whole number between 1 and {max}.',
  },
  seriesUntilInvalid: {
    es: 'El campo until debe ser una fecha (aaaa-mm-dd).',
    en: 'The field until must be a date (yyyy-mm-dd).',
  },
  seriesUntilBeforeStart: {
    es: 'La fecha de término (until) no puede ser anterior a la primera reunión.',
    en: 'The end date (until) cannot be before the first meeting.',
  },
  seriesStartTooLate: {
    es: 'La primera reunión debe ser antes de 2100.',
    en: 'The first meeting must be before 2100.',
  },
  seriesRuleNotApplicable: {
    es: 'La regla rrule no se puede aplicar a esa fecha de inicio.',
    en: 'The rrule rule cannot be applied to that start date.',
  },
  seriesNoMeetings: {
    es: 'La regla no produce ninguna reunión entre el inicio y el término: revise los días.',
    en: 'The rule produces no meeting between the start and the end: check the days.',
  },
  seriesBeyondYears: {
    es: 'Esas {count} reuniones irían más allá de {years} años: pida menos.',
    en: 'Those {count} meetings would go beyond {years} years: ask for fewer.',
  },
  seriesTooMany: {
    es: 'La serie tendría más de {max} reuniones: acorte la fecha de término.',
    en: 'The series would have more than {max} meetings: bring the end date forward.',
  },
  seriesUnrecordable: {
    es: 'La serie llega a fechas que no se pueden registrar.',
    en: 'The series reaches dates that cannot be recorded.',
  },

  // ---- meetings, agenda and attendance (meetings.service.ts) -----------------------------------------------
  kindInvalid: {
    es: 'El campo kind debe ser ordinary, extraordinary, constitutive o board.',
    en: 'The field kind must be ordinary, extraordinary, constitutive or board.',
  },
  callInvalid: {
    es: 'El campo call debe ser first o second.',
    en: 'The field call must be first or second.',
  },
  associationDissolved: {
    es: 'La organización está disuelta: no convoca reuniones.',
    en: 'The organisation is dissolved: it calls no meetings.',
  },
  matterInvalid: {
    es: 'La materia elegida no es una de las que requieren reunión extraordinaria.',
    en: 'The matter chosen is not one of those that need an extraordinary meeting.',
  },
  /** DOM-MTG-2 */
  extraordinaryMatter: {
    es: 'La {matter} se decide solo en una reunión extraordinaria, y esta reunión es {kind}: cree una reunión extraordinaria desde el calendario de reuniones y agregue allí este punto.',
    en: 'The {matter} is decided only in an extraordinary meeting, and this meeting is {kind}: create an extraordinary meeting from the meetings calendar and add this item there.',
  },
  cancelledAgendaFixed: {
    es: 'La reunión está cancelada: su tabla no se modifica.',
    en: 'The meeting is cancelled: its agenda does not change.',
  },
  agendaOrderInvalid: {
    es: 'El campo itemIds debe listar cada punto propio de la tabla una vez, en el orden nuevo.',
    en: 'The field itemIds must list each of the agenda’s own items once, in the new order.',
  },
  cancelledNoAttendance: {
    es: 'La reunión está cancelada: no se toma asistencia.',
    en: 'The meeting is cancelled: no attendance is taken.',
  },
  attendanceRequired: {
    es: 'Envíe la lista de asistencia: {shape}.',
    en: 'Send the attendance list: {shape}.',
  },
  attendanceTooMany: {
    es: 'Como máximo 5.000 personas por envío.',
    en: 'At most 5,000 people per submission.',
  },
  attendanceEntryShape: {
    es: '{at}: cada elemento es {shape}.',
    en: '{at}: each element is {shape}.',
  },
  attendanceParticipant: {
    es: 'Las reuniones de una organización registran socios (memberId); los participantes son de las mesas.',
    en: 'An organisation’s meetings record members (memberId); participants belong to the tables.',
  },
  attendanceNotMember: {
    es: '{at}.memberId no es un socio activo de la organización en la fecha de la reunión ({date}).',
    en: '{at}.memberId is not an active member of the organisation on the date of the meeting ({date}).',
  },
  attendanceTwice: {
    es: '{at}.memberId aparece dos veces en la lista.',
    en: '{at}.memberId appears twice in the list.',
  },
  attendanceStatus: {
    es: '{at}.status debe ser present, excused o absent.',
    en: '{at}.status must be present, excused or absent.',
  },
  attendanceMode: {
    es: '{at}.mode debe ser in_person u online.',
    en: '{at}.mode must be in_person or online.',
  },
  clockTimeInvalid: {
    es: '{field} debe ser una hora local hh:mm, por ejemplo 19:45.',
    en: '{field} must be a local time hh:mm, for example 19:45.',
  },
  meetingChanged: {
    es: 'Otra persona cambió esta reunión mientras tanto: recargue la página.',
    en: 'Someone else changed this meeting in the meantime: reload the page.',
  },
  meetingMinutesLocked: {
    es: 'El acta de esta reunión está aprobada: su asistencia, su citación y su tabla ya no cambian.',
    en: 'The minutes of this meeting are approved: its attendance, its call and its agenda no longer change.',
  },
  cancelledNoChange: {
    es: 'La reunión está cancelada: no se puede cambiar.',
    en: 'The meeting is cancelled: it cannot be changed.',
  },
  heldNoMove: {
    es: 'La reunión ya se realizó: no se puede mover.',
    en: 'The meeting has been held: it cannot be moved.',
  },
  moveToFuture: { es: 'Una reunión se mueve a una fecha futura.', en: 'A meeting is moved to a future date.' },
  moveNothing: {
    es: 'Indique la nueva fecha y hora (localStart), el lugar (place) o el enlace (onlineUrl).',
    en: 'Give the new date and time (localStart), the place (place) or the link (onlineUrl).',
  },

  // ---- convocation and cancellation (convocation.service.ts) ------------------------------------------------
  cancelledNoConvene: {
    es: 'La reunión está cancelada: no se convoca.',
    en: 'The meeting is cancelled: it is not convened.',
  },
  heldNoConvene: {
    es: 'La reunión ya se realizó: no se convoca.',
    en: 'The meeting has been held: it is not convened.',
  },
  alreadyCancelled: { es: 'La reunión ya está cancelada.', en: 'The meeting is already cancelled.' },
  removeConfirm: {
    es: 'Marque la casilla para confirmar que la reunión se registró por error.',
    en: 'Tick the box to confirm that the meeting was recorded by mistake.',
  },
  removeHasRecords: {
    es: 'La reunión ya tiene {records}: no se puede eliminar. Si no se realizó, cancélela indicando el motivo.',
    en: 'The meeting already has {records}: it cannot be removed. If it did not take place, cancel it with the reason.',
  },
  removeConvened: {
    es: 'Los socios ya fueron convocados a esta reunión: cancélela indicando el motivo, así reciben el aviso.',
    en: 'Members have been convened to this meeting: cancel it with the reason, so that they are told.',
  },
  recordsAttendance: { es: 'asistencia registrada', en: 'attendance recorded' },
  recordsMinutes: { es: 'un acta', en: 'minutes' },
  recordsCommitments: { es: 'compromisos', en: 'commitments' },
  heldNoCancel: {
    es: 'La reunión ya se realizó: no se puede cancelar.',
    en: 'The meeting has been held: it cannot be cancelled.',
  },

  // ---- the acta engine (acta-engine.ts, acta-parser.ts) -----------------------------------------------------
  minutesLocked: {
    es: 'El acta N° {number} está aprobada y no se modifica.',
    en: 'Minutes No. {number} are approved and do not change.',
  },
  minutesLockedAmend: {
    es: 'El acta N° {number} está aprobada y no se modifica. Para corregirla, registre una enmienda en el acta de una {word} posterior.',
    en: 'Minutes No. {number} are approved and do not change. To correct them, record an amendment in the minutes of a later {word}.',
  },
  cancelledNoMinutes: {
    es: 'La {word} está cancelada: no tiene acta.',
    en: 'The {word} is cancelled: it has no minutes.',
  },
  fieldList: { es: 'El campo {field} debe ser una lista.', en: 'The field {field} must be a list.' },
  fieldMaxItems: {
    es: 'El campo {field} admite como máximo {max} elementos.',
    en: 'The field {field} allows at most {max} elements.',
  },
  fieldObject: { es: '{field} debe ser un objeto.', en: '{field} must be an object.' },
  fieldText: { es: 'El campo {field} debe ser un texto.', en: 'The field {field} must be text.' },
  fieldVotes: {
    es: 'El campo {field} debe ser un número entero de votos, 0 o más.',
    en: 'The field {field} must be a whole number of votes, 0 or more.',
  },
  fieldUnknown: { es: 'El campo {field} no existe.', en: 'The field {field} does not exist.' },
  minutesVersionInvalid: {
    es: 'El campo version debe ser la versión leída del acta (un número entero).',
    en: 'The field version must be the version of the minutes you read (a whole number).',
  },
  agendaItemUnknown: {
    es: '{at}.agendaItemId no es un punto de la tabla.',
    en: '{at}.agendaItemId is not an item of the agenda.',
  },
  majorityInvalid: {
    es: 'El campo {at}.majority debe ser simple, absolute o two_thirds.',
    en: 'The field {at}.majority must be simple, absolute or two_thirds.',
  },
  votesWithoutPresent: {
    es: 'Acuerdo {n}: no hay socios marcados presentes; tome la asistencia antes de registrar los votos.',
    en: 'Agreement {n}: no members are marked present; take the attendance before recording the votes.',
  },
  votesExceedOne: {
    es: 'Acuerdo {n}: hay {cast} votos (a favor, en contra y abstenciones) y solo {present} socio presente.',
    en: 'Agreement {n}: there are {cast} votes (for, against and abstentions) and only {present} member present.',
  },
  votesExceedMany: {
    es: 'Acuerdo {n}: hay {cast} votos (a favor, en contra y abstenciones) y solo {present} socios presentes.',
    en: 'Agreement {n}: there are {cast} votes (for, against and abstentions) and only {present} members present.',
  },
  votesExceedBeforeApproval: {
    es: '{problems} Corrija el acta o la asistencia antes de aprobarla.',
    en: '{problems} Correct the minutes or the attendance before approving them.',
  },
  commitmentNotInActa: {
    es: '{at}.id no es un compromiso de esta acta.',
    en: '{at}.id is not a commitment of these minutes.',
  },
  dueOnRequired: {
    es: 'El campo {at}.dueOn (plazo) es obligatorio: una fecha como 2026-04-30.',
    en: 'The field {at}.dueOn (due date) is required: a date such as 2026-04-30.',
  },
  amendmentsNotHere: {
    es: 'Las enmiendas corrigen actas de una organización; esta acta no las lleva.',
    en: 'Amendments correct an organisation’s minutes; these minutes do not carry them.',
  },
  amendmentTarget: {
    es: '{at}.minutesId debe ser un acta aprobada de una reunión anterior de la organización.',
    en: '{at}.minutesId must be the approved minutes of an earlier meeting of the organisation.',
  },
  amendmentTwice: {
    es: '{at}.minutesId: esa acta ya tiene una enmienda en esta acta; reúna el texto en una.',
    en: '{at}.minutesId: those minutes already have an amendment in these minutes; put the text together in one.',
  },
  minutesInvalid: { es: 'Hay campos con errores en el acta.', en: 'Some fields of the minutes have errors.' },
  minutesSavedMeanwhile: {
    es: 'Otra persona guardó el acta mientras usted la editaba (versión {current}; usted partió de la {read}). Recargue la página: sus cambios no se guardaron.',
    en: 'Someone else saved the minutes while you were editing them (version {current}; you started from version {read}). Reload the page: your changes were not saved.',
  },
  meetingNotHeld: {
    es: 'La {word} es el {when}: su acta se aprueba después de realizada.',
    en: 'The {word} is on {when}: its minutes are approved once it has been held.',
  },
  minutesNotWritten: {
    es: 'El acta de esta {word} aún no se ha escrito: guarde el borrador antes de aprobarlo.',
    en: 'The minutes of this {word} have not been written yet: save the draft before approving it.',
  },
  alreadyApproved: {
    es: 'El acta N° {number} ya fue aprobada el {at} por {by}.',
    en: 'Minutes No. {number} were already approved on {at} by {by}.',
  },
  minutesChangedSinceRead: {
    es: 'El acta cambió desde que usted la leyó (versión {current}; usted leyó la {read}): revísela antes de aprobarla.',
    en: 'The minutes changed since you read them (version {current}; you read version {read}): review them before approving them.',
  },
  earlierMinutesPending: {
    es: 'Primero apruebe el acta de la {word} del {date}: las actas se aprueban en el orden de las {words}.',
    en: 'First approve the minutes of the {word} of {date}: minutes are approved in the order of the {words}.',
  },
  commitmentHasProgress: {
    es: 'El compromiso «{description}» ya tiene avances registrados: no se quita del acta; márquelo como cancelado.',
    en: 'The commitment «{description}» already has progress recorded: it is not removed from the minutes; mark it as cancelled.',
  },
  bodyMinutesLocked: {
    es: 'El acta de esta {word} está aprobada: su asistencia y su tabla ya no cambian.',
    en: 'The minutes of this {word} are approved: its attendance and its agenda no longer change.',
  },

  // ---- an association's minutes (minutes.service.ts) ------------------------------------------------------
  ownerExactlyOne: {
    es: 'Compromiso {n}: indique un responsable, y solo uno: un socio (ownerMemberId), una institución (ownerInstitutionName) o una persona por su nombre (ownerName).',
    en: 'Commitment {n}: give one owner, and only one: a member (ownerMemberId), an institution (ownerInstitutionName) or a person by name (ownerName).',
  },
  ownerNotMember: {
    es: '{at}.ownerMemberId no es un socio activo de la organización.',
    en: '{at}.ownerMemberId is not an active member of the organisation.',
  },
  ownerParticipant: {
    es: 'Los participantes son de las mesas; en el acta de una organización, el responsable es un socio, una institución o una persona.',
    en: 'Participants belong to the tables; in an organisation’s minutes, the owner is a member, an institution or a person.',
  },
  ownerInstitutionUnknown: {
    es: '{at}.ownerInstitutionId no es una institución registrada; escriba su nombre en ownerInstitutionName.',
    en: '{at}.ownerInstitutionId is not a registered institution; write its name in ownerInstitutionName.',
  },
  minutesNotApproved: {
    es: 'El acta aún no está aprobada: se envía a los socios una vez aprobada.',
    en: 'The minutes are not approved yet: they are sent to the members once approved.',
  },
  noRecipients: {
    es: 'Ningún socio activo tiene un correo válido registrado ({withoutEmail} sin correo): entregue el acta en papel o agregue los correos en el registro de socios.',
    en: 'No active member has a valid email address on record ({withoutEmail} without one): hand the minutes out on paper or add the addresses to the members’ register.',
  },
  forbiddenHere: {
    es: 'Su rol no permite esta acción en esta organización.',
    en: 'Your role does not allow this action in this organisation.',
  },

  // ---- commitments (commitments.service.ts, minutes.api.controller.ts) -----------------------------------
  noteRequired: {
    es: 'El campo note es obligatorio: cuente qué se hizo.',
    en: 'The field note is required: tell what was done.',
  },
  commitmentStatusInvalid: {
    es: 'El campo status debe ser open, in_progress, done o cancelled.',
    en: 'The field status must be open, in_progress, done or cancelled.',
  },
  progressInvalid: {
    es: 'El campo progress debe ser un porcentaje entero entre 0 y 100.',
    en: 'The field progress must be a whole percentage between 0 and 100.',
  },
  associationIdRequired: {
    es: 'Indique la organización (associationId) cuyos compromisos quiere ver.',
    en: 'Give the organisation (associationId) whose commitments you want to see.',
  },
  overdueInvalid: { es: 'El campo overdue debe ser true o false.', en: 'The field overdue must be true or false.' },
  institutionIdInvalid: {
    es: 'El campo institutionId no es un identificador válido.',
    en: 'The field institutionId is not a valid identifier.',
  },
  associationOrTable: {
    es: 'Indique una organización (associationId) o una mesa (tableId), no ambas.',
    en: 'Give an organisation (associationId) or a table (tableId), not both.',
  },
  evidenceOnlyTables: {
    es: 'Los archivos de respaldo son de los compromisos de las mesas.',
    en: 'Supporting files belong to the tables’ commitments.',
  },

  // ---- the ICS feed (meetings.controller.ts) -------------------------------------------------------------
  feedNotFound: {
    es: 'Calendario no encontrado: la dirección no existe o fue reemplazada.',
    en: 'Calendar not found: the address does not exist or was replaced.',
  },
});

export { eachLanguage, localNumber };

/** "El campo X admite como máximo 10.000 caracteres (tiene 10.012)", its numbers the reader's way. */
export function textTooLong(field: string, max: number, length: number): LocalizedText {
  return eachLanguage((l) =>
    meetingTexts.fieldTooLong({ field, max: localNumber(max, l), length: localNumber(length, l) }),
  );
}

/** The word for a body's meeting in each language: an association's "reunión", a table's "sesión". */
const MEETING_WORDS = {
  reunión: { es: { one: 'reunión', many: 'reuniones' }, en: { one: 'meeting', many: 'meetings' } },
  sesión: { es: { one: 'sesión', many: 'sesiones' }, en: { one: 'session', many: 'sessions' } },
} as const;

export function meetingWord(word: 'reunión' | 'sesión', locale: Locale, many = false): string {
  return MEETING_WORDS[word][locale][many ? 'many' : 'one'];
}

/** Several texts as one (each language joined apart). */
export function joinTexts(texts: LocalizedText[], separator = ' '): LocalizedText {
  return eachLanguage((l) => ({
    es: texts.map((t) => t[l]).join(separator),
    en: texts.map((t) => t[l]).join(separator),
  }));
}

/** The JSON shape the attendance list takes, named in its refusals. */
export const ATTENDANCE_SHAPE = '{ memberId, status, mode? }';

const KIND_WORDS = {
  es: { ordinary: 'ordinaria', board: 'de directorio', constitutive: 'constitutiva' },
  en: { ordinary: 'ordinary', board: 'a board meeting', constitutive: 'constitutive' },
} as const;

/** DOM-MTG-2: a point on a matter for an extraordinary meeting, refused on a meeting of another kind. */
export function extraordinaryMatterText(matter: ExtraordinaryMatter, kind: string): LocalizedText {
  return eachLanguage((l) =>
    meetingTexts.extraordinaryMatter({
      matter: MATTER_LABELS[matter][l],
      kind: (KIND_WORDS[l] as Record<string, string>)[kind] ?? kind,
    }),
  );
}
