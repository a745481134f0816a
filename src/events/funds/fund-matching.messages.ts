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
  callRequired: { es: 'Elija la convocatoria a la que postula.', en: 'Choose the call you apply to.' },
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

/** The funds pages' texts (issue 18 item 3), in Spanish and English. */
export const pageTexts = defineMessages({
  titleAssociation: { es: 'Fondos para esta organización', en: 'Funds for this organisation' },
  titleBeneficiary: { es: 'Fondos para esta persona', en: 'Funds for this person' },
  back: { es: 'Volver', en: 'Back' },
  eligible: { es: 'Puede postular', en: 'Can apply' },
  qualifiersTitle: { es: 'Sus organizaciones ante «{call}»', en: 'Your organisations and "{call}"' },
  qualifiersLead: {
    es: 'Las organizaciones inscritas en sus programas, con lo que cumplen y lo que falta para postular a esta convocatoria, según sus datos de hoy.',
    en: 'The organisations enrolled in your programmes, with what they meet and what they lack to apply to this call, from their data today.',
  },
  qualifiersBack: { es: 'Volver a la convocatoria', en: 'Back to the call' },
  qualifiersNone: {
    es: 'Este programa no tiene organizaciones inscritas.',
    en: 'This programme has no enrolled organisations.',
  },
  unknown: { es: 'Falta información para saberlo', en: 'Information missing to tell' },
  notEligible: { es: 'No cumple hoy', en: 'Does not qualify today' },
  noneEligible: { es: 'Ninguna convocatoria en este grupo.', en: 'No call in this group.' },
  closesAt: { es: 'Cierra el {at}', en: 'Closes on {at}' },
  opensAt: { es: 'Abre el {at}', en: 'Opens on {at}' },
  metYes: { es: 'Cumple', en: 'Met' },
  metNo: { es: 'No cumple', en: 'Not met' },
  metUnknown: { es: 'Sin dato o por revisar', en: 'Missing or to check' },
  applications: { es: 'Postulaciones', en: 'Applications' },
  noApplications: { es: 'Aún no hay postulaciones registradas.', en: 'No application recorded yet.' },
  requested: { es: 'Solicitado: {amount}', en: 'Requested: {amount}' },
  awarded: { es: 'Adjudicado: {amount}', en: 'Awarded: {amount}' },
  reportDue: { es: 'Rendición vence el {on}', en: 'Expense report due on {on}' },
  reportSubmitted: { es: 'Rendición entregada el {on}', en: 'Expense report submitted on {on}' },
  overdue: {
    es: 'Rendición vencida del {fund}: vencía el {on}. Mientras no se entregue, no cumple «sin rendiciones pendientes» en otros fondos.',
    en: 'Overdue expense report of {fund}: it was due on {on}. Until it is submitted, other funds\' "no pending expense report" fails.',
  },
  declarations: { es: 'Declaraciones', en: 'Declarations' },
  declarationsLead: {
    es: 'Lo que el portal no puede saber por sí mismo. Queda registrado quién lo declaró y cuándo.',
    en: 'What the portal cannot know by itself. Who declared it and when is recorded.',
  },
  kind: { es: 'Declaración', en: 'Declaration' },
  kindRegistry: {
    es: 'Inscrita en el Registro de Receptores de Fondos Públicos (Ley 19.862)',
    en: 'Registered as a receiver of public funds (Ley 19.862)',
  },
  kindNoActivity: {
    es: 'Sin inicio de actividades ante el SII',
    en: 'No activity start at the SII',
  },
  value: { es: 'Respuesta', en: 'Answer' },
  yes: { es: 'Sí', en: 'Yes' },
  no: { es: 'No', en: 'No' },
  declaredOn: { es: 'Fecha (de inscripción o de la declaración)', en: 'Date (of registration or declaration)' },
  declare: { es: 'Guardar declaración', en: 'Save declaration' },
  declaredYes: { es: '{kind}: sí, {on}', en: '{kind}: yes, {on}' },
  declaredNo: { es: '{kind}: no, {on}', en: '{kind}: no, {on}' },
  newApplication: { es: 'Registrar una postulación', en: 'Record an application' },
  call: { es: 'Convocatoria', en: 'Call' },
  chooseCall: { es: 'Elija una convocatoria', en: 'Choose a call' },
  amountRequested: { es: 'Monto solicitado (pesos)', en: 'Amount requested (CLP)' },
  status: { es: 'Estado', en: 'Status' },
  apply: { es: 'Registrar postulación', en: 'Record application' },
  update: { es: 'Actualizar', en: 'Update' },
  amountAwarded: { es: 'Monto adjudicado (pesos)', en: 'Amount awarded (CLP)' },
  dueOn: { es: 'Vencimiento de la rendición', en: 'Expense report due on' },
  submittedOn: { es: 'Rendición entregada el', en: 'Expense report submitted on' },
  onlyOfficers: {
    es: 'Solo la directiva de la organización registra declaraciones y postulaciones.',
    en: "Only the organisation's officers record declarations and applications.",
  },
  saved: { es: 'Guardado.', en: 'Saved.' },
  linkFunds: { es: 'Fondos', en: 'Funds' },
});

export const STATUS_LABELS = {
  preparing: { es: 'En preparación', en: 'Preparing' },
  submitted: { es: 'Enviada', en: 'Submitted' },
  admissible: { es: 'Admisible', en: 'Admissible' },
  inadmissible: { es: 'Inadmisible', en: 'Inadmissible' },
  awarded: { es: 'Adjudicada', en: 'Awarded' },
  rejected: { es: 'No adjudicada', en: 'Not awarded' },
} as const;

export const STATE_LABELS = {
  upcoming: { es: 'Próxima', en: 'Upcoming' },
  open: { es: 'Abierta', en: 'Open' },
  closing_soon: { es: 'Cierra pronto', en: 'Closing soon' },
  closed: { es: 'Cerrada', en: 'Closed' },
} as const;
