import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actaAgreement, type ActaAgreement } from './acta';
import { Agreement } from './entities/agreement.entity';
import { Minutes, type MinutesItem } from './entities/minutes.entity';
import { MinutesAmendment } from './entities/minutes-amendment.entity';
import { translate } from '../common/i18n/i18n';
import { findById } from '../database/entity-reads';

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

/** The minutes of a meeting in brief (GET /api/v1/meetings/:id carries it). */
export interface MinutesSummary {
  status: 'draft' | 'approved';
  version: number;
  number: number | null;
  approvedAt: Date | null;
  verificationCode: string | null;
  distributedAt: Date | null;
}

/**
 * Named queries of minutes, agreements, amendments, distributions, the approved actas' chain and the board that
 * signs them (the commitments actas record are CommitmentsRepository's).
 */
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
    return findById(this.m(em), Minutes, id);
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
    return rows.map(actaAgreement);
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
}
