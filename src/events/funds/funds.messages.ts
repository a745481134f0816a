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
});

/** The field labels in refusals (plain words, never the API's field names). */
export const FIELD_LABELS_ES: Record<string, string> = {
  opensAt: 'fecha de apertura',
  closesAt: 'fecha de cierre',
};
