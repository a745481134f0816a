import type { EntityManager } from 'typeorm';
import {
  BARRIO_PATRIMONIAL_MERCHANTS,
  barrioPatrimonialMemberId,
  DEMO_ASSOCIATION_IDS,
} from '../associations/associations.demo';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { Clock } from '../common/clock';
import { addDays, localDate } from '../common/format/dates';
import { Meeting } from '../meetings/entities/meeting.entity';
import type { CommitmentsService } from '../meetings/commitments.service';
import type { MeetingsService } from '../meetings/meetings.service';
import { loadMinutesDemo } from './minutes.demo';
import type { MinutesService } from '../meetings/minutes.service';
import type { ConvocationService } from '../meetings/convocation.service';
import type { MinutesDistribution } from '../meetings/minutes-distribution.service';

export interface MeetingsDemoDeps {
  manager: EntityManager;
  meetings: MeetingsService;
  minutes: MinutesService;
  convocations: ConvocationService;
  distribution: MinutesDistribution;
  commitments: CommitmentsService;
  clock: Clock;
  actorFor(userId: string): Promise<Actor | null>;
  presidentUserId: string;
}

/** Where Barrio Patrimonial La Serena meets (DOMAIN.md §1b: every two weeks, Tuesdays at 19:30). */
export const BARRIO_PATRIMONIAL_MEETINGS = {
  place: 'Salón del Restaurante La Casona del Centro, Cordovez 512, La Serena',
  time: '19:30',
  weeksBack: 8,
  count: 26,
  /** Nobody was a member before 10 March 2026: the first meeting is on a Tuesday after it. */
  earliest: '2026-03-11',
  nextAgenda: [
    "Seguridad: más presencia policial en O'Higgins y Eduardo de la Barra",
    'Imagen corporativa del barrio patrimonial',
    'Boulevares familiares de verano en el centro histórico',
  ],
};

/** The first Tuesday on or after a calendar date. */
function tuesdayFrom(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, (2 - day + 7) % 7);
}

/**
 * Barrio Patrimonial La Serena's meetings through the real service: a biweekly series on Tuesdays at 19:30 from
 * eight weeks before the first load, past meetings with their attendance, the actas of the last three held
 * (approved, with commitments), and the next one with its agenda and convened (the notices wait in the outbox). Only once: an association with meetings is left as it is.
 */
export async function loadMeetingsDemo(deps: MeetingsDemoDeps): Promise<boolean> {
  const id = DEMO_ASSOCIATION_IDS.barrioPatrimonial;
  if ((await deps.manager.count(Meeting, { where: { associationId: id } })) > 0) return false;
  const president = await deps.actorFor(deps.presidentUserId);
  if (!president) return false;
  const d = BARRIO_PATRIMONIAL_MEETINGS;
  const now = deps.clock.now();
  const back = addDays(localDate(now, 'America/Santiago'), -7 * d.weeksBack);
  const first = tuesdayFrom(back < d.earliest ? d.earliest : back);
  const context: AuditContext = { userId: president.id, role: 'association_officer', ip: null, requestId: null };
  const series = await deps.meetings.createSeries(
    president,
    id,
    { localStart: `${first}T${d.time}`, every: '2 weeks', count: d.count, place: d.place },
    context,
  );
  const past = series.meetings.filter((m) => m.startsAt < now);
  for (const [i, meeting] of past.entries()) {
    // deterministic attendance: most come, two follow online, a few excuse themselves
    const marks = BARRIO_PATRIMONIAL_MERCHANTS.map((_, j) => {
      const r = (i * 7 + j * 3) % 19;
      const status = r < 12 ? 'present' : r < 15 ? 'excused' : 'absent';
      return {
        memberId: barrioPatrimonialMemberId(j),
        status: status as 'present' | 'excused' | 'absent',
        mode: (status === 'present' && r % 6 === 1 ? 'online' : 'in_person') as 'online' | 'in_person',
      };
    });
    await deps.meetings.setAttendance(president, meeting.id, marks, context);
  }
  // the actas of the last three meetings held, approved; their open commitments go on the next agenda
  await loadMinutesDemo({
    minutes: deps.minutes,
    distribution: deps.distribution,
    commitments: deps.commitments,
    meetings: deps.meetings,
    president,
    context,
    heldMeetingIds: past.map((m) => m.id),
  });
  const next = series.meetings.find((m) => m.startsAt >= now);
  if (next) {
    for (const title of d.nextAgenda) await deps.meetings.addAgendaItem(president, next.id, { title }, context);
    await deps.convocations.convene(president, next.id, context);
  }
  return true;
}
