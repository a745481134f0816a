import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditContext, AuditEntry } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { LocalizedText } from '../common/i18n/messages';
import { formatDate, formatTime, localDate } from '../common/format/dates';
import type { Meeting, MeetingKind } from './entities/meeting.entity';
import { type AssociationMeetingRights, MeetingBodies, type MeetingAssociation } from './meeting-bodies';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';
import { MeetingsRepository } from './meetings.repository';
import { type ExtraordinaryMatter, isExtraordinaryMatter } from './extraordinary-matters';

export interface MeetingView {
  id: string;
  associationId: string | null;
  seriesId: string | null;
  number: number | null;
  kind: MeetingKind;
  status: Meeting['status'] | 'convened';
  call: Meeting['call'];
  startsAt: Date;
  /** Local wall time in the meeting's zone (2026-04-14T19:30). */
  localStart: string;
  timeZone: string;
  place: string;
  onlineUrl: string | null;
  cancelledReason: string | null;
  version: number;
}

export interface AgendaEntry {
  position: number;
  title: string;
  /** For a carried commitment: its owner and due date. */
  detail?: string;
  /** A carried commitment still open past its due date (as of today, or of the meeting's day if earlier). */
  overdue?: boolean;
  /** A carried commitment's due date (dd-mm-yyyy). */
  due?: string;
  source: 'previous_minutes' | 'carried_commitment' | 'manual';
  commitmentId?: string;
  /** The officers' own items (removable, reorderable). */
  itemId?: string;
  /** DOM-MTG-2: a matter only an extraordinary meeting decides, named by its code. */
  matter?: ExtraordinaryMatter;
}

/** A meeting lasts this long in calendars (the statute fixes no end; two hours is the usual evening meeting). */
export const CALENDAR_MINUTES = 120;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit row of a change to an association's meeting, in its commune's scope. */
export function meetingAudit(
  action: string,
  meeting: Pick<Meeting, 'id'>,
  association: Pick<MeetingAssociation, 'communeCode'>,
  details?: Record<string, unknown>,
): AuditEntry {
  return {
    action,
    objectType: 'meeting',
    objectId: meeting.id,
    scopeType: 'commune',
    scopeId: association.communeCode,
    ...(details ? { details } : {}),
  };
}

/**
 * An association's meeting as every use case reads it (DOM-MTG-2, -4): loaded within the actor's scope and rights,
 * its status as the API shows it, its agenda, and the rule that an approved acta freezes what it states.
 */
@Injectable()
export class MeetingAccess {
  constructor(
    private readonly repo: MeetingsRepository,
    private readonly bodies: MeetingBodies,
    private readonly clock: Clock,
  ) {}

  /** A meeting of an association the actor may see (404 otherwise), with the actor's rights on it (403 without `right`). */
  async load(
    actor: Actor,
    meetingId: string,
    right: 'read' | 'meetings',
    context: AuditContext,
  ): Promise<{ meeting: Meeting; association: MeetingAssociation; rights: AssociationMeetingRights }> {
    const meeting = UUID.test(meetingId) ? await this.repo.findMeeting(meetingId) : null;
    if (!meeting?.associationId) throw MeetingException.notFound();
    const { association, rights } = await this.bodies.associations.load(actor, meeting.associationId, right, context);
    return { meeting, association, rights };
  }

  /** Refuses (404 outside scope, 403 without the right) before a form is even validated. */
  async assertMayEdit(
    actor: Actor,
    target: { associationId?: string; meetingId?: string },
    context: AuditContext,
  ): Promise<void> {
    if (target.meetingId) await this.load(actor, target.meetingId, 'meetings', context);
    else await this.bodies.associations.load(actor, target.associationId as string, 'meetings', context);
  }

  /**
   * DOM-MTG-4: the agenda: the approval of the previous acta (when an earlier meeting was held), every open
   * commitment of earlier meetings (carried until done or cancelled), then the officers' items in their order.
   */
  async agenda(meeting: Meeting, em?: EntityManager): Promise<AgendaEntry[]> {
    const sources = await this.agendaSources(meeting, em);
    const entries: Omit<AgendaEntry, 'position'>[] = [];
    if (sources.previous)
      entries.push({
        title: `Lectura y aprobación del acta de la reunión del ${formatDate(sources.previous.startsAt, meeting.timeZone)}`,
        source: 'previous_minutes',
      });
    // DOM-MTG-4, issue 20 item 5: a carried commitment is overdue as of today, or of the meeting's day once held
    const today = localDate(this.clock.now(), meeting.timeZone);
    const meetingDay = localDate(meeting.startsAt, meeting.timeZone);
    const asOf = today < meetingDay ? today : meetingDay;
    for (const c of sources.carried) {
      const overdue = !!c.dueOn && c.dueOn < asOf && (c.status === 'open' || c.status === 'in_progress');
      const owner = c.ownerName
        ? ` (${c.ownerName}${c.dueOn ? `, plazo ${formatDate(c.dueOn)}` : ''})`
        : c.dueOn
          ? ` (plazo ${formatDate(c.dueOn)})`
          : '';
      entries.push({
        title: c.description,
        detail: `${overdue ? 'Compromiso vencido' : 'Compromiso pendiente'}${owner}`,
        source: 'carried_commitment',
        commitmentId: c.id,
        overdue,
        ...(c.dueOn ? { due: formatDate(c.dueOn) } : {}),
      });
    }
    for (const item of sources.manual)
      entries.push({
        title: item.title,
        source: 'manual',
        itemId: item.id,
        ...(isExtraordinaryMatter(item.matter) ? { matter: item.matter } : {}),
      });
    return entries.map((e, i) => ({ position: i + 1, ...e }));
  }

  /** The officers' own agenda items of a meeting, in their order. */
  async ownItemIds(meeting: Meeting): Promise<string[]> {
    return (await this.agendaSources(meeting)).manual.map((i) => i.id);
  }

  private agendaSources(meeting: Meeting, em?: EntityManager) {
    return this.repo.agendaSources(
      {
        id: meeting.id,
        associationId: meeting.associationId as string,
        startsAt: meeting.startsAt,
        kind: meeting.kind,
      },
      em,
    );
  }

  /** DOM-MTG-9: once the acta is approved, the attendance, call and agenda it states stay as they are. */
  async assertMinutesOpen(meeting: Meeting): Promise<void> {
    if (await this.repo.minutesApproved(meeting.id))
      throw MeetingException.rule('MINUTES_LOCKED', meetingTexts.meetingMinutesLocked());
  }

  /** A scheduled meeting whose time has passed counts as held; one whose notice went out, as convened (API.md). */
  private statusOf(m: Meeting): Meeting['status'] | 'convened' {
    if (m.status !== 'scheduled') return m.status;
    if (m.startsAt < this.clock.now()) return 'held';
    return m.convenedAt ? 'convened' : 'scheduled';
  }

  /** Still to come and not cancelled: it may be moved, cancelled or convened. */
  isUpcoming(m: Meeting): boolean {
    return m.status === 'scheduled' && m.startsAt >= this.clock.now();
  }

  /** Moving, cancelling and convening need a meeting still to come: 422 MEETING_NOT_SCHEDULED, saying why. */
  assertUpcoming(m: Meeting, refusals: { cancelled: LocalizedText; held: LocalizedText }): void {
    if (!this.isUpcoming(m))
      throw MeetingException.rule(
        'MEETING_NOT_SCHEDULED',
        m.status === 'cancelled' ? refusals.cancelled : refusals.held,
      );
  }

  view(m: Meeting): MeetingView {
    return {
      id: m.id,
      associationId: m.associationId,
      seriesId: m.seriesId,
      number: m.number,
      kind: m.kind,
      status: this.statusOf(m),
      call: m.call,
      startsAt: m.startsAt,
      localStart: `${localDate(m.startsAt, m.timeZone)}T${formatTime(m.startsAt, m.timeZone)}`,
      timeZone: m.timeZone,
      place: m.place,
      onlineUrl: m.onlineUrl,
      cancelledReason: m.cancelledReason,
      version: m.version,
    };
  }

  /** A readable date and time for messages (14-04-2026 19:30). */
  when(m: Meeting): string {
    return `${formatDate(m.startsAt, m.timeZone)} ${formatTime(m.startsAt, m.timeZone)}`;
  }
}
