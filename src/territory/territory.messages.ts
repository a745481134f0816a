import { defineMessages } from '../common/i18n/messages';

/** Every refusal of communes and municipalities (issue 16 item 6): Spanish as always, English beside it. */
export const territoryTexts = defineMessages({
  communeUnknown: { es: 'No existe la comuna {code}.', en: 'There is no commune {code}.' },
});
