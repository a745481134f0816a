import { defineMessages } from '../common/i18n/messages';

/** Every refusal of the shared list of institutions (issue 16 item 6): Spanish as always, English beside it. */
export const institutionTexts = defineMessages({
  registerForbidden: {
    es: 'Registran instituciones la administración, la municipalidad y quienes coordinan una mesa.',
    en: 'Institutions are registered by the administration, the municipality and those who coordinate a table.',
  },
  fieldRequired: { es: 'El campo {field} es obligatorio.', en: 'The field {field} is required.' },
  fieldMaxLength: {
    es: 'El campo {field} admite como máximo {max} caracteres.',
    en: 'The field {field} allows at most {max} characters.',
  },
  kindInvalid: { es: 'El campo kind debe ser uno de: {kinds}.', en: 'The field kind must be one of: {kinds}.' },
  communeUnknown: { es: 'No existe la comuna {code}.', en: 'There is no commune {code}.' },
  communeMissing: {
    es: 'Indique la comuna de la institución (las instituciones regionales o nacionales las registra la administración).',
    en: "Give the institution's commune (regional and national institutions are registered by the administration).",
  },
  outsideCommunes: {
    es: 'Registre instituciones de las comunas donde usted trabaja.',
    en: 'Register institutions of the communes where you work.',
  },
});
