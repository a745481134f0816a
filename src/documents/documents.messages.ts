import { defineMessages } from '../common/i18n/messages';

/** Every refusal of issued documents and their PDFs (issue 16 item 6): Spanish as always, English beside it. */
export const documentTexts = defineMessages({
  replacementNotIssued: {
    es: 'El documento de reemplazo no existe, no está vigente o es el mismo documento.',
    en: 'The replacement document does not exist, is not in force or is the same document.',
  },
  notIssued: {
    es: 'El documento no existe o ya fue reemplazado o revocado.',
    en: 'The document does not exist or was already superseded or revoked.',
  },
  notFound: { es: 'El documento no existe.', en: 'The document does not exist.' },
  codeUnknown: {
    es: 'No existe un documento con ese código de verificación. Revise que lo haya escrito completo.',
    en: 'There is no document with that verification code. Check that you typed all of it.',
  },
  unprintable: {
    es: 'El documento contiene caracteres que no se pueden imprimir correctamente: {characters}. Corrija ese texto con letras latinas (un nombre, como aparece en el documento de identidad chileno o peruano; el nombre de un socio lo corrige la municipalidad, que puede pedirse desde la ficha del socio).',
    en: "The document contains characters that cannot be printed correctly: {characters}. Correct that text with Latin letters (a name, as it appears on the Chilean or Peruvian identity card; a member's name is corrected by the municipality, which can be asked from the member's record).",
  },
  unprintableAt: {
    es: 'El documento contiene caracteres que no se pueden imprimir correctamente: {characters}, en «{where}». Corrija ese texto con letras latinas (un nombre, como aparece en el documento de identidad chileno o peruano; el nombre de un socio lo corrige la municipalidad, que puede pedirse desde la ficha del socio).',
    en: "The document contains characters that cannot be printed correctly: {characters}, in «{where}». Correct that text with Latin letters (a name, as it appears on the Chilean or Peruvian identity card; a member's name is corrected by the municipality, which can be asked from the member's record).",
  },
});
