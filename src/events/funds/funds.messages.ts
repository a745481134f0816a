import { defineMessages } from '../../common/i18n/messages';

/** The fund calls' texts and refusals in Spanish and English (issue 18). */
export const fundTexts = defineMessages({
  institutionRequired: {
    es: 'Indique la institución que convoca el fondo (su nombre o una de la lista).',
    en: 'Name the institution that runs the call (its name or one from the list).',
  },
  institutionUnknown: {
    es: 'La institución indicada no existe en la lista de instituciones.',
    en: 'That institution is not in the list of institutions.',
  },
  regionRequired: {
    es: 'Un fondo regional necesita al menos una región.',
    en: 'A regional call needs at least one region.',
  },
  communeRequired: {
    es: 'Un fondo comunal necesita al menos una comuna.',
    en: 'A communal call needs at least one commune.',
  },
  regionUnknown: { es: 'No existe la región {code}.', en: 'Region {code} does not exist.' },
  communeUnknown: { es: 'No existe la comuna {code}.', en: 'Commune {code} does not exist.' },
  categoryUnknown: {
    es: 'La categoría «{value}» no existe; use una de: {list}.',
    en: 'Category "{value}" does not exist; use one of: {list}.',
  },
  scopeUnknown: {
    es: 'El alcance «{value}» no existe; use comunal, regional o nacional.',
    en: 'Scope "{value}" does not exist; use communal, regional or national.',
  },
  targetUnknown: {
    es: 'El tipo de postulante «{value}» no existe; use personas, organizaciones o empresas.',
    en: 'Applicant type "{value}" does not exist; use persons, organizations or businesses.',
  },
  kindUnknown: {
    es: 'El tipo de organización «{value}» no existe.',
    en: 'Organisation kind "{value}" does not exist.',
  },
  requirementUnknown: {
    es: 'El requisito «{value}» no existe; los requisitos son: {list}.',
    en: 'Requirement "{value}" does not exist; the requirements are: {list}.',
  },
  requirementInvalid: {
    es: 'El requisito «{label}» tiene un valor no válido ({value}).',
    en: 'Requirement "{label}" has an invalid value ({value}).',
  },
  localTimeFormat: {
    es: 'La {label} debe escribirse aaaa-mm-ddThh:mm (por ejemplo 2027-04-01T17:00).',
    en: 'The {label} must be written yyyy-mm-ddThh:mm (e.g. 2027-04-01T17:00).',
  },
  localTimeGap: {
    es: 'La {label} ({value}) no existe en {zone}: ese día los relojes se adelantan una hora. Elija otra hora.',
    en: 'The {label} ({value}) does not exist in {zone}: the clocks jump forward an hour that day. Choose another time.',
  },
  zoneUnknown: { es: 'La zona horaria «{value}» no existe.', en: 'Time zone "{value}" does not exist.' },
  closesBeforeOpens: {
    es: 'El cierre ({closes}) debe ser posterior a la apertura ({opens}).',
    en: 'The close ({closes}) must be after the opening ({opens}).',
  },
  minAboveMax: {
    es: 'El monto mínimo ({min}) es mayor que el máximo ({max}).',
    en: 'The minimum amount ({min}) is above the maximum ({max}).',
  },
  urlInvalid: {
    es: 'El enlace debe ser una dirección web que empiece con https:// o http://.',
    en: 'The link must be a web address starting with https:// or http://.',
  },
  duplicate: {
    es: 'Ya existe el fondo «{name}» {year} de esa institución.',
    en: 'The call "{name}" {year} of that institution already exists.',
  },
  notUpcoming: {
    es: 'Solo se puede editar un fondo antes de que abra; este está {state}.',
    en: 'A call can only be edited before it opens; this one is {state}.',
  },
  forbiddenCreate: {
    es: 'Su rol no permite crear fondos.',
    en: 'Your role does not allow creating calls.',
  },
  forbiddenEdit: {
    es: 'Solo quien creó el fondo (su programa o su municipio) o la administración pueden editarlo.',
    en: 'Only the call creator (their programme or municipality) or the administration may edit it.',
  },
  outsideProgram: {
    es: 'El territorio del fondo ({territory}) está fuera del territorio de su programa.',
    en: 'The call territory ({territory}) is outside your programme territory.',
  },
  programRequired: {
    es: 'Indique el programa del que es ejecutivo/a y en cuyo territorio se abre el fondo.',
    en: 'Say which programme you are an officer of and in whose territory the call opens.',
  },
  municipalOnlyCommunal: {
    es: 'Un funcionario municipal crea solo fondos comunales de su comuna ({communes}).',
    en: 'A municipal officer creates only communal calls of their commune ({communes}).',
  },
  programOfficerNoNational: {
    es: 'Un ejecutivo de programa no crea fondos nacionales.',
    en: 'A programme officer does not create national calls.',
  },
  importHeader: {
    es: 'La primera línea debe ser exactamente: {header}',
    en: 'The first line must be exactly: {header}',
  },
  importEmpty: { es: 'El archivo no tiene fondos.', en: 'The file has no calls.' },
  importDuplicateInFile: {
    es: 'El fondo «{name}» {year} está repetido en el archivo (línea {line}).',
    en: 'The call "{name}" {year} is repeated in the file (line {line}).',
  },
  importBoolean: {
    es: 'El requisito «{label}» debe ser sí o no (o quedar vacío).',
    en: 'Requirement "{label}" must be yes or no (or left empty).',
  },
  importNumber: {
    es: 'La columna «{label}» debe ser un número entero.',
    en: 'Column "{label}" must be a whole number.',
  },
  importFailed: {
    es: 'El archivo tiene {count} problema(s); no se importó ningún fondo.',
    en: 'The file has {count} problem(s); no call was imported.',
  },
  feedRevoked: {
    es: 'Esta dirección de calendario fue revocada.',
    en: 'This calendar address was revoked.',
  },
  importRefused: {
    es: 'El archivo no se importó: {count|# problema|# problemas}. Corrija cada línea indicada y vuelva a subirlo; no se guardó ningún fondo.',
    en: 'The file was not imported: {count|# problem|# problems}. Correct each line shown and upload it again; no call was saved.',
  },
  importLine: { es: 'Línea {line}: {message}', en: 'Line {line}: {message}' },
  importColumnUnknown: {
    es: 'La columna «{column}» no es una de la plantilla: {columns}.',
    en: 'Column "{column}" is not one of the template\'s: {columns}.',
  },
  importColumnMissing: { es: 'Falta la columna «{column}».', en: 'Column "{column}" is missing.' },
  importSameCall: {
    es: 'El mismo fondo ya está en la línea {first}.',
    en: 'The same call is already on line {first}.',
  },
  importOwnerSex: {
    es: 'El sexo de la persona titular debe ser mujeres u hombres.',
    en: 'The sex of the owner must be women or men (mujeres or hombres).',
  },
  importNameMissing: { es: 'Falta el nombre del fondo.', en: 'The name of the call is missing.' },
  importYearMissing: { es: 'Falta el año.', en: 'The year is missing.' },
  importFileEmpty: {
    es: 'El archivo está vacío: use la plantilla y agregue una fila por fondo.',
    en: 'The file is empty: use the template and add one row per call.',
  },
  feedAssociationId: {
    es: 'La organización debe ser el id de una organización.',
    en: 'The organisation must be the id of an organisation.',
  },
});

/** The field labels in refusals (plain words, never the API's field names). */
export const FIELD_LABELS_ES: Record<string, string> = {
  opensAt: 'fecha de apertura',
  closesAt: 'fecha de cierre',
};

/** The fund calendar pages' words (es/en); the view model hands the reader's language to the views as `tx`. */
const PAGE_TEXTS = {
  title: { es: 'Fondos concursables', en: 'Public funds' },
  lead: {
    es: 'Convocatorias a fondos públicos para organizaciones, emprendedores y personas: cuándo abren, cuándo cierran y qué piden.',
    en: 'Public fund calls for organisations, entrepreneurs and people: when they open, when they close, what they ask for.',
  },
  monthView: { es: 'Mes', en: 'Month' },
  listView: { es: 'Lista', en: 'List' },
  previous: { es: 'Mes anterior', en: 'Previous month' },
  next: { es: 'Mes siguiente', en: 'Next month' },
  filter: { es: 'Filtrar', en: 'Filter' },
  any: { es: 'Todos', en: 'All' },
  state: { es: 'Estado', en: 'State' },
  category: { es: 'Categoría', en: 'Category' },
  target: { es: 'Postulan', en: 'Who applies' },
  commune: { es: 'Comuna (código)', en: 'Commune (code)' },
  opens: { es: 'Abre', en: 'Opens' },
  closes: { es: 'Cierra', en: 'Closes' },
  none: { es: 'No hay fondos con esos filtros.', en: 'No calls match those filters.' },
  callsOfMonth: { es: 'Fondos del mes', en: 'Calls of the month' },
  newCall: { es: 'Nuevo fondo', en: 'New call' },
  importCalls: { es: 'Importar fondos (CSV)', en: 'Import calls (CSV)' },
  amounts: { es: 'Montos', en: 'Amounts' },
  upTo: { es: 'hasta', en: 'up to' },
  from: { es: 'desde', en: 'from' },
  requirements: { es: 'Requisitos', en: 'Requirements' },
  noRequirements: { es: 'La convocatoria no indica requisitos.', en: 'The call lists no requirements.' },
  link: { es: 'Bases y postulación', en: 'Rules and application' },
  territory: { es: 'Territorio', en: 'Territory' },
  national: { es: 'Todo el país', en: 'The whole country' },
  kinds: { es: 'Organizaciones admitidas', en: 'Organisations admitted' },
  edit: { es: 'Editar (solo antes de que abra)', en: 'Edit (only before it opens)' },
  save: { es: 'Guardar', en: 'Save' },
  create: { es: 'Crear fondo', en: 'Create call' },
  back: { es: 'Volver al calendario', en: 'Back to the calendar' },
  zoneNote: { es: 'Horas de {zone}', en: 'Times in {zone}' },
  institution: { es: 'Institución que convoca', en: 'Institution' },
  name: { es: 'Nombre del fondo', en: 'Name of the call' },
  year: { es: 'Año', en: 'Year' },
  scope: { es: 'Alcance', en: 'Scope' },
  regionCodes: { es: 'Región (fondos regionales)', en: 'Region (regional calls)' },
  communeCodes: {
    es: 'Comunas (fondos comunales; códigos, uno por línea)',
    en: 'Communes (communal calls; codes, one per line)',
  },
  amountMinClp: { es: 'Monto mínimo (CLP)', en: 'Minimum amount (CLP)' },
  amountMaxClp: { es: 'Monto máximo (CLP)', en: 'Maximum amount (CLP)' },
  opensAt: { es: 'Apertura (hora local)', en: 'Opening (local time)' },
  closesAt: { es: 'Cierre (hora local)', en: 'Close (local time)' },
  timeZone: { es: 'Zona horaria (vacío: la del municipio)', en: 'Time zone (empty: the municipality’s)' },
  url: { es: 'Enlace a las bases', en: 'Link to the rules' },
  description: { es: 'Descripción', en: 'Description' },
  reqOther: { es: 'Otros requisitos (uno por línea)', en: 'Other requirements (one per line)' },
  reqMinOrganizationAgeYears: {
    es: 'Antigüedad mínima de la organización (años)',
    en: 'Minimum age of the organisation (years)',
  },
  reqMinAgeYears: { es: 'Edad mínima de la persona (años)', en: 'Minimum age of the person (years)' },
  reqOwnerSex: { es: 'Sexo de la persona titular', en: 'Sex of the owner' },
  women: { es: 'Mujeres', en: 'Women' },
  men: { es: 'Hombres', en: 'Men' },
  importHelp: {
    es: 'Suba la planilla (CSV o XLSX con el encabezado de la plantilla) o pegue el contenido del CSV. Se importa todo o nada; cada problema se indica con su número de línea.',
    en: 'Upload the spreadsheet (CSV or XLSX with the template header) or paste the CSV content. All or nothing; each problem is shown with its line number.',
  },
  importFile: { es: 'Archivo CSV o XLSX', en: 'CSV or XLSX file' },
  importContent: { es: 'O pegue el contenido del CSV', en: 'Or paste the CSV content' },
  importSubmit: { es: 'Importar', en: 'Import' },
  template: { es: 'Plantilla', en: 'Template' },
  subscribe: { es: 'Avisarme antes del cierre', en: 'Remind me before it closes' },
  unsubscribe: { es: 'Dejar de recibir avisos', en: 'Stop reminders' },
  subscribed: {
    es: 'Recibirá un aviso 7 y 1 días antes del cierre.',
    en: 'You will get a reminder 7 and 1 days before the close.',
  },
  myCalendar: { es: 'Mi calendario de fondos', en: 'My funds calendar' },
  qualifiersLink: {
    es: '¿Qué organizaciones de mis programas califican?',
    en: 'Which organisations of my programmes qualify?',
  },
  myCalendarHelp: {
    es: 'Suscriba su teléfono a los fondos de sus organizaciones (a los que pueden postular) y a los que siguió. La dirección es secreta: se muestra una sola vez.',
    en: 'Subscribe your phone to the calls your organisations may apply to and those you follow. The address is secret: it is shown once.',
  },
  newAddress: {
    es: 'Crear una dirección nueva (anula la anterior)',
    en: 'Create a new address (cancels the previous one)',
  },
  revokeAddress: { es: 'Anular la dirección', en: 'Cancel the address' },
  copy: { es: 'Copiar', en: 'Copy' },
  copied: { es: 'Copiada', en: 'Copied' },
  subscribeCalendar: { es: 'Suscribir en el calendario del teléfono', en: 'Subscribe in the phone calendar' },
  addressShownOnce: { es: 'Guárdela ahora: no se volverá a mostrar.', en: 'Keep it now: it will not be shown again.' },
  hasAddress: { es: 'Tiene una dirección activa.', en: 'You have an active address.' },
  weekdays: { es: 'lun,mar,mié,jue,vie,sáb,dom', en: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun' },
} as const;

export type FundPageTexts = { [K in keyof typeof PAGE_TEXTS]: string };

export function fundPageTexts(locale: 'es' | 'en'): FundPageTexts {
  return Object.fromEntries(Object.entries(PAGE_TEXTS).map(([k, v]) => [k, v[locale]])) as FundPageTexts;
}

export const STATE_LABELS: Record<string, { es: string; en: string }> = {
  upcoming: { es: 'Próximo', en: 'Upcoming' },
  open: { es: 'Abierto', en: 'Open' },
  closing_soon: { es: 'Por cerrar', en: 'Closing soon' },
  closed: { es: 'Cerrado', en: 'Closed' },
};
export const SCOPE_LABELS: Record<string, { es: string; en: string }> = {
  national: { es: 'Nacional', en: 'National' },
  regional: { es: 'Regional', en: 'Regional' },
  communal: { es: 'Comunal', en: 'Communal' },
};
export const TARGET_LABELS: Record<string, { es: string; en: string }> = {
  organizations: { es: 'Organizaciones', en: 'Organisations' },
  persons: { es: 'Personas', en: 'People' },
  businesses: { es: 'Empresas y negocios', en: 'Businesses' },
};
