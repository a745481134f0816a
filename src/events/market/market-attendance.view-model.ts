import { formatDate } from '../../common/format/dates';
import type { Locale } from '../../common/i18n/i18n';
import { textIn } from '../../common/i18n/messages';
import type { AttendanceWeekPage } from './market-attendance.service';
import { marketOperationsTexts as t } from './market-operations.messages';

/** A refused post on the phone page: which stand, what it said. */
export interface PageRefusal {
  status: number;
  errors: Record<string, string>;
  formError: string;
  slotId: string;
  reason?: string;
}

const CHOICES = [
  { value: 'attended', label: 'Asistió', tone: 'success' },
  { value: 'excused', label: 'Justificó', tone: 'secondary' },
  { value: 'no_show', label: 'No asistió', tone: 'danger' },
] as const;

/** The officer's week on a phone: stands as cards with three large buttons and the cancellation form. */
export function attendancePageView(locale: Locale, page: AttendanceWeekPage, done: string, refused?: PageRefusal) {
  const base = `/semanas-de-venta/${page.venue.id}/asistencia?mes=${page.month}`;
  return {
    title: textIn(t.attendanceTitle({ month: page.month }), locale),
    venue: page.venue,
    month: page.month,
    published: page.published,
    started: page.started,
    notice:
      done === 'asistencia'
        ? 'Asistencia guardada.'
        : done === 'cancelado'
          ? 'Puesto cancelado: se ofreció a la lista de espera.'
          : null,
    weekLabel: page.week ? `${formatDate(page.week.startsOn)} al ${formatDate(page.week.endsOn)}` : '',
    notStarted: page.week ? textIn(t.weekNotStarted({ week: formatDate(page.week.startsOn) }), locale) : '',
    weeks: page.weeks.map((w) => ({
      href: `${base}&semana=${w.startsOn}`,
      label: formatDate(w.startsOn).slice(0, 5),
      current: w.startsOn === page.week?.startsOn,
    })),
    backHref: `/semanas-de-venta/${page.venue.id}?mes=${page.month}`,
    stands: page.stands.map((s) => ({
      slotId: s.slotId,
      stand: s.stand,
      businessName: s.businessName,
      category: s.category,
      cancelled: s.status === 'cancelled',
      fromWaitlist: s.origin === 'waitlist',
      attendanceAction: `/semanas-de-venta/${page.venue.id}/asistencia/${s.slotId}`,
      cancelAction: `/semanas-de-venta/${page.venue.id}/puestos/${s.slotId}/cancelar`,
      error: refused?.slotId === s.slotId ? refused.formError : null,
      reason: refused?.slotId === s.slotId ? (refused.reason ?? '') : '',
      choices: CHOICES.map((c) => ({ ...c, current: s.attendance === c.value })),
    })),
  };
}
