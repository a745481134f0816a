import { Locale, translate } from '../common/i18n/i18n';
import { defineMessages, eachLanguage, LocalizedText } from '../common/i18n/messages';
import type { AssociationStatus } from './association-rules';

/**
 * Every refusal of the registry, the rosters, the people and the constitution (issue 16 item 6): Spanish exactly
 * as the API and the pages have always answered, English beside it, numbers and names as `{parameters}`.
 */
export const associationTexts = defineMessages({
  certifyConfirm: {
    es: 'Marque la casilla para confirmar que presenció la asamblea y certifica la constitución: la certificación no se puede deshacer.',
    en: 'Tick the box to confirm that you attended the assembly and certify the constitution: a certification cannot be undone.',
  },
  // ---- shared -----------------------------------------------------------------------------------------
  forbidden: {
    es: 'Su rol no permite esta acción en esta organización.',
    en: 'Your role does not allow this action in this organisation.',
  },
  fieldRequired: { es: 'El campo {field} es obligatorio.', en: 'The field {field} is required.' },
  fieldMaxLength: {
    es: 'El campo {field} admite como máximo {max} caracteres.',
    en: 'The field {field} allows at most {max} characters.',
  },
  fieldDate: {
    es: 'El campo {field} debe ser una fecha (aaaa-mm-dd o dd-mm-aaaa).',
    en: 'The field {field} must be a date (yyyy-mm-dd or dd-mm-yyyy).',
  },
  fieldValidDate: { es: 'El campo {field} debe ser una fecha válida.', en: 'The field {field} must be a valid date.' },
  fieldValidDateFormats: {
    es: 'El campo {field} debe ser una fecha válida (aaaa-mm-dd o dd-mm-aaaa).',
    en: 'The field {field} must be a valid date (yyyy-mm-dd or dd-mm-yyyy).',
  },
  fieldFutureDate: {
    es: 'El campo {field} no puede ser una fecha futura.',
    en: 'The field {field} cannot be a date in the future.',
  },
  fieldDateTime: {
    es: 'El campo {field} debe ser una fecha y hora, por ejemplo 2026-03-17T19:00 (hora de {commune}).',
    en: 'The field {field} must be a date and time, for example 2026-03-17T19:00 ({commune} time).',
  },
  emailInvalid: {
    es: 'El campo {field} debe ser un correo electrónico válido.',
    en: 'The field {field} must be a valid email address.',
  },
  fullNameRequired: {
    es: 'El campo fullName (nombre completo) es obligatorio.',
    en: 'The field fullName (full name) is required.',
  },
  birthDateRequired: {
    es: 'El campo birthDate (fecha de nacimiento) es obligatorio.',
    en: 'The field birthDate (date of birth) is required.',
  },
  birthDateInvalid: {
    es: 'El campo birthDate (fecha de nacimiento) debe ser una fecha válida.',
    en: 'The field birthDate (date of birth) must be a valid date.',
  },
  joinedOnRequired: {
    es: 'El campo joinedOn (fecha de ingreso) es obligatorio.',
    en: 'The field joinedOn (joining date) is required.',
  },
  joinedOnInvalid: {
    es: 'El campo joinedOn (fecha de ingreso) debe ser una fecha válida.',
    en: 'The field joinedOn (joining date) must be a valid date.',
  },
  birthBeforeJoining: {
    es: 'La fecha de nacimiento debe ser anterior a la fecha de ingreso.',
    en: 'The date of birth must be before the joining date.',
  },
  versionConflictMember: {
    es: 'Otra persona modificó este socio mientras usted lo editaba. Recargue la página y vuelva a aplicar sus cambios.',
    en: 'Someone else changed this member while you were editing it. Reload the page and apply your changes again.',
  },

  // ---- registry ---------------------------------------------------------------------------------------
  communeUnknown: { es: 'No existe la comuna {commune}.', en: 'The commune {commune} does not exist.' },
  registerOnlyOfficerOfCommune: {
    es: 'Solo un funcionario municipal de la comuna registra organizaciones en ella.',
    en: 'Only a municipal officer of the commune registers organisations in it.',
  },
  registerOnlyOfficer: {
    es: 'Solo un funcionario municipal registra organizaciones.',
    en: 'Only a municipal officer registers organisations.',
  },
  registryExportOnlyOfficer: {
    es: 'Solo el funcionario municipal de la comuna o del distrito exporta el registro con sus contactos.',
    en: 'Only the municipal officer of the commune or district exports the registry with its contacts.',
  },
  kindNotAllowedPeru: {
    es: 'El campo kind no admite «{kind}» en un distrito del Perú: use {kinds}.',
    en: 'The field kind does not allow «{kind}» in a district of Peru: use {kinds}.',
  },
  kindNotAllowedChile: {
    es: 'El campo kind no admite «{kind}» en una comuna de Chile: use {kinds}.',
    en: 'The field kind does not allow «{kind}» in a commune of Chile: use {kinds}.',
  },
  registryFactsMunicipal: {
    es: 'El nombre, la unidad vecinal, el área y el RUT de la organización los corrige la municipalidad.',
    en: "The organisation's name, neighbourhood unit, area and RUT are corrected by the municipality.",
  },
  versionConflictAssociation: {
    es: 'Otra persona modificó esta organización mientras usted la editaba. Recargue la página y vuelva a aplicar sus cambios.',
    en: 'Someone else changed this organisation while you were editing it. Reload the page and apply your changes again.',
  },
  constitutionRequired: {
    es: 'Esta organización obtiene su personalidad jurídica con la constitución ante un ministro de fe y el depósito en la municipalidad, no con un registro externo.',
    en: 'This organisation obtains its legal personality through its constitution before a faith minister and the deposit with the municipality, not through an outside registry.',
  },
  dissolved: { es: 'La organización está disuelta.', en: 'The organisation is dissolved.' },
  statusChanged: {
    es: 'La organización cambió de estado mientras tanto: recargue la página y vuelva a intentarlo.',
    en: 'The organisation changed status in the meantime: reload the page and try again.',
  },
  nameRequired: { es: 'El campo name (nombre) es obligatorio.', en: 'The field name is required.' },
  addressRequired: { es: 'El campo address (dirección) es obligatorio.', en: 'The field address is required.' },
  areaInvalid: {
    es: 'El campo area debe ser urban (urbana) o rural.',
    en: 'The field area must be urban or rural.',
  },
  neighbourhoodUnitRequired: {
    es: 'Una junta de vecinos actúa en una unidad vecinal: el campo neighbourhoodUnit es obligatorio.',
    en: 'A neighbourhood council acts in a neighbourhood unit: the field neighbourhoodUnit is required.',
  },
  useRuc: {
    es: 'En el Perú las organizaciones se identifican con RUC: use el campo ruc.',
    en: 'In Peru organisations are identified by their RUC: use the field ruc.',
  },
  useRut: {
    es: 'En Chile las organizaciones se identifican con RUT: use el campo rut.',
    en: 'In Chile organisations are identified by their RUT: use the field rut.',
  },
  registryNumberRequired: {
    es: 'El campo registryNumber (número de inscripción en el Ministerio de Economía) es obligatorio.',
    en: 'The field registryNumber (registration number with the Ministry of Economy) is required.',
  },
  registeredOnRequired: {
    es: 'El campo registeredOn (fecha de inscripción) es obligatorio.',
    en: 'The field registeredOn (registration date) is required.',
  },
  recognisedByRequired: {
    es: 'El campo recognisedBy (quién reconoce a la organización, por ejemplo la comisaría del sector) es obligatorio.',
    en: 'The field recognisedBy (who recognises the organisation, for example the local police station) is required.',
  },
  recognisedOnRequired: {
    es: 'El campo recognisedOn (fecha del reconocimiento) es obligatorio.',
    en: 'The field recognisedOn (date of recognition) is required.',
  },
  duplicateDocument: {
    es: 'Ya hay una organización registrada con ese {document}.',
    en: 'There is already an organisation registered with that {document}.',
  },
  duplicateName: {
    es: 'Ya hay una organización con ese nombre en la comuna.',
    en: 'There is already an organisation with that name in the commune.',
  },
  accessOnlyMunicipality: {
    es: 'Solo la municipalidad da acceso a la directiva y a los socios.',
    en: 'Only the municipality gives access to the board and the members.',
  },

  // ---- roster -----------------------------------------------------------------------------------------
  rosterDissolved: {
    es: 'La organización está disuelta: su registro de socios ya no admite ingresos.',
    en: 'The organisation is dissolved: its roster no longer admits new members.',
  },
  alreadyMember: {
    es: 'La persona con ese {document} ya es socia de esta organización.',
    en: 'The person with that {document} is already a member of this organisation.',
  },
  otherCouncil: {
    es: 'La persona ya pertenece a otra junta de vecinos: una persona puede ser socia de una sola junta de vecinos a la vez.',
    en: 'The person already belongs to another neighbourhood council: a person can be a member of only one neighbourhood council at a time.',
  },
  otherCouncilImport: {
    es: 'La persona ya pertenece a otra junta de vecinos: debe retirarse de ella antes de ingresar a esta.',
    en: 'The person already belongs to another neighbourhood council: they must leave it before joining this one.',
  },
  identityMismatchImport: {
    es: 'El {document} ya está registrado con otro nombre o fecha de nacimiento: revise el número o pida a la municipalidad corregir los datos.',
    en: 'The {document} is already registered with another name or date of birth: check the number or ask the municipality to correct the details.',
  },
  identityMismatch: {
    es: 'El {document} ya está registrado con otro nombre o fecha de nacimiento: revise el número, o pida a la municipalidad corregir los datos de la persona.',
    en: "The {document} is already registered with another name or date of birth: check the number, or ask the municipality to correct the person's details.",
  },
  useDocumentField: {
    es: 'Esta organización identifica a sus socios con {document}: use el campo {field}.',
    en: 'This organisation identifies its members by {document}: use the field {field}.',
  },
  memberTooYoung: {
    es: 'La persona tenía {age} años al ingresar; el mínimo para esta organización es {minimum} años.',
    en: 'The person was {age} years old on joining; the minimum for this organisation is {minimum} years.',
  },
  memberTooYoungWithBirthDate: {
    es: 'Con esa fecha de nacimiento la persona tenía {age} años al ingresar; el mínimo para esta organización es {minimum} años.',
    en: 'With that date of birth the person was {age} years old on joining; the minimum for this organisation is {minimum} years.',
  },
  guardianConsentRequired: {
    es: 'La persona tiene menos de {under} años: registre el consentimiento de su apoderado (marque la casilla y escriba su nombre).',
    en: "The person is under {under}: record their guardian's consent (tick the box and write the guardian's name).",
  },
  guardianConsentRequiredOnJoining: {
    es: 'La persona tenía menos de {under} años al ingresar: el consentimiento de su apoderado es obligatorio.',
    en: "The person was under {under} on joining: their guardian's consent is required.",
  },
  identityByMunicipality: {
    es: 'El nombre y la fecha de nacimiento los corrige la municipalidad: pida la corrección desde la ficha del socio en el portal («Pedir la corrección a la municipalidad»), que escribe a los funcionarios municipales de la comuna.',
    en: "The name and the date of birth are corrected by the municipality: ask for the correction from the member's page on the portal («Pedir la corrección a la municipalidad»), which writes to the commune's municipal officers.",
  },
  membershipEnded: {
    es: 'La membresía terminó: los datos de la persona ya no se editan desde este registro de socios.',
    en: "The membership has ended: the person's details are no longer edited from this roster.",
  },
  personErasedNoEdit: {
    es: 'Los datos de esta persona fueron eliminados a su solicitud y no se pueden editar.',
    en: "This person's data were erased at their request and cannot be edited.",
  },
  statusDateRequired: {
    es: '{label} es obligatoria y debe ser una fecha válida.',
    en: '{label} is required and must be a valid date.',
  },
  statusDateBeforeJoining: {
    es: '{label} no puede ser anterior a la fecha de ingreso ({joinedOn}).',
    en: '{label} cannot be before the joining date ({joinedOn}).',
  },
  statusDateFuture: { es: '{label} no puede ser una fecha futura.', en: '{label} cannot be a date in the future.' },
  reasonRequired: { es: 'El motivo (reason) es obligatorio.', en: 'The reason is required.' },
  membershipStatus: {
    es: 'La membresía {state}: no se puede {action}.',
    en: 'The membership {state}: it cannot be {action}.',
  },
  noMunicipalOfficer: {
    es: 'La municipalidad de esta comuna todavía no tiene funcionarios en Quórum: pida la corrección a la administración de Quórum.',
    en: "This commune's municipality has no officers on Quórum yet: ask Quórum's administration for the correction.",
  },

  // ---- roster import ----------------------------------------------------------------------------------
  importSendCsv: {
    es: 'Envíe el archivo CSV como cuerpo de la solicitud, con Content-Type: text/csv.',
    en: 'Send the CSV file as the body of the request, with Content-Type: text/csv.',
  },
  importAlreadyDone: { es: 'Este archivo ya se importó.', en: 'This file has already been imported.' },
  importRefusedOne: {
    es: 'No se importó ningún socio: hay 1 error en el archivo ({lines}).',
    en: 'No member was imported: there is 1 error in the file ({lines}).',
  },
  importRefusedMany: {
    es: 'No se importó ningún socio: hay {count} errores en el archivo ({lines}).',
    en: 'No member was imported: there are {count} errors in the file ({lines}).',
  },
  importLine: { es: 'línea {line}', en: 'line {line}' },
  importLineMessage: { es: 'Línea {line}: {message}', en: 'Line {line}: {message}' },
  xlsxInvalid: { es: 'El archivo no es una planilla XLSX válida.', en: 'The file is not a valid XLSX spreadsheet.' },
  xlsxNoSheets: { es: 'La planilla no tiene hojas.', en: 'The spreadsheet has no sheets.' },
  fileEmpty: {
    es: 'El archivo está vacío: debe traer la fila de encabezado y al menos un socio.',
    en: 'The file is empty: it must have the header row and at least one member.',
  },
  fieldNotUtf8: {
    es: 'El campo {field} no está en UTF-8 (parece Latin-1 o Windows-1252): guarde el archivo como «CSV UTF-8» e intente de nuevo.',
    en: 'The field {field} is not in UTF-8 (it looks like Latin-1 or Windows-1252): save the file as «CSV UTF-8» and try again.',
  },
  fileNotUtf8: {
    es: 'El archivo no está en UTF-8 (parece Latin-1 o Windows-1252): guarde el archivo como «CSV UTF-8» e intente de nuevo.',
    en: 'The file is not in UTF-8 (it looks like Latin-1 or Windows-1252): save the file as «CSV UTF-8» and try again.',
  },
  quotesNotClosed: {
    es: 'Hay comillas que se abren y no se cierran: revise esta fila.',
    en: 'There are quotes that open and do not close: check this row.',
  },
  rowNotCsv: {
    es: 'La fila no se puede leer como CSV (comillas mal puestas): revise esta fila.',
    en: 'The row cannot be read as CSV (misplaced quotes): check this row.',
  },
  headerExpected: {
    es: 'La primera fila debe nombrar las columnas, en español ({spanish}) o como en la API ({header}), separadas por comas o por punto y coma. Descargue la plantilla para ver un ejemplo.',
    en: 'The first row must name the columns, in Spanish ({spanish}) or as in the API ({header}), separated by commas or semicolons. Download the template for an example.',
  },
  headerOtherDocument: {
    es: 'La primera fila debe nombrar las columnas, en español ({spanish}) o como en la API ({header}), separadas por comas o por punto y coma. Esta organización usa {document}, no {other}.',
    en: 'The first row must name the columns, in Spanish ({spanish}) or as in the API ({header}), separated by commas or semicolons. This organisation uses {document}, not {other}.',
  },
  noMembersInFile: {
    es: 'El archivo no trae socios: solo tiene la fila de encabezado.',
    en: 'The file has no members: it only has the header row.',
  },
  tooManyRows: {
    es: 'El archivo supera el máximo de {max} socios por importación.',
    en: 'The file exceeds the maximum of {max} members per import.',
  },
  rowColumnsOne: {
    es: 'La fila tiene {count} columna; se esperaban {width}.',
    en: 'The row has {count} column; {width} were expected.',
  },
  rowColumnsMany: {
    es: 'La fila tiene {count} columnas; se esperaban {width}.',
    en: 'The row has {count} columns; {width} were expected.',
  },
  controlCharacters: {
    es: 'El campo {field} contiene caracteres de control no permitidos.',
    en: 'The field {field} contains control characters that are not allowed.',
  },
  looksLikeFormula: {
    es: 'El campo {field} empieza con {sign} y parece una fórmula de planilla: quítela o escriba el texto sin ese signo.',
    en: 'The field {field} starts with {sign} and looks like a spreadsheet formula: remove it or write the text without that sign.',
  },
  documentRepeated: {
    es: 'El {document} se repite: ya aparece en la línea {previous}.',
    en: 'The {document} is repeated: it already appears on line {previous}.',
  },
  phoneInvalid: {
    es: 'El campo phone debe ser un teléfono (dígitos, espacios y un + inicial), por ejemplo +56 9 1234 5678.',
    en: 'The field phone must be a phone number (digits, spaces and a leading +), for example +56 9 1234 5678.',
  },
  importTooYoung: {
    es: 'La persona tenía {age} años al ingresar; el mínimo para esta organización es {minimum}.',
    en: 'The person was {age} years old on joining; the minimum for this organisation is {minimum}.',
  },
  importGuardianConsent: {
    es: 'La persona es menor de {under} años y requiere el consentimiento de su apoderado: agréguela desde el formulario de socio.',
    en: "The person is under {under} and needs their guardian's consent: add them with the member form.",
  },

  // ---- people -----------------------------------------------------------------------------------------
  personOtherCommunes: {
    es: 'La persona también pertenece a organizaciones de otras comunas: {what} la hace la administración del portal.',
    en: "The person also belongs to organisations in other communes: {what} is done by the portal's administration.",
  },
  personErased: {
    es: 'Los datos de esta persona fueron eliminados a su solicitud.',
    en: "This person's data were erased at their request.",
  },
  correctionReasonRequired: {
    es: 'El campo reason (motivo de la corrección) es obligatorio.',
    en: 'The field reason (reason for the correction) is required.',
  },
  erasureReasonRequired: {
    es: 'El campo reason (motivo o número de la solicitud) es obligatorio.',
    en: 'The field reason (reason or number of the request) is required.',
  },
  personDocumentTaken: {
    es: 'Ya existe otra persona con ese {document}.',
    en: 'Another person with that {document} already exists.',
  },
  erasureConflict: {
    es: 'Una membresía de esta persona cambió mientras se procesaba la supresión: intente de nuevo.',
    en: "One of this person's memberships changed while the erasure was being processed: try again.",
  },

  // ---- boards -----------------------------------------------------------------------------------------
  boardStatus: {
    es: 'El directorio definitivo se elige cuando la organización ya está constituida; antes, el directorio provisorio se registra con la asamblea constitutiva.',
    en: 'The definitive board is elected once the organisation is constituted; before that, the provisional board is recorded with the constitutive assembly.',
  },
  boardKind: {
    es: 'El campo kind debe ser provisional o definitive.',
    en: 'The field kind must be provisional or definitive.',
  },
  boardEndsAfterStart: {
    es: 'El término del período (endsOn) debe ser posterior a su inicio (startsOn).',
    en: 'The end of the term (endsOn) must be after its start (startsOn).',
  },
  boardProvisionalTooLong: {
    es: 'Un directorio provisorio dura 60 días: el período que empieza el {startsOn} termina a más tardar el {latest}.',
    en: 'A provisional board lasts 60 days: the term that starts on {startsOn} ends on {latest} at the latest.',
  },
  boardDefinitiveTooLong: {
    es: 'Un directorio definitivo dura 3 años: el período que empieza el {startsOn} termina a más tardar el {latest}.',
    en: 'A definitive board lasts 3 years: the term that starts on {startsOn} ends on {latest} at the latest.',
  },
  boardTermStart: {
    es: 'Un directorio se registra una vez elegido, con su período por empezar a más tardar en {days} días (el {horizon}).',
    en: 'A board is recorded once elected, with its term starting within {days} days at the latest (on {horizon}).',
  },
  boardProvisionalOnce: {
    es: 'El directorio provisorio lo elige una sola vez la asamblea constitutiva; ahora corresponde elegir un directorio definitivo.',
    en: 'The provisional board is elected only once, by the constitutive assembly; a definitive board must be elected now.',
  },
  boardSeatsRequired: {
    es: 'El campo seats debe listar los cargos del directorio.',
    en: "The field seats must list the board's posts.",
  },
  boardSeatMemberId: {
    es: 'Cada cargo indica el socio por su id de membresía (memberId).',
    en: 'Each post names the member by their membership id (memberId).',
  },
  memberNotOnRoster: {
    es: 'El socio {member} no está en el registro de socios de esta organización.',
    en: "The member {member} is not on this organisation's roster.",
  },
  boardMemberNotActive: {
    es: '{name} no es socio activo: solo los socios activos integran el directorio.',
    en: '{name} is not an active member: only active members sit on the board.',
  },
  boardTermOverlap: {
    es: 'El nuevo período debe empezar después del inicio del último registrado ({latest}).',
    en: 'The new term must start after the start of the last one recorded ({latest}).',
  },

  // ---- constitution -----------------------------------------------------------------------------------
  constitutionTradeAssociation: {
    es: 'Una asociación gremial se inscribe en el Ministerio de Economía: no se constituye ante la municipalidad.',
    en: 'A trade association registers with the Ministry of Economy: it is not constituted before the municipality.',
  },
  constitutionPeru: {
    es: 'En el Perú la organización se reconoce: no hay constitución ante un ministro de fe municipal.',
    en: 'In Peru the organisation is recognised: there is no constitution before a municipal faith minister.',
  },
  constitutionStatus: {
    es: 'La organización está «{status}»: esta etapa de la constitución no corresponde.',
    en: 'The organisation is «{status}»: this stage of the constitution does not apply.',
  },
  faithMinisterNotInCommune: {
    es: 'La persona indicada no es ministro de fe de la comuna de la organización.',
    en: "The person given is not a faith minister of the organisation's commune.",
  },
  alreadyCertifiedDeposit: {
    es: 'La constitución ya está certificada: deposite el acta en la Secretaría Municipal a más tardar el {deadline}. Solo si ese plazo vence sin depósito se registra una nueva asamblea.',
    en: 'The constitution is already certified: deposit the acta with the Municipal Secretariat by {deadline} at the latest. Only if that deadline passes without a deposit is a new assembly recorded.',
  },
  assemblyInFuture: {
    es: 'La asamblea constitutiva se registra una vez realizada: la fecha (assemblyAt) no puede ser futura.',
    en: 'The constitutive assembly is recorded once held: the date (assemblyAt) cannot be in the future.',
  },
  statutesNotApproved: {
    es: 'Sin la aprobación de los estatutos no hay constitución: la asamblea debe aprobarlos (statutesApproved).',
    en: 'Without the approval of the statutes there is no constitution: the assembly must approve them (statutesApproved).',
  },
  faithMinisterByMunicipality: {
    es: 'El ministro de fe lo asigna la municipalidad.',
    en: 'The faith minister is assigned by the municipality.',
  },
  foundersByMemberId: {
    es: 'Los socios se indican por su id de membresía (memberId).',
    en: 'Members are given by their membership id (memberId).',
  },
  founderNotActive: { es: '{name} no es socio activo.', en: '{name} is not an active member.' },
  boardMemberNotFounder: {
    es: '{name} integra el directorio provisorio pero no figura entre los fundadores presentes.',
    en: '{name} sits on the provisional board but is not among the founders present.',
  },
  alreadyCertifiedAssembly: {
    es: 'El ministro de fe ya certificó esta constitución: la asamblea no se puede cambiar.',
    en: 'The faith minister has already certified this constitution: the assembly cannot be changed.',
  },
  notAssignedFaithMinister: {
    es: 'Solo el ministro de fe asignado a esta constitución, de la comuna, puede certificarla.',
    en: 'Only the faith minister assigned to this constitution, from the commune, can certify it.',
  },
  alreadyCertified: {
    es: 'Esta constitución ya fue certificada.',
    en: 'This constitution has already been certified.',
  },
  // ---- the statutes (issue 20 item 8) ----------------------------------------------------------------
  statutesMissing: {
    es: 'Estatutos: elija el archivo PDF de los estatutos.',
    en: 'Statutes: choose the PDF file of the statutes.',
  },
  statutesEmpty: {
    es: 'Estatutos: el archivo está vacío.',
    en: 'Statutes: the file is empty.',
  },
  statutesNotPdf: {
    es: 'Estatutos: el archivo no es un PDF.',
    en: 'Statutes: the file is not a PDF.',
  },
  statutesTooLarge: {
    es: 'Estatutos: el archivo supera el máximo de {mb} MB.',
    en: 'Statutes: the file is larger than {mb} MB.',
  },
  statutesUnreadable: {
    es: 'Estatutos: no se pudo leer el archivo enviado; envíelo otra vez.',
    en: 'Statutes: the file sent could not be read; send it again.',
  },
  statutesCertified: {
    es: 'La constitución ya fue certificada: sus estatutos no se pueden reemplazar.',
    en: 'The constitution has already been certified: its statutes cannot be replaced.',
  },
  founderNoLongerActive: {
    es: '{name} figura como fundador pero ya no es socio activo: registre la asamblea otra vez.',
    en: '{name} is listed as a founder but is no longer an active member: record the assembly again.',
  },
  depositBeforeAssembly: {
    es: 'El depósito (depositedOn) no puede ser anterior a la asamblea del {assembly}.',
    en: 'The deposit (depositedOn) cannot be before the assembly of {assembly}.',
  },
  depositWindowClosed: {
    es: 'El acta debía depositarse dentro de los 30 días siguientes a la asamblea del {assembly}, a más tardar el {deadline}; el depósito del {depositedOn} está {days} días fuera de plazo.',
    en: 'The acta had to be deposited within 30 days of the assembly of {assembly}, by {deadline} at the latest; the deposit of {depositedOn} is {days} days late.',
  },
  notDeposited: {
    es: 'Esta organización no tiene un acta constitutiva depositada en el portal: no hay depósito que objetar.',
    en: 'This organisation has no constitutive acta deposited on the portal: there is no deposit to object to.',
  },
  objectionBeforeDeposit: {
    es: 'La objeción (objectedOn) no puede ser anterior al depósito del {depositedOn}.',
    en: 'The objection (objectedOn) cannot be before the deposit of {depositedOn}.',
  },
  objectionWindowClosed: {
    es: 'La municipalidad podía objetar hasta el {deadline}, 30 días después del depósito del {depositedOn}.',
    en: 'The municipality could object until {deadline}, 30 days after the deposit of {depositedOn}.',
  },
  correctionBeforeObjection: {
    es: 'La subsanación (correctedOn) no puede ser anterior a la objeción del {objectedOn}.',
    en: 'The correction (correctedOn) cannot be before the objection of {objectedOn}.',
  },
  correctionWindowClosed: {
    es: 'El plazo para subsanar venció el {deadline}, 90 días después de la objeción del {objectedOn}.',
    en: 'The deadline for the correction passed on {deadline}, 90 days after the objection of {objectedOn}.',
  },
  actaRestricted: {
    es: 'El acta constitutiva lleva el RUT de cada fundador: la descargan la directiva, la municipalidad y el ministro de fe que la certificó. El certificado está disponible para todos.',
    en: 'The constitutive acta carries each founder’s RUT: the board, the municipality and the faith minister who certified it download it. The certificate is available to everyone.',
  },

  // ---- constitution rules (DOM-ORG-3 to -8) -----------------------------------------------------------
  foundersBelowMinimumOne: {
    es: 'Hay 1 socio fundador presente; {what} necesita al menos {minimum}.',
    en: 'There is 1 founding member present; {what} needs at least {minimum}.',
  },
  foundersBelowMinimumMany: {
    es: 'Hay {present} socios fundadores presentes; {what} necesita al menos {minimum}.',
    en: 'There are {present} founding members present; {what} needs at least {minimum}.',
  },
  councilOfPopulation: {
    es: 'una junta de vecinos de una comuna de {population} habitantes',
    en: 'a neighbourhood council in a commune of {population} inhabitants',
  },
  councilOfUnknownPopulation: {
    es: 'una junta de vecinos de una comuna de población desconocida',
    en: 'a neighbourhood council in a commune of unknown population',
  },
  functionalUrban: { es: 'una organización funcional urbana', en: 'an urban functional organisation' },
  functionalRural: { es: 'una organización funcional rural', en: 'a rural functional organisation' },
  founderBirthDateMissing: {
    es: 'Falta la fecha de nacimiento de {name}: sin ella no se puede comprobar su edad.',
    en: "{name}'s date of birth is missing: without it their age cannot be checked.",
  },
  founderTooYoung: {
    es: '{name} tiene {age} años; el mínimo para esta organización es {minimum}.',
    en: '{name} is {age} years old; the minimum for this organisation is {minimum}.',
  },
  founderGuardianConsent: {
    es: '{name} es menor de {under} años y no tiene registrado el consentimiento de su apoderado.',
    en: "{name} is under {under} and has no guardian's consent recorded.",
  },
  boardPostMissing: {
    es: 'Falta el cargo de {post}: el directorio debe tener presidente, secretario y tesorero.',
    en: 'The post of {post} is missing: the board must have a president, a secretary and a treasurer.',
  },
  boardPostDuplicated: {
    es: 'Hay {count} personas en el cargo de {post}; corresponde una.',
    en: 'There are {count} people in the post of {post}; there should be one.',
  },
  boardMemberRepeated: {
    es: '{name} ocupa más de un cargo en el directorio.',
    en: '{name} holds more than one post on the board.',
  },
  boardTooManySubstitutes: {
    es: 'Hay {substitutes} suplentes para {titular} cargos titulares: los suplentes no pueden ser más que los titulares.',
    en: 'There are {substitutes} substitutes for {titular} full posts: there cannot be more substitutes than full members.',
  },
  boardSubstituteRanks: {
    es: 'Los suplentes deben tener un orden de precedencia 1, 2, 3… sin repetir ni saltar números.',
    en: 'Substitutes must have an order of precedence 1, 2, 3… without repeating or skipping numbers.',
  },
  boardBirthDateMissing: {
    es: 'Falta la fecha de nacimiento de {name}: el directorio exige 18 años o más.',
    en: "{name}'s date of birth is missing: the board requires members aged 18 or over.",
  },
  boardMemberTooYoung: {
    es: '{name} tiene {age} años: para integrar el directorio se necesitan 18 años o más.',
    en: '{name} is {age} years old: board members must be 18 or over.',
  },
  boardDeclarationMissing: {
    es: 'Falta la declaración de {name}: chileno o residente en Chile por más de 3 años, y sin cargo de alcalde, concejal ni jefe de departamento municipal de la comuna.',
    en: "{name}'s declaration is missing: Chilean or resident in Chile for more than 3 years, and not the commune's mayor, a councillor or a head of a municipal department.",
  },
  boardMemberTooRecent: {
    es: '{name} es socio desde hace menos de un año: no puede integrar el directorio.',
    en: '{name} has been a member for less than a year: they cannot sit on the board.',
  },
});

export { eachLanguage };

/** DOM-ORG-1: a constitution stage refused for the association's status, the status named in the reader's language. */
export function constitutionStatusText(status: AssociationStatus): LocalizedText {
  return eachLanguage((l) =>
    associationTexts.constitutionStatus({ status: translate(l, `associationStatuses.${status}`) }),
  );
}

const MEMBERSHIP_STATES = {
  es: { active: 'está activa', suspended: 'está suspendida', ended: 'ya terminó' },
  en: { active: 'is active', suspended: 'is suspended', ended: 'has already ended' },
} as const;
const MEMBERSHIP_ACTIONS = {
  es: { ended: 'terminar', suspended: 'suspender', reactivated: 'reactivar' },
  en: { ended: 'ended', suspended: 'suspended', reactivated: 'reactivated' },
} as const;

/** A membership that cannot go from `status` by `action` (suspend an ended one...). */
export function membershipStatusText(
  status: 'active' | 'suspended' | 'ended',
  action: 'suspended' | 'reactivated' | 'ended',
): LocalizedText {
  return eachLanguage((l) =>
    associationTexts.membershipStatus({ state: MEMBERSHIP_STATES[l][status], action: MEMBERSHIP_ACTIONS[l][action] }),
  );
}

/** The date a membership's status change names: the end (leftOn) or the suspension or reactivation (on). */
export const STATUS_DATE_LABELS = {
  es: { leftOn: 'La fecha de retiro (leftOn)', on: 'La fecha (on)' },
  en: { leftOn: 'The leaving date (leftOn)', on: 'The date (on)' },
} as const;

const POST_NAMES = {
  es: {
    president: 'presidente',
    secretary: 'secretario',
    treasurer: 'tesorero',
    director: 'director',
    substitute: 'suplente',
  },
  en: {
    president: 'president',
    secretary: 'secretary',
    treasurer: 'treasurer',
    director: 'director',
    substitute: 'substitute',
  },
} as const;

/** A board post's name in each language (DOM-ORG-5). */
export function postName(post: keyof (typeof POST_NAMES)['es'], locale: Locale): string {
  return POST_NAMES[locale][post];
}

/** What a commune officer may not do alone on a person of several communes (people.service.ts). */
export const PERSON_ACTIONS = {
  identity: { es: 'la corrección de su RUT o DNI', en: 'the correction of their RUT or DNI' },
  erasure: { es: 'la supresión de sus datos', en: 'the erasure of their data' },
} as const satisfies Record<string, LocalizedText>;
