import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AgendaItem } from './entities/agenda-item.entity';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { Meeting } from './entities/meeting.entity';
import { MeetingSeries } from './entities/meeting-series.entity';
import { findById } from '../database/entity-reads';

/** DOM-MTG-6: a membership `m` active on the date in parameter `date`: joined by then, not left by then, not suspended. */
const activeOn = (date: string) =>
  `m.joined_on <= ${date}::date AND (m.left_on IS NULL OR m.left_on > ${date}::date) AND m.status <> 'suspended'`;

/** Named queries of meetings, series and calendar feeds. */
@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  insertSeries(values: Partial<MeetingSeries>, em: EntityManager): Promise<MeetingSeries> {
    return em.save(MeetingSeries, em.create(MeetingSeries, values));
  }

  /** Inserts meetings in one statement; returns them with their ids, in the given order. */
  async insertMeetings(values: Partial<Meeting>[], em: EntityManager): Promise<Meeting[]> {
    if (!values.length) return [];
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(Meeting)
      .values(values.map((v) => ({ version: 1, ...v })))
      .returning('id')
      .execute();
    return (result.raw as { id: string }[]).map((r, i) => ({ ...(values[i] as Meeting), id: r.id }));
  }

  findMeeting(id: string, em?: EntityManager): Promise<Meeting | null> {
    return findById(this.m(em), Meeting, id);
  }

  /** An association's meetings between two instants, in order. */
  meetingsOf(associationId: string, from: Date, to: Date, em?: EntityManager): Promise<Meeting[]> {
    return this.m(em)
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.association_id = :associationId AND m.starts_at >= :from AND m.starts_at < :to', {
        associationId,
        from,
        to,
      })
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.number', 'ASC')
      .getMany();
  }

  /**
   * What a meeting already records (attendance, an acta, commitments), read with the meeting's row locked: an
   * attendance or acta written meanwhile waits for the lock (its foreign key), so a removal never races one.
   */
  async lockedFootprint(
    id: string,
    em: EntityManager,
  ): Promise<{ version: number; attendance: number; minutes: number; commitments: number } | null> {
    const [row] = await em.query(
      `SELECT m.version,
              (SELECT count(*) FROM attendance WHERE meeting_id = m.id)::int AS attendance,
              (SELECT count(*) FROM minutes WHERE meeting_id = m.id)::int AS minutes,
              (SELECT count(*) FROM commitment WHERE origin_meeting_id = m.id)::int AS commitments
         FROM meeting m WHERE m.id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** Deletes a meeting that records nothing (its own agenda items go with it). */
  async deleteMeeting(id: string, em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM agenda_item WHERE meeting_id = $1`, [id]);
    await em.query(`DELETE FROM meeting WHERE id = $1`, [id]);
  }

  /** Updates a meeting if it still has `version` (optimistic lock); false when someone changed it first. */
  async updateMeeting(id: string, version: number, changes: Partial<Meeting>, em: EntityManager): Promise<boolean> {
    const result = await em.update(Meeting, { id, version }, { ...changes, version: () => 'version + 1' });
    return (result.affected ?? 0) > 0;
  }

  async replaceFeed(
    associationId: string,
    tokenHash: string,
    createdBy: string,
    now: Date,
    em: EntityManager,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .update(CalendarFeed)
      .set({ revokedAt: now })
      .where('association_id = :associationId AND revoked_at IS NULL', { associationId })
      .execute();
    await em.insert(CalendarFeed, { associationId, tokenHash, createdBy });
  }

  async revokeFeeds(associationId: string, now: Date, em: EntityManager): Promise<number> {
    const result = await em
      .createQueryBuilder()
      .update(CalendarFeed)
      .set({ revokedAt: now })
      .where('association_id = :associationId AND revoked_at IS NULL', { associationId })
      .execute();
    return result.affected ?? 0;
  }

  activeFeed(associationId: string, em?: EntityManager): Promise<CalendarFeed | null> {
    return this.m(em).findOne(CalendarFeed, {
      where: { associationId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  feedByHash(tokenHash: string): Promise<CalendarFeed | null> {
    return this.dataSource
      .getRepository(CalendarFeed)
      .createQueryBuilder('f')
      .where('f.token_hash = :tokenHash AND f.revoked_at IS NULL', { tokenHash })
      .getOne();
  }

  /**
   * DOM-MTG-6: the members active on a date (joined by then, not left by then, not suspended), with their
   * attendance at the meeting if marked, in one query.
   */
  rosterWithAttendance(
    meetingId: string,
    associationId: string,
    date: string,
    em?: EntityManager,
  ): Promise<AttendanceRow[]> {
    return this.m(em).query(
      `SELECT m.id AS "memberId", p.full_name AS "fullName", coalesce(a.status, 'absent') AS status, coalesce(a.mode, 'in_person') AS mode,
              a.arrived_at AS "arrivedAt", a.left_at AS "leftAt"
         FROM membership m
         JOIN person p ON p.id = m.person_id
         LEFT JOIN attendance a ON a.meeting_id = $1 AND a.membership_id = m.id
        WHERE m.association_id = $2 AND ${activeOn('$3')}
        ORDER BY p.name_key, m.id`,
      [meetingId, associationId, date],
    );
  }

  /** Sets the attendance of the listed members (one statement); an arrival or departure left undefined keeps the stored one. */
  async upsertAttendance(
    meetingId: string,
    rows: {
      membershipId: string;
      status: string;
      mode: string;
      arrivedAt: Date | null | undefined;
      leftAt: Date | null | undefined;
    }[],
    markedBy: string,
    em: EntityManager,
  ): Promise<void> {
    if (!rows.length) return;
    const ids = rows.map((r) => r.membershipId);
    await em.query(
      `INSERT INTO attendance (meeting_id, membership_id, status, mode, marked_by)
       SELECT $1, r.membership_id, r.status, r.mode, $2 FROM unnest($3::uuid[], $4::text[], $5::text[]) AS r(membership_id, status, mode)
       ON CONFLICT (meeting_id, membership_id) WHERE membership_id IS NOT NULL
       DO UPDATE SET status = excluded.status, mode = excluded.mode, marked_by = excluded.marked_by, updated_at = now()`,
      [meetingId, markedBy, ids, rows.map((r) => r.status), rows.map((r) => r.mode)],
    );
    // the times that were sent (a hash join, however long the list)
    await em.query(
      `UPDATE attendance a
          SET arrived_at = CASE WHEN r.keep_arrived THEN a.arrived_at ELSE r.arrived_at END,
              left_at = CASE WHEN r.keep_left THEN a.left_at ELSE r.left_at END
         FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::boolean[], $6::boolean[]) AS r(membership_id, arrived_at, left_at, keep_arrived, keep_left)
        WHERE a.meeting_id = $1 AND a.membership_id = r.membership_id AND NOT (r.keep_arrived AND r.keep_left)`,
      [
        meetingId,
        ids,
        rows.map((r) => r.arrivedAt ?? null),
        rows.map((r) => r.leftAt ?? null),
        rows.map((r) => r.arrivedAt === undefined),
        rows.map((r) => r.leftAt === undefined),
      ],
    );
  }

  /**
   * DOM-MTG-4: what the agenda starts with: the last earlier meeting not cancelled of the same body (assemblies or board; its acta to approve) and the
   * commitments of earlier meetings still open when this one starts (closed later counts as open then), in one query with the officers' items.
   */
  async agendaSources(
    meeting: { id: string; associationId: string; startsAt: Date; kind: string },
    em?: EntityManager,
  ): Promise<AgendaSources> {
    const [row] = await this.m(em).query(
      `SELECT
         (SELECT json_build_object('id', p.id, 'startsAt', p.starts_at) FROM meeting p
           WHERE p.association_id = $2 AND p.starts_at < $3 AND p.status <> 'cancelled' AND (p.kind = 'board') = ($4 = 'board') ORDER BY p.starts_at DESC LIMIT 1) AS previous,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'description', c.description, 'ownerName', coalesce(op.full_name, oi.name, c.owner_name), 'dueOn', c.due_on, 'status', c.status)
                   ORDER BY o.starts_at, c.created_at), '[]')
            FROM commitment c JOIN meeting o ON o.id = c.origin_meeting_id
            LEFT JOIN membership om ON om.id = c.owner_membership_id LEFT JOIN person op ON op.id = om.person_id
            LEFT JOIN institution oi ON oi.id = c.owner_institution_id
           WHERE c.association_id = $2 AND (c.status IN ('open', 'in_progress') OR c.closed_at > $3) AND o.starts_at < $3) AS carried,
         (SELECT coalesce(json_agg(json_build_object('id', i.id, 'title', i.title, 'position', i.position, 'matter', i.matter) ORDER BY i.position, i.created_at), '[]')
            FROM agenda_item i WHERE i.meeting_id = $1 AND i.source = 'manual') AS manual`,
      [meeting.id, meeting.associationId, meeting.startsAt, meeting.kind],
    );
    const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    const previous = parse<{ id: string; startsAt: string } | null>(row.previous);
    return {
      previous: previous ? { id: previous.id, startsAt: new Date(previous.startsAt) } : null,
      carried: parse(row.carried),
      manual: parse(row.manual),
    };
  }

  /** True once the meeting's acta is approved: what it states (attendance, call, agenda) no longer changes. */
  async minutesApproved(meetingId: string, em?: EntityManager): Promise<boolean> {
    const [row] = await this.m(em).query(`SELECT 1 FROM minutes WHERE meeting_id = $1 AND status = 'approved'`, [
      meetingId,
    ]);
    return !!row;
  }

  /** Representatives' attendance at a table session (one statement); the others keep theirs. */
  async upsertParticipantAttendance(
    meetingId: string,
    rows: { participantId: string; status: string; mode: string }[],
    markedBy: string,
    em: EntityManager,
  ): Promise<void> {
    if (!rows.length) return;
    await em.query(
      `INSERT INTO attendance (meeting_id, participant_id, status, mode, marked_by)
       SELECT $1, r.participant_id, r.status, r.mode, $2 FROM unnest($3::uuid[], $4::text[], $5::text[]) AS r(participant_id, status, mode)
       ON CONFLICT (meeting_id, participant_id) WHERE participant_id IS NOT NULL
       DO UPDATE SET status = excluded.status, mode = excluded.mode, marked_by = excluded.marked_by, updated_at = now()`,
      [meetingId, markedBy, rows.map((r) => r.participantId), rows.map((r) => r.status), rows.map((r) => r.mode)],
    );
  }

  /** The notice went out: a mark, not an edit (the meeting's version, which moves check, stays). */
  async markConvened(meetingId: string, by: string, at: Date, em: EntityManager): Promise<void> {
    await em.query(`UPDATE meeting SET convened_at = $2, convened_by = $3 WHERE id = $1`, [meetingId, at, by]);
  }

  async addAgendaItem(
    meetingId: string,
    title: string,
    createdBy: string,
    em: EntityManager,
    matter: string | null = null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO agenda_item (meeting_id, position, title, source, created_by, matter)
       SELECT $1, coalesce(max(position), 0) + 1, $2, 'manual', $3, $4 FROM agenda_item WHERE meeting_id = $1`,
      [meetingId, title, createdBy, matter],
    );
  }

  async removeAgendaItem(meetingId: string, itemId: string, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .delete()
      .from(AgendaItem)
      .where('id = :itemId AND meeting_id = :meetingId AND source = :source', { itemId, meetingId, source: 'manual' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The officers' items in this order (ids of the meeting's own items). */
  async reorderAgenda(meetingId: string, itemIds: string[], em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE agenda_item i SET position = o.n FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, n) WHERE i.id = o.id AND i.meeting_id = $1`,
      [meetingId, itemIds],
    );
  }

  /** DOM-MTG-3: the members active on a date, with their e-mail when they have one (for the notice). */
  recipients(
    associationId: string,
    date: string,
    em?: EntityManager,
  ): Promise<{ memberId: string; fullName: string; email: string | null }[]> {
    return this.m(em).query(
      `SELECT m.id AS "memberId", p.full_name AS "fullName", nullif(trim(p.email), '') AS email
         FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.association_id = $1 AND ${activeOn('$2')}
        ORDER BY p.name_key, m.id`,
      [associationId, date],
    );
  }
}

export interface AgendaSources {
  previous: { id: string; startsAt: Date } | null;
  carried: { id: string; description: string; ownerName: string | null; dueOn: string | null; status: string }[];
  manual: { id: string; title: string; position: number; matter: string | null }[];
}

export interface AttendanceRow {
  memberId: string;
  fullName: string;
  status: 'present' | 'excused' | 'absent';
  mode: 'in_person' | 'online';
  arrivedAt: Date | null;
  leftAt: Date | null;
}
