import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ParsedCommitment } from './acta';
import { Commitment } from './entities/commitment.entity';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';

export interface CommitmentRow {
  id: string;
  description: string;
  ownerKind: Commitment['ownerKind'];
  ownerMembershipId: string | null;
  ownerParticipantId: string | null;
  ownerInstitutionId: string | null;
  /** The owner's name: the member's full name, or the name written in the acta. */
  ownerName: string;
  dueOn: string | null;
  status: Commitment['status'];
  progress: number;
  position: number;
  originMeetingId: string;
  updates: number;
}

/** Named queries of the commitments actas record (DOM-MTG-8) and their progress updates. */
@Injectable()
export class CommitmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  /**
   * DOM-MTG-8: the draft's commitments become exactly the listed ones (kept by id, new ones added, the rest
   * removed). Those left out are locked against a progress update arriving meanwhile; one with progress stays
   * (422: cancel it instead).
   */
  async replaceCommitments(
    meetingId: string,
    body: { associationId: string | null; tableId: string | null },
    commitments: ParsedCommitment[],
    em: EntityManager,
  ): Promise<void> {
    const keep = commitments.filter((c) => c.id).map((c) => c.id as string);
    const dropped: { id: string; description: string; updates: number }[] = await em.query(
      `SELECT c.id, c.description, (SELECT count(*)::int FROM commitment_update u WHERE u.commitment_id = c.id) AS updates
         FROM commitment c WHERE c.origin_meeting_id = $1 AND NOT (c.id = ANY($2::uuid[])) FOR UPDATE OF c`,
      [meetingId, keep],
    );
    const withProgress = dropped.find((c) => c.updates > 0);
    if (withProgress)
      throw MeetingException.rule(
        'COMMITMENT_HAS_PROGRESS',
        meetingTexts.commitmentHasProgress({ description: withProgress.description.slice(0, 80) }),
        'commitments',
      );
    if (dropped.length) await em.query(`DELETE FROM commitment WHERE id = ANY($1::uuid[])`, [dropped.map((c) => c.id)]);
    for (const c of commitments) {
      const values = {
        description: c.description,
        ownerKind: c.ownerKind,
        ownerMembershipId: c.ownerMembershipId,
        ownerParticipantId: c.ownerParticipantId,
        ownerInstitutionId: c.ownerInstitutionId,
        ownerName: c.ownerName,
        axisId: c.axisId,
        dueOn: c.dueOn,
        position: c.position,
      };
      if (c.id) await em.update(Commitment, { id: c.id, originMeetingId: meetingId }, values);
      else await em.insert(Commitment, { ...values, ...body, originMeetingId: meetingId, status: 'open', version: 1 });
    }
  }

  /** The commitments a meeting's minutes record, in the acta's order, with their owners' names. */
  commitmentsOf(meetingId: string, em?: EntityManager): Promise<CommitmentRow[]> {
    return this.m(em).query(`${COMMITMENT_SELECT} WHERE c.origin_meeting_id = $1 ORDER BY c.position, c.created_at`, [
      meetingId,
    ]);
  }

  findCommitment(
    id: string,
    em?: EntityManager,
  ): Promise<(CommitmentRow & { associationId: string | null; tableId: string | null }) | undefined> {
    return this.m(em)
      .query(
        `${COMMITMENT_SELECT.replace('SELECT ', 'SELECT c.association_id AS "associationId", c.table_id AS "tableId", ')} WHERE c.id = $1`,
        [id],
      )
      .then((rows: (CommitmentRow & { associationId: string | null; tableId: string | null })[]) => rows[0]);
  }

  /** A body's commitments, filtered, newest meetings first; with the total for paging. */
  async listCommitments(
    filter: {
      associationIds: string[];
      status?: string;
      overdueOn?: string;
      institutionId?: string;
      limit: number;
      offset: number;
    },
    em?: EntityManager,
  ): Promise<{ items: (CommitmentRow & { associationId: string })[]; total: number }> {
    const where = ['c.association_id = ANY($1)'];
    const params: unknown[] = [filter.associationIds];
    if (filter.status) {
      params.push(filter.status);
      where.push(`c.status = $${params.length}`);
    }
    if (filter.institutionId) {
      params.push(filter.institutionId);
      where.push(`c.owner_institution_id = $${params.length}`);
    }
    if (filter.overdueOn) {
      params.push(filter.overdueOn);
      where.push(`c.status IN ('open', 'in_progress') AND c.due_on < $${params.length}::date`);
    }
    const sql = `${COMMITMENT_SELECT.replace('SELECT ', 'SELECT c.association_id AS "associationId", count(*) OVER () AS total, ')} JOIN meeting o ON o.id = c.origin_meeting_id WHERE ${where.join(' AND ')}
      ORDER BY (c.status IN ('open', 'in_progress')) DESC, c.due_on NULLS LAST, o.starts_at, c.position LIMIT ${filter.limit} OFFSET ${filter.offset}`;
    const rows: (CommitmentRow & { associationId: string; total: string })[] = await this.m(em).query(sql, params);
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /**
   * DOM-MTG-8: a progress update of a commitment (locked by the caller) and the status and percentage it sets on
   * it (done and cancelled close it; reopening clears the closing). Returns the update's id.
   */
  async recordProgress(
    commitmentId: string,
    update: { status: string | null; progress: number | null; note: string },
    by: { id: string; name: string },
    at: Date,
    em: EntityManager,
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO commitment_update (commitment_id, status, progress, note, created_by, created_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [commitmentId, update.status, update.progress, update.note, by.id, by.name, at],
    );
    await em.query(
      `UPDATE commitment SET status = coalesce($2, status), progress = coalesce($3, progress),
              closed_at = CASE WHEN coalesce($2, status) IN ('done', 'cancelled') THEN coalesce(closed_at, $4) ELSE NULL END,
              updated_at = now(), version = version + 1
        WHERE id = $1`,
      [commitmentId, update.status, update.progress, at],
    );
    return row.id;
  }

  /** Updates of a commitment, newest first. */
  updatesOf(
    commitmentId: string,
    em?: EntityManager,
  ): Promise<{ at: Date; by: string | null; status: string | null; progress: number | null; note: string }[]> {
    return this.m(em).query(
      `SELECT created_at AS at, created_by_name AS by, status, progress, note FROM commitment_update WHERE commitment_id = $1 ORDER BY created_at DESC, id`,
      [commitmentId],
    );
  }

  /** Of these ids, the association's members active today, and those who already own one of the meeting's commitments (to keep them). */
  async ownersAllowed(
    associationId: string,
    meetingId: string,
    ids: string[],
    today: string,
    em?: EntityManager,
  ): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.m(em).query(
      `SELECT m.id FROM membership m WHERE m.association_id = $1 AND m.id = ANY($3::uuid[])
          AND ((m.joined_on <= $4::date AND (m.left_on IS NULL OR m.left_on > $4::date) AND m.status <> 'suspended')
               OR EXISTS (SELECT 1 FROM commitment c WHERE c.origin_meeting_id = $2 AND c.owner_membership_id = m.id))`,
      [associationId, meetingId, ids, today],
    );
    return new Set(rows.map((r) => r.id));
  }
}

const COMMITMENT_SELECT = `SELECT c.id, c.description, c.owner_kind AS "ownerKind", c.owner_membership_id AS "ownerMembershipId", c.owner_participant_id AS "ownerParticipantId",
         c.owner_institution_id AS "ownerInstitutionId", coalesce(op.full_name, tp.name, oi.name, c.owner_name, '') AS "ownerName", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn",
         c.status, c.progress, c.position, c.origin_meeting_id AS "originMeetingId",
         (SELECT count(*)::int FROM commitment_update u WHERE u.commitment_id = c.id) AS updates
    FROM commitment c
    LEFT JOIN membership om ON om.id = c.owner_membership_id LEFT JOIN person op ON op.id = om.person_id
    LEFT JOIN table_participant tp ON tp.id = c.owner_participant_id LEFT JOIN institution oi ON oi.id = c.owner_institution_id`;
