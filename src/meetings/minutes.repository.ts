import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActaAgreement, ParsedCommitment } from './acta';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';
import { Agreement } from './entities/agreement.entity';
import { Commitment } from './entities/commitment.entity';
import { Minutes, type MinutesItem } from './entities/minutes.entity';
import { MinutesAmendment } from './entities/minutes-amendment.entity';
import { translate } from '../common/i18n/i18n';

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

export type Book = 'assembly' | 'board';

export interface ApprovedActaRow {
  id: string;
  meetingId: string;
  number: number;
  book: Book;
  startsAt: Date;
  timeZone: string;
  kind: string;
  approvedAt: Date;
  approverName: string | null;
  verificationCode: string | null;
  distributedAt: Date | null;
}

/** Named queries of minutes, agreements, amendments, distributions and the commitments they record. */
/** The minutes of a meeting in brief (GET /api/v1/meetings/:id carries it). */
export interface MinutesSummary {
  status: 'draft' | 'approved';
  version: number;
  number: number | null;
  approvedAt: Date | null;
  verificationCode: string | null;
  distributedAt: Date | null;
}

@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  findByMeeting(meetingId: string, em?: EntityManager): Promise<Minutes | null> {
    return this.m(em).findOneBy(Minutes, { meetingId });
  }

  findById(id: string, em?: EntityManager): Promise<Minutes | null> {
    return this.m(em).findOneBy(Minutes, { id });
  }

  /** The meeting's minutes locked for this transaction, created empty first if there are none. */
  async lockOrCreate(
    meetingId: string,
    body: { associationId: string | null; tableId: string | null },
    book: Book,
    userId: string,
    em: EntityManager,
  ): Promise<{ minutes: Minutes; created: boolean }> {
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO minutes (meeting_id, association_id, table_id, book, created_by, updated_by, version) VALUES ($1, $2, $3, $4, $5, $5, 0)
       ON CONFLICT (meeting_id) DO NOTHING RETURNING id`,
      [meetingId, body.associationId, body.tableId, book, userId],
    );
    const minutes = await em
      .getRepository(Minutes)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.meeting_id = :meetingId', { meetingId })
      .getOne();
    return { minutes: minutes as Minutes, created: inserted.length > 0 };
  }

  lockByMeeting(meetingId: string, em: EntityManager): Promise<Minutes | null> {
    return em
      .getRepository(Minutes)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.meeting_id = :meetingId', { meetingId })
      .getOne();
  }

  /** One approval at a time per book of a body: the acta number and the previous hash are read and taken under this lock. */
  async lockChain(bodyId: string, book: Book, em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`minutes-chain:${bodyId}:${book}`]);
  }

  /** The earliest meeting of the body's book before `before` whose saved minutes are still a draft (actas are approved in order). */
  async earlierDraft(
    body: { associationId: string | null; tableId: string | null },
    book: Book,
    before: Date,
    em: EntityManager,
  ): Promise<{ meetingId: string; startsAt: Date; timeZone: string } | null> {
    const [row] = await em.query(
      `SELECT mt.id AS "meetingId", mt.starts_at AS "startsAt", mt.time_zone AS "timeZone" FROM minutes m JOIN meeting mt ON mt.id = m.meeting_id
        WHERE m.${body.associationId ? 'association_id' : 'table_id'} = $1 AND m.book = $2 AND m.status = 'draft' AND m.version > 0 AND mt.starts_at < $3 AND mt.status <> 'cancelled'
        ORDER BY mt.starts_at LIMIT 1`,
      [body.associationId ?? body.tableId, book, before],
    );
    return row ?? null;
  }

  /** The draft's notes per agenda point; each save is a new version. */
  async saveItems(minutesId: string, items: MinutesItem[], userId: string, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE minutes SET items = $2::jsonb, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
      [minutesId, JSON.stringify(items), userId],
    );
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

  /** Sets the outcome and quorum flag the approval computed (the rows are still a draft's). */
  async setOutcomes(minutesId: string, agreements: ActaAgreement[], em: EntityManager): Promise<void> {
    if (!agreements.length) return;
    await em.query(
      `UPDATE agreement a SET outcome = r.outcome, without_quorum = r.without_quorum FROM unnest($2::int[], $3::text[], $4::boolean[]) AS r(number, outcome, without_quorum)
        WHERE a.minutes_id = $1 AND a.number = r.number`,
      [
        minutesId,
        agreements.map((a) => a.number),
        agreements.map((a) => a.outcome),
        agreements.map((a) => a.withoutQuorum),
      ],
    );
  }

  async agreements(minutesId: string, em?: EntityManager): Promise<ActaAgreement[]> {
    const rows = await this.m(em).find(Agreement, { where: { minutesId }, order: { number: 'ASC' } });
    return rows.map((a) => ({
      number: a.number,
      text: a.text,
      votesFor: a.votesFor,
      votesAgainst: a.votesAgainst,
      abstentions: a.abstentions,
      majority: a.majority,
      outcome: a.outcome,
      withoutQuorum: a.withoutQuorum,
    }));
  }

  async replaceAgreements(minutesId: string, agreements: ActaAgreement[], em: EntityManager): Promise<void> {
    await em.delete(Agreement, { minutesId });
    if (agreements.length)
      await em.insert(
        Agreement,
        agreements.map((a) => ({ ...a, minutesId })),
      );
  }

  /** The corrections these minutes record, with the number and date of the acta each corrects. */
  amendments(
    minutesId: string,
    em?: EntityManager,
  ): Promise<
    { amendsMinutesId: string; text: string; number: number; startsAt: Date; timeZone: string; meetingId: string }[]
  > {
    return this.m(em).query(
      `SELECT a.amends_minutes_id AS "amendsMinutesId", a.text, t.number, mt.starts_at AS "startsAt", mt.time_zone AS "timeZone", mt.id AS "meetingId"
         FROM minutes_amendment a JOIN minutes t ON t.id = a.amends_minutes_id JOIN meeting mt ON mt.id = t.meeting_id
        WHERE a.minutes_id = $1 ORDER BY t.number`,
      [minutesId],
    );
  }

  /** The approved actas that correct this one (the other direction of the link). */
  amendedBy(
    minutesId: string,
    em?: EntityManager,
  ): Promise<{ number: number; meetingId: string; startsAt: Date; timeZone: string; text: string }[]> {
    return this.m(em).query(
      `SELECT m.number, m.meeting_id AS "meetingId", mt.starts_at AS "startsAt", mt.time_zone AS "timeZone", a.text
         FROM minutes_amendment a JOIN minutes m ON m.id = a.minutes_id AND m.status = 'approved' JOIN meeting mt ON mt.id = m.meeting_id
        WHERE a.amends_minutes_id = $1 ORDER BY m.number`,
      [minutesId],
    );
  }

  async replaceAmendments(
    minutesId: string,
    amendments: { amendsMinutesId: string; text: string }[],
    em: EntityManager,
  ): Promise<void> {
    await em.delete(MinutesAmendment, { minutesId });
    if (amendments.length)
      await em.insert(
        MinutesAmendment,
        amendments.map((a) => ({ ...a, minutesId })),
      );
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

  /** DOM-MTG-9: the one change an acta ever gets, draft to approved (the trigger refuses any later one). */
  async markApproved(
    minutesId: string,
    a: {
      number: number;
      snapshot: unknown;
      approvedAt: Date;
      approvedBy: string;
      approverName: string;
      approverPosition: string | null;
      contentHash: string;
      previousHash: string | null;
      previousMinutesId: string | null;
      documentId: string;
    },
    em: EntityManager,
  ): Promise<void> {
    await em.query(
      `UPDATE minutes SET status = 'approved', number = $2, snapshot = $3::jsonb, approved_at = $4, approved_by = $5, approver_name = $6, approver_position = $7,
              content_hash = $8, previous_hash = $9, previous_minutes_id = $10, document_id = $11, updated_by = $5, updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'draft'`,
      [
        minutesId,
        a.number,
        JSON.stringify(a.snapshot),
        a.approvedAt,
        a.approvedBy,
        a.approverName,
        a.approverPosition,
        a.contentHash,
        a.previousHash,
        a.previousMinutesId,
        a.documentId,
      ],
    );
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

  /** The last approved acta of a body (by number). */
  async lastApproved(
    body: { associationId: string | null; tableId: string | null },
    book: Book,
    em: EntityManager,
  ): Promise<{ id: string; number: number; contentHash: string } | null> {
    const [row] = await em.query(
      `SELECT id, number, content_hash AS "contentHash" FROM minutes WHERE status = 'approved' AND ${body.associationId ? 'association_id' : 'table_id'} = $1 AND book = $2 ORDER BY number DESC LIMIT 1`,
      [body.associationId ?? body.tableId, book],
    );
    return row ?? null;
  }

  /** Approved actas of a body in number order (the chain), for the check. */
  approvedChain(
    body: { associationId: string | null; tableId: string | null },
    book: Book,
    em?: EntityManager,
  ): Promise<Minutes[]> {
    return this.m(em).find(Minutes, {
      where: body.associationId
        ? { associationId: body.associationId, book, status: 'approved' }
        : { tableId: body.tableId as string, book, status: 'approved' },
      order: { number: 'ASC' },
    });
  }

  /** The stored bytes' SHA-256 of an issued document and the hash recorded when it was issued. */
  async documentHashes(documentId: string, em?: EntityManager): Promise<{ recorded: string; actual: string } | null> {
    const [row] = await this.m(em).query(
      `SELECT sha256 AS recorded, encode(sha256(content), 'hex') AS actual FROM document WHERE id = $1`,
      [documentId],
    );
    return row ?? null;
  }

  /** An association's actas, newest meeting first: approved ones (and drafts when asked), with codes and distribution. */
  actasOf(
    associationId: string,
    withDrafts: boolean,
    em?: EntityManager,
  ): Promise<(ApprovedActaRow & { status: 'draft' | 'approved' })[]> {
    return this.m(em).query(
      `SELECT m.id, m.meeting_id AS "meetingId", m.number, m.book, m.status, mt.starts_at AS "startsAt", mt.time_zone AS "timeZone", mt.kind, m.approved_at AS "approvedAt",
              m.approver_name AS "approverName", d.verification_code AS "verificationCode",
              (SELECT min(x.sent_at) FROM minutes_distribution x WHERE x.minutes_id = m.id) AS "distributedAt"
         FROM minutes m JOIN meeting mt ON mt.id = m.meeting_id LEFT JOIN document d ON d.id = m.document_id
        WHERE m.association_id = $1 AND (m.status = 'approved' OR $2)
        ORDER BY mt.starts_at DESC`,
      [associationId, withDrafts],
    );
  }

  /** The minutes of a meeting in brief: status, version, number, approval, code and first distribution. */
  async summaryOf(meetingId: string, em?: EntityManager): Promise<MinutesSummary | null> {
    const [row] = await this.m(em).query(
      `SELECT m.status, m.version, m.number, m.approved_at AS "approvedAt", d.verification_code AS "verificationCode",
              (SELECT min(x.sent_at) FROM minutes_distribution x WHERE x.minutes_id = m.id) AS "distributedAt"
         FROM minutes m LEFT JOIN document d ON d.id = m.document_id WHERE m.meeting_id = $1`,
      [meetingId],
    );
    return row ?? null;
  }

  /** DOM-MTG-9: when the acta was first sent to the members (null if never). */
  async distributedAt(minutesId: string, em?: EntityManager): Promise<Date | null> {
    const [row] = await this.m(em).query(`SELECT min(sent_at) AS at FROM minutes_distribution WHERE minutes_id = $1`, [
      minutesId,
    ]);
    return row?.at ?? null;
  }

  /** The president and secretary (first titular seats) of the board term in office on a date. */
  async signers(
    associationId: string,
    date: string,
    em?: EntityManager,
  ): Promise<{ president: string | null; secretary: string | null; labels?: [string, string] }> {
    const rows: { position: string; fullName: string; gender: 'female' | 'male' | null }[] = await this.m(em).query(
      `SELECT s.position, p.full_name AS "fullName", p.gender
         FROM (SELECT t.id, t.ends_on FROM board_term t WHERE t.association_id = $1 AND t.starts_on <= $2::date ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1) b
         JOIN board_seat s ON s.term_id = b.id AND s.position IN ('president', 'secretary')
         JOIN membership m ON m.id = s.membership_id JOIN person p ON p.id = m.person_id
        WHERE b.ends_on >= $2::date`,
      [associationId, date],
    );
    const president = rows.find((r) => r.position === 'president');
    const secretary = rows.find((r) => r.position === 'secretary');
    return {
      president: president?.fullName ?? null,
      secretary: secretary?.fullName ?? null,
      // issue 20 item 6: "Presidenta" when the person's record says so, else the neutral "Presidencia"
      ...(president?.gender || secretary?.gender
        ? {
            labels: [
              translate('es', `constitution.posts.${president?.gender ?? 'neutral'}.president`),
              translate('es', `constitution.posts.${secretary?.gender ?? 'neutral'}.secretary`),
            ] as [string, string],
          }
        : {}),
    };
  }

  /**
   * The board post a person holds in an association on a date, as the dictionary keys it with how the person's post is
   * written (`female.president`, `neutral.secretary`; issue 20 item 6), or null.
   */
  async postOf(associationId: string, personId: string, date: string, em?: EntityManager): Promise<string | null> {
    const [row] = await this.m(em).query(
      `SELECT coalesce(p.gender, 'neutral') || '.' || s.position AS post
         FROM (SELECT t.id, t.ends_on FROM board_term t WHERE t.association_id = $1 AND t.starts_on <= $3::date ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1) b
         JOIN board_seat s ON s.term_id = b.id JOIN membership m ON m.id = s.membership_id AND m.person_id = $2
         JOIN person p ON p.id = m.person_id
        WHERE b.ends_on >= $3::date
        ORDER BY array_position(ARRAY['president', 'secretary', 'treasurer', 'director', 'substitute'], s.position) LIMIT 1`,
      [associationId, personId, date],
    );
    return row?.post ?? null;
  }

  /** The next meeting of the same body after this one, not cancelled. */
  async nextMeeting(
    meeting: { associationId: string | null; startsAt: Date; kind: string },
    em?: EntityManager,
  ): Promise<{ startsAt: Date; timeZone: string; place: string } | null> {
    const [row] = await this.m(em).query(
      `SELECT starts_at AS "startsAt", time_zone AS "timeZone", place FROM meeting
        WHERE association_id = $1 AND starts_at > $2 AND status <> 'cancelled' AND (kind = 'board') = ($3 = 'board') ORDER BY starts_at LIMIT 1`,
      [meeting.associationId, meeting.startsAt, meeting.kind],
    );
    return row ?? null;
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
