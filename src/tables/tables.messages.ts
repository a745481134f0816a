import type { Locale } from '../common/i18n/i18n';
import { defineMessages, type LocalizedText } from '../common/i18n/messages';

/**
 * Every refusal of the tables module (tables, participants, axes, sessions, the board, progress and evidence),
 * issue 16 item 6: Spanish exactly as the API and the pages have always answered, English beside it, numbers and
 * names as `{parameters}`.
 */
export const tableTexts = defineMessages({
  // ---- shared -----------------------------------------------------------------------------------------
  notFound: { es: 'No encontrado.', en: 'Not found.' },
  fieldRequired: { es: 'El campo {field} es obligatorio.', en: 'The field {field} is required.' },
  fieldMaxLength: {
    es: 'El campo {field} admite como máximo {max} caracteres.',
    en: 'The field {field} allows at most {max} characters.',
  },
  emailInvalid: {
    es: 'El campo {field} debe ser un correo electrónico válido.',
    en: 'The field {field} must be a valid email address.',
  },
  roleForbidden: {
    es: 'Su rol en esta mesa no permite esta acción: la coordina quien la convoca.',
    en: 'Your role at this table does not allow this action: the table is coordinated by whoever convenes it.',
  },

  // ---- tables, participants and axes ------------------------------------------------------------------
  createCommuneForbidden: {
    es: 'Crean mesas comunales los funcionarios municipales de esa comuna.',
    en: "Commune tables are created by that commune's municipal officers.",
  },
  createWiderForbidden: {
    es: 'Las mesas provinciales y regionales las crea la administración.',
    en: 'Province and region tables are created by the administration.',
  },
  kindInvalid: {
    es: 'El campo kind debe ser security, productive_development u other.',
    en: 'The field kind must be security, productive_development or other.',
  },
  scopeLevelInvalid: {
    es: 'El campo scopeLevel debe ser commune, province o region.',
    en: 'The field scopeLevel must be commune, province or region.',
  },
  communeUnknown: {
    es: 'No existe la comuna con el código «{code}».',
    en: 'There is no commune with the code «{code}».',
  },
  provinceUnknown: {
    es: 'No existe la provincia con el código «{code}».',
    en: 'There is no province with the code «{code}».',
  },
  regionUnknown: {
    es: 'No existe la región con el código «{code}».',
    en: 'There is no region with the code «{code}».',
  },
  councilScope: {
    es: 'El consejo comunal de seguridad pública es una mesa de seguridad de alcance comunal.',
    en: 'The communal public-safety council is a security table of commune scope.',
  },
  institutionUnregistered: {
    es: 'El campo {field} no es una institución registrada.',
    en: 'The field {field} is not a registered institution.',
  },
  councilSeatOnlyCouncil: {
    es: 'El campo councilSeat es solo para el consejo comunal de seguridad pública.',
    en: 'The field councilSeat is only for the communal public-safety council.',
  },
  councilSeatInvalid: {
    es: 'El campo councilSeat debe ser uno de: {seats}.',
    en: 'The field councilSeat must be one of: {seats}.',
  },
  institutionKindMissing: {
    es: '«{name}» es una institución nueva: indique su tipo (institutionKind: {kinds}).',
    en: '«{name}» is a new institution: give its kind (institutionKind: {kinds}).',
  },
  councilFull: {
    es: 'El consejo ya tiene dos concejales: la ley no permite más.',
    en: 'The council already has two councillors: the law allows no more.',
  },
  participantIdsList: {
    es: 'El campo participantIds debe ser una lista.',
    en: 'The field participantIds must be a list.',
  },
  notParticipant: {
    es: '{at} no es un participante de esta mesa.',
    en: '{at} is not a participant of this table.',
  },
  axisExists: { es: 'La mesa ya tiene el eje «{name}».', en: 'The table already has the axis «{name}».' },

  // ---- sessions and their actas -----------------------------------------------------------------------
  sessionKind: {
    es: 'Las sesiones de una mesa son de tipo table_session.',
    en: "A table's sessions are of kind table_session.",
  },
  agendaCancelled: {
    es: 'La sesión está cancelada: su tabla no se modifica.',
    en: 'The session is cancelled: its agenda cannot be changed.',
  },
  attendanceCancelled: {
    es: 'La sesión está cancelada: no tiene asistencia.',
    en: 'The session is cancelled: it has no attendance.',
  },
  attendanceEmpty: {
    es: 'Envíe una lista con la asistencia de al menos un representante: [{shape}].',
    en: 'Send a list with the attendance of at least one representative: [{shape}].',
  },
  attendanceNotObject: { es: '{at} debe ser un objeto {shape}.', en: '{at} must be an object {shape}.' },
  attendanceByMember: {
    es: 'En una sesión de mesa la asistencia es por representante (participantId), no por socio.',
    en: 'At a table session attendance is taken per representative (participantId), not per member.',
  },
  notRepresentative: {
    es: '{at} no es un representante de esta mesa.',
    en: '{at} is not a representative at this table.',
  },
  attendanceStatus: {
    es: '{at} debe ser present, excused o absent.',
    en: '{at} must be present, excused or absent.',
  },
  attendanceMode: {
    es: '{at} debe ser in_person (presencial) u online (en línea).',
    en: '{at} must be in_person or online.',
  },
  listedTwice: { es: '{at} está dos veces en la lista.', en: '{at} is in the list twice.' },
  conveneNotScheduled: {
    es: 'Solo se convoca una sesión futura que no esté cancelada.',
    en: 'Only a future session that is not cancelled can be convened.',
  },
  axisNotOfTable: { es: '{at} no es un eje de esta mesa.', en: '{at} is not an axis of this table.' },
  commitmentOneOwner: {
    es: 'Compromiso {n}: indique un responsable, y solo uno: una institución de la mesa (ownerInstitutionId) o uno de sus representantes (ownerParticipantId).',
    en: 'Commitment {n}: give one owner, and only one: an institution at the table (ownerInstitutionId) or one of its representatives (ownerParticipantId).',
  },
  ownerInstitutionNotAtTable: {
    es: '{at} no es una institución que participe en esta mesa; agréguela como participante primero.',
    en: '{at} is not an institution taking part in this table; add it as a participant first.',
  },

  // ---- the board, progress and evidence ---------------------------------------------------------------
  idInvalid: {
    es: 'El campo {field} no es un identificador válido.',
    en: 'The field {field} is not a valid identifier.',
  },
  boardStatusInvalid: {
    es: 'El campo status debe ser open, in_progress, done o cancelled.',
    en: 'The field status must be open, in_progress, done or cancelled.',
  },
  overdueInvalid: { es: 'El campo overdue debe ser true o false.', en: 'The field overdue must be true or false.' },
  progressForbidden: {
    es: 'Solo la coordinación de la mesa y los representantes de la institución responsable registran avances de este compromiso.',
    en: "Only the table's coordination and the representatives of the owning institution record progress on this commitment.",
  },
  cancelForbidden: {
    es: 'Solo la coordinación de la mesa cancela un compromiso; informe su avance o pida que se cancele.',
    en: "Only the table's coordination cancels a commitment; report its progress or ask for it to be cancelled.",
  },
  evidenceOverLimit: {
    es: 'El archivo de respaldo supera el máximo de {mb} MB.',
    en: 'The evidence file is over the limit of {mb} MB.',
  },
  // ---- accounts given from the table's page (issue 20 item 2) --------------------------------------------
  accountEmailRequired: {
    es: 'Escriba el correo de {name}: allí le llegará la invitación.',
    en: "Write {name}'s e-mail: the invitation goes there.",
  },
  accountEmailInvalid: {
    es: 'El correo «{email}» no es válido (por ejemplo, nombre@institucion.cl).',
    en: 'The e-mail «{email}» is not valid (for example, name@institution.cl).',
  },
  accountExists: {
    es: '{name} ya tiene cuenta en esta mesa ({email}): no se envió otra invitación.',
    en: '{name} already has an account at this table ({email}): no other invitation was sent.',
  },
  coordinatorNameRequired: {
    es: 'Escriba el nombre de quien coordinará la mesa.',
    en: 'Write the name of the person who will coordinate the table.',
  },
  coordinatorExists: {
    es: '{email} ya coordina esta mesa: no se envió otra invitación.',
    en: '{email} already coordinates this table: no other invitation was sent.',
  },
  // ---- province and region tables: created by the administration, asked for by a municipality -------------
  requestNoAdministrator: {
    es: 'Este portal no tiene todavía una cuenta de administración que reciba la solicitud. Pida al equipo de informática que cree una (ADMIN_EMAIL) e intente de nuevo.',
    en: 'This portal has no administration account yet to receive the request. Ask the IT team to create one (ADMIN_EMAIL) and try again.',
  },
  requestOnlyOfficer: {
    es: 'Piden mesas provinciales o regionales los funcionarios municipales; la administración las crea directamente.',
    en: 'Municipal officers ask for province or region tables; the administration creates them directly.',
  },
  requestScopeInvalid: {
    es: 'Elija en la lista la provincia o la región de la mesa.',
    en: "Choose the table's province or region in the list.",
  },
  requestNameRequired: {
    es: 'Escriba el nombre propuesto para la mesa.',
    en: 'Write the proposed name of the table.',
  },
  requestKindInvalid: {
    es: 'Elija en la lista el tipo de mesa.',
    en: 'Choose the kind of table in the list.',
  },
  uploadInvalid: {
    es: 'Envíe a lo más un archivo de respaldo, en el campo «evidence».',
    en: 'Send at most one evidence file, in the field «evidence».',
  },
  evidenceTooLarge: {
    es: 'El archivo de respaldo pesa {size} bytes; el máximo es {max} bytes ({mb} MB).',
    en: 'The evidence file is {size} bytes; the maximum is {max} bytes ({mb} MB).',
  },
  evidenceEmpty: { es: 'El archivo de respaldo está vacío.', en: 'The evidence file is empty.' },
  evidenceNameInvalid: {
    es: 'El nombre del archivo de respaldo no es válido: use un nombre simple como informe-patrullajes.pdf, sin carpetas.',
    en: "The evidence file's name is not valid: use a plain name such as patrol-report.pdf, without folders.",
  },
  evidenceNameHidden: {
    es: 'El nombre del archivo de respaldo contiene caracteres invisibles o que invierten el sentido del texto ({characters}), que pueden disfrazar su tipo: cámbiele el nombre (por ejemplo, informe-patrullajes.pdf) e intente de nuevo.',
    en: "The evidence file's name contains invisible or text-reversing characters ({characters}), which can disguise its type: rename it (for example, patrol-report.pdf) and try again.",
  },
  evidenceTypeInvalid: {
    es: 'El archivo «{name}» no es un PDF, JPEG ni PNG (su contenido no corresponde a esos formatos).',
    en: 'The file «{name}» is not a PDF, JPEG or PNG (its content does not match those formats).',
  },
  evidenceExtension: {
    es: 'El archivo «{name}» es {type}, pero su nombre termina en «{ext}»: corrija el nombre.',
    en: 'The file «{name}» is {type}, but its name ends in «{ext}»: correct the name.',
  },
  // issue 21 item 4: the database refused the write for want of room (507); nothing was saved
  evidenceStorageFull: {
    es: 'No se pudo guardar el archivo de respaldo: el almacenamiento del portal está lleno. No se registró el avance; intente más tarde y, si el problema sigue, avise a la administración del portal.',
    en: "The evidence file could not be saved: the portal's storage is full. The progress was not recorded; try again later and, if the problem persists, tell the portal's administrators.",
  },
  progressStorageFull: {
    es: 'No se pudo registrar el avance: el almacenamiento del portal está lleno. Intente más tarde y, si el problema sigue, avise a la administración del portal.',
    en: "The progress could not be recorded: the portal's storage is full. Try again later and, if the problem persists, tell the portal's administrators.",
  },
});

/** A number as each language writes it (10.000 in Spanish, 10,000 in English). */
export function grouped(value: number, locale: Locale): string {
  return value.toLocaleString(locale === 'es' ? 'es-CL' : 'en-GB');
}

/** One message whose parameters differ by language (a grouped number, a word): each language filled with its own. */
export function inEachLanguage(make: (locale: Locale) => LocalizedText): LocalizedText {
  return Object.freeze({ es: make('es').es, en: make('en').en });
}

/** The words for an evidence file's detected type, in each language. */
export const EVIDENCE_TYPE_WORDS: Record<Locale, Record<'application/pdf' | 'image/png' | 'image/jpeg', string>> = {
  es: { 'application/pdf': 'un PDF', 'image/png': 'una imagen PNG', 'image/jpeg': 'una imagen JPEG' },
  en: { 'application/pdf': 'a PDF', 'image/png': 'a PNG image', 'image/jpeg': 'a JPEG image' },
};
export const NO_EXTENSION: Record<Locale, string> = { es: '(sin extensión)', en: '(no extension)' };
