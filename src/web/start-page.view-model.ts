import type { Actor } from '../common/access/actor';
import { type Locale, translate } from '../common/i18n/i18n';
import type { OfficerMeeting } from '../meetings/body-stats.service';
import type { StartPage } from './start-page.service';

/** Where the next step of a meeting is done, one tap away. */
const ACTION_PATHS: Record<OfficerMeeting['action'], (id: string) => string> = {
  convene: (id) => `/reuniones/${id}/convocatoria`,
  attendance: (id) => `/reuniones/${id}/asistencia`,
  acta: (id) => `/reuniones/${id}/acta`,
  agenda: (id) => `/reuniones/${id}`,
};

/** The start page as its template reads it: every key present (strict templates), links made here. */
export function startPageView(page: StartPage, actor: Actor, locale: Locale) {
  const sections = [
    page.associations,
    page.faithMinister,
    page.tables,
    page.municipal,
    page.programs,
    page.market,
    page.admin,
  ].filter((s) => s !== null).length;
  return {
    title: translate(locale, 'start.title'),
    name: actor.name,
    empty: sections === 0,
    associations:
      page.associations?.map((a) => ({
        id: a.associationId,
        name: a.name,
        timeZone: a.timeZone,
        next: a.next
          ? {
              id: a.next.id,
              startsAt: a.next.startsAt,
              timeZone: a.next.timeZone,
              place: a.next.place,
              kindKey: ['ordinary', 'extraordinary', 'board'].includes(a.next.kind)
                ? `meetings.meetingKinds.${a.next.kind}`
                : 'meetings.meetingKinds.ordinary',
              action: a.next.action,
              actionKey: `start.association.actions.${a.next.action}`,
              actionHref: ACTION_PATHS[a.next.action](a.next.id),
            }
          : null,
        toWrite: a.toWrite.map((m) => ({ href: `/reuniones/${m.meetingId}/acta`, ...m })),
        toApprove: a.toApprove.map((m) => ({ href: `/reuniones/${m.meetingId}/acta`, ...m })),
        commitments: a.commitments,
        commitmentsOpen: a.commitmentsOpen,
        commitmentsOverdue: a.commitmentsOverdue,
      })) ?? null,
    faithMinister: page.faithMinister
      ? {
          items: page.faithMinister.map((i) => ({
            ...i,
            href:
              i.status === 'pending_certification'
                ? `/organizaciones/${i.associationId}/constitucion/certificar`
                : `/organizaciones/${i.associationId}`,
            certify: i.status === 'pending_certification',
          })),
        }
      : null,
    tables: page.tables
      ? {
          items: page.tables.map((t) => ({
            ...t,
            coordinator: t.role === 'table_coordinator',
            institutionNames: t.institutions.join(', '),
          })),
        }
      : null,
    municipal: page.municipal
      ? {
          ...page.municipal,
          communeNames: page.municipal.communes.join(', '),
          more: page.municipal.total > page.municipal.items.length,
        }
      : null,
    programs: page.programs ? { items: page.programs } : null,
    market: page.market,
    admin: page.admin,
  };
}
