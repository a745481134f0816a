import { defineMessages } from '../common/i18n/messages';

/** The programs module's refusals in Spanish and English (issue 16 item 6). */
export const programTexts = defineMessages({
  agencyRequired: {
    es: 'Indique la institución que ejecuta el programa (campo agencyInstitutionId o agencyName).',
    en: 'Name the institution that runs the programme (field agencyInstitutionId or agencyName).',
  },
  agencyUnknown: {
    es: 'La institución indicada no existe en la lista de instituciones.',
    en: 'That institution is not in the list of institutions.',
  },
  territoryRequired: {
    es: 'Indique el territorio del programa: una región o al menos una comuna.',
    en: 'Give the programme a territory: a region or at least one commune.',
  },
  regionUnknown: { es: 'No existe la región {code}.', en: 'Region {code} does not exist.' },
  communeUnknown: { es: 'No existe la comuna {code}.', en: 'Commune {code} does not exist.' },
  endsBeforeStart: {
    es: 'La fecha de término ({endsOn}) es anterior a la de inicio ({startsOn}).',
    en: 'The end date ({endsOn}) is before the start date ({startsOn}).',
  },
  dateOutsideProgram: {
    es: 'La fecha {date} está fuera del programa (del {startsOn} al {endsOn}).',
    en: 'The date {date} is outside the programme (from {startsOn} to {endsOn}).',
  },
  lineUnknown: {
    es: 'La línea de acción «{line}» no es una de las del programa: {lines}.',
    en: 'The line of action "{line}" is not one of the programme\'s: {lines}.',
  },
  alreadyEnrolled: {
    es: 'La organización ya está inscrita en este programa.',
    en: 'The organisation is already enrolled in this programme.',
  },
  associationUnknown: {
    es: 'No existe la organización indicada.',
    en: 'That organisation does not exist.',
  },
  outsideTerritory: {
    es: 'La organización es de la comuna {commune}, fuera del territorio del programa.',
    en: "The organisation is in commune {commune}, outside the programme's territory.",
  },
  notEnrolled: {
    es: 'La organización no está inscrita en este programa.',
    en: 'The organisation is not enrolled in this programme.',
  },
  consentRequired: {
    es: 'La organización no ha compartido su registro de socios con este programa: sus socios solo se pueden inscribir cuando una directiva lo comparte desde la página de la organización.',
    en: "The organisation has not shared its roster with this programme: its members can be enrolled only once an officer shares it from the organisation's page.",
  },
  memberUnknown: {
    es: 'La persona indicada no es socia activa de la organización.',
    en: 'That person is not an active member of the organisation.',
  },
  duplicateBeneficiary: {
    es: 'Esta persona ya es beneficiaria del programa.',
    en: 'This person is already a beneficiary of the programme.',
  },
  documentRequired: {
    es: 'Indique el RUT o el DNI de la persona.',
    en: "Give the person's RUT or DNI.",
  },
  nameRequired: { es: 'Indique el nombre completo.', en: 'Give the full name.' },
  consentVersionRequired: {
    es: 'Registre el consentimiento de la persona: indique la versión del texto que aceptó (campo consentTextVersion).',
    en: "Record the person's consent: give the version of the text they agreed to (field consentTextVersion).",
  },
  beneficiaryUnknown: {
    es: 'La persona beneficiaria indicada no pertenece a este programa.',
    en: 'That beneficiary does not belong to this programme.',
  },
  recipientRequired: {
    es: 'Indique quién recibe el beneficio: una persona beneficiaria o una organización inscrita (solo una).',
    en: 'Say who receives the benefit: one beneficiary or one enrolled organisation (only one).',
  },
  budgetExceeded: {
    es: 'Este beneficio deja lo entregado en {total}, sobre el presupuesto de {budget}. Confirme para registrarlo igualmente (quedará marcado).',
    en: 'This benefit brings the delivered total to {total}, over the budget of {budget}. Confirm to record it anyway (it will be flagged).',
  },
  markTwice: {
    es: 'La persona ya tiene una marca en esta lista (posición {first}): envíe una sola marca por persona.',
    en: 'This person already has a mark in this list (position {first}): send one mark per person.',
  },
  activityHasNoActa: {
    es: 'Una actividad de programa no lleva tabla, convocatoria ni acta: registre su asistencia.',
    en: 'A programme activity has no agenda, notice or minutes: record its attendance.',
  },
  activityNotStarted: {
    es: 'La actividad aún no empieza ({start}): la asistencia se registra desde su hora de inicio.',
    en: 'The activity has not started yet ({start}): attendance is recorded from its start time.',
  },
  consentAsOfficer: {
    es: 'Solo la directiva de la organización puede compartir o retirar su registro de socios.',
    en: "Only the organisation's officers can share or withdraw its roster.",
  },
  consentTextOutdated: {
    es: 'El texto de consentimiento cambió (versión vigente: {version}): vuelva a leerlo antes de aceptar.',
    en: 'The consent text has changed (current version: {version}): read it again before agreeing.',
  },
  importRefused: {
    es: 'El archivo no se importó: {count|# problema|# problemas}. Corrija cada línea indicada y vuelva a subirlo; no se guardó ninguna fila.',
    en: 'The file was not imported: {count|# problem|# problems}. Correct each line shown and upload it again; no row was saved.',
  },
  importLine: { es: 'Línea {line}: {message}', en: 'Line {line}: {message}' },
  importConsentRequired: {
    es: 'Registre el consentimiento de las personas del archivo (versión del texto que aceptaron).',
    en: 'Record the consent of the people in the file (the version of the text they agreed to).',
  },
  importColumnUnknown: {
    es: 'La columna «{column}» no es una de la plantilla: {columns}.',
    en: 'Column "{column}" is not one of the template\'s: {columns}.',
  },
  importColumnMissing: { es: 'Falta la columna «{column}».', en: 'Column "{column}" is missing.' },
  importDocumentColumnMissing: {
    es: 'Falta la columna «rut» (o «dni»).',
    en: 'Column "rut" (or "dni") is missing.',
  },
  importSexInvalid: {
    es: 'El sexo «{value}» no es válido: femenino, masculino, otro o no informa.',
    en: 'Sex "{value}" is not valid: femenino, masculino, otro or no informa.',
  },
  importCommuneOutside: {
    es: 'La comuna «{value}» no está en el territorio del programa.',
    en: 'Commune "{value}" is not in the programme\'s territory.',
  },
  importCellMissing: { es: 'Falta «{column}».', en: '"{column}" is missing.' },
  importDocumentMissing: { es: 'Falta el RUT (o el DNI).', en: 'The RUT (or the DNI) is missing.' },
  importSamePerson: {
    es: 'La misma persona ya está en la línea {first}.',
    en: 'The same person is already on line {first}.',
  },
  importFileEmpty: {
    es: 'El archivo está vacío: use la plantilla y agregue una fila por persona.',
    en: 'The file is empty: use the template and add one row per person.',
  },
});
