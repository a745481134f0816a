import { defineMessages } from '../common/i18n/messages';

/** Every refusal of the mail outbox (issue 16 item 6): Spanish as always, English beside it. */
export const mailTexts = defineMessages({
  addressInvalid: {
    es: 'La dirección de correo "{address}" no es válida.',
    en: 'The e-mail address "{address}" is not valid.',
  },
  emailInvalid: {
    es: 'El campo {field} debe ser un correo electrónico válido.',
    en: 'The field {field} must be a valid email address.',
  },
});
