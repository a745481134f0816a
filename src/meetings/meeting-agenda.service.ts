import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { type AgendaEntry, MeetingAccess, meetingAudit } from './meeting-access.service';
import { requiredText } from './meeting-input';
import { MeetingException } from './meetings.exception';
import { extraordinaryMatterText, meetingTexts } from './meetings.messages';
import { isExtraordinaryMatter } from './extraordinary-matters';
import { MeetingsRepository } from './meetings.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * DOM-MTG-4: the officers' own items on an association's agenda: added last, removed, reordered; the agenda is
 * frozen once the meeting is cancelled (for additions) or its acta approved.
 */
@Injectable()
export class MeetingAgenda {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MeetingsRepository,
    private readonly access: MeetingAccess,
    private readonly audit: AuditService,
  ) {}

  /** An item of the officers on the agenda (last); refused once the meeting is cancelled. */
  async addAgendaItem(
    actor: Actor,
    meetingId: string,
    input: { title: string; matter?: string | null },
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    if (meeting.status === 'cancelled')
      throw MeetingException.rule('MEETING_CANCELLED', meetingTexts.cancelledAgendaFixed());
    await this.access.assertMinutesOpen(meeting);
    const title = requiredText(input?.title, 'title', 300);
    const matter = input?.matter || null;
    if (matter !== null && !isExtraordinaryMatter(matter))
      throw MeetingException.field('matter', meetingTexts.matterInvalid());
    // DOM-MTG-2: statute reforms, dissolution, property, the first definitive board and exclusions need an
    // extraordinary meeting
    if (matter && meeting.kind !== 'extraordinary')
      throw MeetingException.rule(
        'EXTRAORDINARY_MEETING_REQUIRED',
        extraordinaryMatterText(matter, meeting.kind),
        'matter',
      );
    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT id FROM meeting WHERE id = $1 FOR UPDATE`, [meeting.id]); // positions: one writer at a time
      await this.repo.addAgendaItem(meeting.id, title, actor.id, em, matter);
      await this.audit.record(context, meetingAudit('meeting.agenda_item_added', meeting, association), em);
    });
    return { agenda: await this.access.agenda(meeting) };
  }

  async removeAgendaItem(
    actor: Actor,
    meetingId: string,
    itemId: string,
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    await this.access.assertMinutesOpen(meeting);
    await this.dataSource.transaction(async (em) => {
      if (!UUID.test(itemId) || !(await this.repo.removeAgendaItem(meeting.id, itemId, em)))
        throw MeetingException.notFound();
      await this.audit.record(context, meetingAudit('meeting.agenda_item_removed', meeting, association), em);
    });
    return { agenda: await this.access.agenda(meeting) };
  }

  /** The officers' items in a new order: every one of the meeting's items, each once. */
  async reorderAgenda(
    actor: Actor,
    meetingId: string,
    itemIds: string[],
    context: AuditContext,
  ): Promise<{ agenda: AgendaEntry[] }> {
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    await this.access.assertMinutesOpen(meeting);
    const current = await this.access.ownItemIds(meeting);
    const given = Array.isArray(itemIds) ? itemIds : [];
    if (
      given.length !== current.length ||
      new Set(given).size !== given.length ||
      !given.every((id) => current.includes(id))
    ) {
      throw MeetingException.field('itemIds', meetingTexts.agendaOrderInvalid());
    }
    await this.dataSource.transaction(async (em) => {
      await this.repo.reorderAgenda(meeting.id, given, em);
      await this.audit.record(context, meetingAudit('meeting.agenda_reordered', meeting, association), em);
    });
    return { agenda: await this.access.agenda(meeting) };
  }

  /** Moves one of the officers' items one place up (the pages' button). */
  async moveAgendaItemUp(actor: Actor, meetingId: string, itemId: string, context: AuditContext): Promise<void> {
    const { meeting } = await this.access.load(actor, meetingId, 'meetings', context);
    const ids = await this.access.ownItemIds(meeting);
    const at = ids.indexOf(itemId);
    if (at < 0) throw MeetingException.notFound();
    if (at === 0) return;
    [ids[at - 1], ids[at]] = [ids[at], ids[at - 1]];
    await this.reorderAgenda(actor, meetingId, ids, context);
  }
}
