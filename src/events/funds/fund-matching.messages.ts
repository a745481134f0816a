import { defineMessages } from '../../common/i18n/messages';

/** The fund matching's reasons (DOM-FND-2) and refusals (DOM-FND-4), in Spanish and English. */
export const matchTexts = defineMessages({
  // reasons: each names the fact and its date
  territoryIn: {
    es: 'La comuna de la organización está dentro del territorio del fondo',
    en: "The applicant's commune is within the fund's territory",
  },
  territoryOut: {
    es: 'La comuna {commune} está fuera del territorio del fondo',
    en: "Commune {commune} is outside the fund's territory",
  },
  applicantPersonForOrganizations: {
    es: 'El fondo es para organizaciones, no para personas',
    en: 'The fund is for organisations, not for persons',
  },
  applicantOrganizationForPersons: {
    es: 'El fondo es para personas o emprendimientos, no para organizaciones',
    en: 'The fund is for persons or businesses, not for organisations',
  },
  applicantKindOk: { es: 'Postula como {kind}', en: 'Applies as {kind}' },
  applicantKindNotAdmitted: {
    es: 'El fondo admite solo {kinds}; la organización es {kind}',
    en: 'The fund admits only {kinds}; the organisation is {kind}',
  },
  legalPersonalityInForce: {
    es: 'Personalidad jurídica vigente (estado «{status}» desde el {since})',
    en: 'Legal personality in force (status "{status}" since {since})',
  },
  legalPersonalityMissing: {
    es: 'Sin personalidad jurídica vigente: estado «{status}» desde el {since}',
    en: 'No legal personality in force: status "{status}" since {since}',
  },
  boardInForce: { es: 'Directorio vigente hasta el {endsOn}', en: 'Board in force until {endsOn}' },
  boardExpired: { es: 'Directorio vencido el {endsOn}', en: 'Board expired on {endsOn}' },
  boardMissing: { es: 'Sin directorio registrado', en: 'No board recorded' },
  ageMet: {
    es: 'Constituida hace {age}; se exigen {required}. Fecha de constitución: {on}',
    en: 'Constituted {age} ago; {required} required. Constituted on {on}',
  },
  ageNotMet: {
    es: 'Constituida hace {age}; se exigen {required}. Fecha de constitución: {on}; cumple el {reachedOn}',
    en: 'Constituted {age} ago; {required} required. Constituted on {on}; reached on {reachedOn}',
  },
  ageMissing: {
    es: 'Sin fecha de constitución registrada; se exigen {required} de antigüedad',
    en: 'No constitution date recorded; {required} of age required',
  },
  reportOverdue: {
    es: 'Rendición pendiente del {fund}: vencía el {dueOn}',
    en: 'Expense report of {fund} pending: it was due on {dueOn}',
  },
  reportNoneOverdue: { es: 'Sin rendiciones pendientes vencidas', en: 'No overdue expense report' },
  reportInTime: {
    es: 'Sin rendiciones vencidas; la del {fund} vence el {dueOn}',
    en: 'No overdue expense report; that of {fund} is due on {dueOn}',
  },
  rutRecorded: { es: 'RUT de la organización registrado: {rut}', en: "Organisation's RUT recorded: {rut}" },
  rutMissing: { es: 'Sin RUT de la organización registrado', en: "No organisation's RUT recorded" },
  registryYes: {
    es: 'Inscrita en el Registro de Receptores de Fondos Públicos (Ley 19.862) el {on}, según declaración',
    en: 'Registered as a receiver of public funds (Ley 19.862) on {on}, as declared',
  },
  registryNo: {
    es: 'Declaró no estar inscrita en el Registro de Receptores de Fondos Públicos (Ley 19.862) el {on}',
    en: 'Declared on {on} not to be registered as a receiver of public funds (Ley 19.862)',
  },
  registryMissing: {
    es: 'Sin declaración de inscripción en el Registro de Receptores de Fondos Públicos (Ley 19.862)',
    en: 'No declaration of registration as a receiver of public funds (Ley 19.862)',
  },
  sexMet: { es: 'Titular registrada como mujer; el fondo es para mujeres', en: 'Owner recorded as a woman' },
  sexMetOther: { es: 'Titular registrado como {sex}', en: 'Owner recorded as {sex}' },
  sexNotMet: {
    es: 'El fondo es para titulares {wanted}; titular registrado como {sex}',
    en: 'The fund is for {wanted} owners; owner recorded as {sex}',
  },
  sexMissing: { es: 'Sexo del titular no informado', en: "Owner's sex not given" },
  minAgeMet: {
    es: 'Tiene {age} (nació el {birthDate}); se exigen {required}',
    en: 'Is {age} old (born on {birthDate}); {required} required',
  },
  minAgeNotMet: {
    es: 'Tiene {age} (nació el {birthDate}); se exigen {required}: los cumple el {reachedOn}',
    en: 'Is {age} old (born on {birthDate}); {required} required: reached on {reachedOn}',
  },
  minAgeMissing: { es: 'Sin fecha de nacimiento registrada', en: 'No birth date recorded' },
  noActivityStartYes: {
    es: 'Declaró no tener inicio de actividades ante el SII el {on}',
    en: 'Declared on {on} to have no activity start at the SII',
  },
  noActivityStartNo: {
    es: 'Declaró tener inicio de actividades ante el SII el {on}',
    en: 'Declared on {on} to have an activity start at the SII',
  },
  noActivityStartMissing: {
    es: 'Sin declaración de inicio de actividades ante el SII',
    en: 'No declaration about an activity start at the SII',
  },
  other: { es: 'Revisar: {text}', en: 'Check: {text}' },
  // refusals (DOM-FND-4)
  callClosed: {
    es: 'La convocatoria «{name}» cerró el {closedAt}: ya no recibe postulaciones.',
    en: 'The call "{name}" closed on {closedAt}: it takes no more applications.',
  },
  duplicateApplication: {
    es: 'Esta organización o persona ya tiene una postulación a esta convocatoria.',
    en: 'This organisation or person already has an application to this call.',
  },
  applicantRequired: {
    es: 'Indique quién postula: una organización (associationId) o una persona beneficiaria (beneficiaryId), no ambas.',
    en: 'Say who applies: an organisation (associationId) or a beneficiary (beneficiaryId), not both.',
  },
  applicantUnknown: {
    es: 'No existe la organización o persona beneficiaria indicada.',
    en: 'That organisation or beneficiary does not exist.',
  },
  callUnknown: { es: 'No existe la convocatoria indicada.', en: 'That call does not exist.' },
  applicationUnknown: { es: 'No existe la postulación indicada.', en: 'That application does not exist.' },
  awardedNeedsAmount: {
    es: 'Para adjudicar, indique el monto adjudicado.',
    en: 'To award, give the amount awarded.',
  },
  amountOnlyWhenAwarded: {
    es: 'El monto adjudicado solo se registra en una postulación adjudicada.',
    en: 'The amount awarded is recorded only on an awarded application.',
  },
  reportOnlyWhenAwarded: {
    es: 'La rendición de gastos solo se registra en una postulación adjudicada.',
    en: 'The expense report is recorded only on an awarded application.',
  },
  reportSubmittedInFuture: {
    es: 'La fecha de entrega de la rendición ({on}) es posterior a hoy.',
    en: 'The expense report submission date ({on}) is after today.',
  },
  declarationInFuture: {
    es: 'La fecha de la declaración ({on}) es posterior a hoy.',
    en: 'The declaration date ({on}) is after today.',
  },
  declarationKindForAssociation: {
    es: 'Una organización declara su inscripción en el Registro de Receptores de Fondos Públicos.',
    en: 'An organisation declares its registration as a receiver of public funds.',
  },
});
