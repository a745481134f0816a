import { defineMessages } from '../../common/i18n/messages';

/** Market operations after the draft (issue 19 items 4 to 6): refusals, mails and page texts in Spanish and English. */
export const marketOperationsTexts = defineMessages({
  notDrafted: {
    es: 'El mes {month} todavía no tiene sorteo en borrador: ejecute el sorteo antes de publicarlo.',
    en: 'The month {month} has no draft allocation yet: run the draft before publishing it.',
  },
  alreadyPublished: {
    es: 'El mes {month} ya fue publicado; los correos se enviaron entonces.',
    en: 'The month {month} has already been published; its mails went out then.',
  },
  notPublished: {
    es: 'El mes {month} aún no está publicado: el puesto se puede cambiar volviendo a ejecutar el sorteo.',
    en: 'The month {month} is not published yet: re-run the draft to change the stand.',
  },
  slotCancelled: {
    es: 'Este puesto ya fue cancelado el {date}.',
    en: 'This stand was already cancelled on {date}.',
  },
  weekNotStarted: {
    es: 'La semana del {week} todavía no comienza: la asistencia se marca desde ese día.',
    en: 'The week of {week} has not started yet: attendance can be marked from that day.',
  },
  offerExpired: {
    es: 'Esta oferta venció el {date}: el puesto se ofreció a la siguiente persona de la lista de espera.',
    en: 'This offer expired on {date}: the stand was offered to the next person on the waitlist.',
  },
  weekOver: {
    es: 'La semana del {week} ya terminó: su puesto no se cancela. Marque la asistencia (ausencia justificada o no se presentó).',
    en: 'The week of {week} is over: its stand is not cancelled. Mark the attendance instead (excused or no-show).',
  },
  offerDeclined: {
    es: 'Gracias por avisar: el puesto se ofrece a la siguiente persona de la lista de espera. Usted sigue en la lista para los próximos meses.',
    en: 'Thank you for letting us know: the stand is offered to the next person on the waitlist. You stay on the list for the coming months.',
  },
  offerDeclinedTitle: { es: 'Oferta rechazada', en: 'Offer declined' },
  offerTaken: {
    es: 'Esta oferta ya no está disponible.',
    en: 'This offer is no longer available.',
  },
  offerHoldsWeek: {
    es: 'Ya tiene un puesto en {month} en este lugar: cada persona emprendedora recibe a lo más una semana al mes.',
    en: 'You already hold a stand in {month} at this venue: each entrepreneur gets at most one week a month.',
  },
  offerUnknown: {
    es: 'El enlace de la oferta no es válido. Revise que lo copió completo desde el correo.',
    en: 'The offer link is not valid. Check that you copied it whole from the mail.',
  },
  offerTitle: { es: 'Oferta de puesto', en: 'Stand offer' },
  offerAcceptedTitle: { es: 'Puesto aceptado', en: 'Stand accepted' },
  offerExpiredTitle: { es: 'Oferta vencida', en: 'Offer expired' },
  weekTitle: { es: 'Semana de venta: {venue}', en: 'Selling week: {venue}' },
  attendanceTitle: { es: 'Asistencia de {month}', en: 'Attendance for {month}' },
});
