import { defineMessages } from '../common/i18n/messages';

/** Every refusal of a keyed request (issue 16 item 6): Spanish as always, English beside it. */
export const idempotencyTexts = defineMessages({
  keyInvalid: {
    es: 'La cabecera Idempotency-Key debe tener entre 8 y 200 caracteres ASCII visibles (por ejemplo, un UUID).',
    en: 'The Idempotency-Key header must have between 8 and 200 visible ASCII characters (for example, a UUID).',
  },
  keyRunning: {
    es: 'Una solicitud con esta Idempotency-Key todavía se está procesando; reintente en unos segundos.',
    en: 'A request with this Idempotency-Key is still being processed; retry in a few seconds.',
  },
  keyReused: {
    es: 'Esta Idempotency-Key ya se usó para otra solicitud; use una clave nueva para cada operación.',
    en: 'This Idempotency-Key was already used for another request; use a new key for each operation.',
  },
  formInvalid: {
    es: 'El formulario no es válido: recargue la página.',
    en: 'The form is not valid: reload the page.',
  },
  formRunning: {
    es: 'Este formulario ya se está guardando. Espere un momento y recargue la página.',
    en: 'This form is already being saved. Wait a moment and reload the page.',
  },
});
