import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** How an association keeps its meetings (DOM-PRG-6), read from the engine's records. */
export interface AssociationCadence {
  associationId: string;
  /** Meetings held in the window (ordinary, extraordinary, board). */
  meetingsHeld: number;
  /** Meetings its series planned in the window (held, not held, or cancelled). */
  meetingsPlanned: number;
  actasApproved: number;
  /** Held meetings whose acta is not approved yet (a draft, or not written). */
  actasPending: number;
  /** Commitments not done nor cancelled whose due date has passed. */
  commitmentsOverdue: number;
  /** The last approved acta (for a read-only link), or null. */
  lastApproved: { meetingId: string; number: number; date: string } | null;
}

/** What an association's year looked like (DOM-PRG-7, the yearly report). */
export interface AssociationYear {
  meetingsHeld: number;
  actasApproved: { number: number; date: string; agreements: number }[];
  agreementsAdopted: number;
  commitmentsDone: number;
  commitmentsOpen: number;
}

/** What an association's officers do next (the start page, issue 20 item 1): one meeting and its next step. */
export interface OfficerMeeting {
  id: string;
  startsAt: Date;
  timeZone: string;
  kind: string;
  place: string;
  /** The step one tap away: send the notice, take attendance (on the day), write the acta, or read the agenda. */
  action: 'convene' | 'attendance' | 'acta' | 'agenda';
}

export interface OfficerCommitment {
  id: string;
  description: string;
  ownerName: string;
  dueOn: string | null;
  status: string;
  overdue: boolean;
}

/** An association's work for its officers: the next meeting, actas to write or approve, open commitments. */
export interface OfficerWork {
  associationId: string;
  next: OfficerMeeting | null;
  /** Held meetings of the last 120 days with no acta yet, latest first (at most 3). */
  toWrite: { meetingId: string; startsAt: Date; timeZone: string }[];
  /** Drafts waiting for approval, oldest first (at most 3). */
  toApprove: { meetingId: string; startsAt: Date; timeZone: string }[];
  /** Open and in-progress commitments, overdue first, then by due date (at most `commitmentLimit`). */
  commitments: OfficerCommitment[];
  commitmentsOpen: number;
  commitmentsOverdue: number;
}

/** A meeting counts as in progress for this long after it starts (attendance is taken then). */
const IN_PROGRESS_HOURS = 6;

/**
 * Counts over the engine's meetings, actas and commitments for many associations in a constant number of queries
 * (the program portfolio's rows do not cost a query each, issue 17). Read-only; the body ports decide who may see.
 */
@Injectable()
export class BodyStats {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async cadence(
    associationIds: string[],
    window: { from: Date; to: Date },
    today: string,
    em?: EntityManager,
  ): Promise<Map<string, AssociationCadence>> {
    const out = new Map<string, AssociationCadence>();
    for (const id of associationIds)
      out.set(id, {
        associationId: id,
        meetingsHeld: 0,
        meetingsPlanned: 0,
        actasApproved: 0,
        actasPending: 0,
        commitmentsOverdue: 0,
        lastApproved: null,
      });
    if (!associationIds.length) return out;
    const m = em ?? this.dataSource.manager;
    // the meetings alone (no join): the window's cadence and how many were held, from the association's index
    const counts: { id: string; held: number; planned: number; heldAll: number }[] = await m.query(
      `SELECT association_id AS id,
              count(*) FILTER (WHERE status = 'held' AND kind IN ('ordinary', 'extraordinary', 'board')
                                 AND starts_at >= $2 AND starts_at <= $3)::int AS held,
              count(*) FILTER (WHERE series_id IS NOT NULL AND starts_at >= $2 AND starts_at <= $3)::int AS planned,
              count(*) FILTER (WHERE status = 'held' AND kind <> 'constitutive' AND starts_at <= $3)::int AS "heldAll"
         FROM meeting
        WHERE association_id = ANY($1::uuid[])
        GROUP BY association_id`,
      [associationIds, window.from, window.to],
    );
    // approved actas of meetings that are not the constitutive assembly (an acta is approved only once held)
    const approved: { id: string; n: number; constitutive: number }[] = await m.query(
      `SELECT mi.association_id AS id, count(*)::int AS n, count(*) FILTER (WHERE mt.kind = 'constitutive')::int AS constitutive
         FROM minutes mi JOIN meeting mt ON mt.id = mi.meeting_id
        WHERE mi.association_id = ANY($1::uuid[]) AND mi.number IS NOT NULL AND mt.starts_at <= $2
        GROUP BY mi.association_id`,
      [associationIds, window.to],
    );
    const approvedOf = new Map(approved.map((r) => [r.id, r]));
    for (const r of counts) {
      const a = approvedOf.get(r.id);
      Object.assign(out.get(r.id)!, {
        meetingsHeld: r.held,
        meetingsPlanned: r.planned,
        actasApproved: a?.n ?? 0,
        // held meetings whose acta is not approved: a draft, or none written yet
        actasPending: Math.max(0, r.heldAll - ((a?.n ?? 0) - (a?.constitutive ?? 0))),
      });
    }
    const overdue: { id: string; n: number }[] = await m.query(
      `SELECT association_id AS id, count(*)::int AS n FROM commitment
        WHERE association_id = ANY($1::uuid[]) AND status IN ('open', 'in_progress') AND due_on < $2::date
        GROUP BY association_id`,
      [associationIds, today],
    );
    for (const r of overdue) out.get(r.id)!.commitmentsOverdue = r.n;
    // the last approved acta of the assembly book: its highest number, read from the book's unique index
    const last: { id: string; meetingId: string; number: number; date: string }[] = await m.query(
      `SELECT a.id, l.meeting_id AS "meetingId", l.number, to_char(mt.starts_at AT TIME ZONE mt.time_zone, 'YYYY-MM-DD') AS date
         FROM unnest($1::uuid[]) AS a(id)
         CROSS JOIN LATERAL (SELECT mi.meeting_id, mi.number FROM minutes mi
                              WHERE mi.association_id = a.id AND mi.book = 'assembly' AND mi.number IS NOT NULL
                              ORDER BY mi.number DESC LIMIT 1) l
         JOIN meeting mt ON mt.id = l.meeting_id`,
      [associationIds],
    );
    for (const r of last) out.get(r.id)!.lastApproved = { meetingId: r.meetingId, number: r.number, date: r.date };
    return out;
  }

  /** An association's meetings, actas, agreements and commitments in a year (local dates of the meeting zone). */
  async year(associationId: string, year: number, em?: EntityManager): Promise<AssociationYear> {
    const m = em ?? this.dataSource.manager;
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const [held]: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM meeting
        WHERE association_id = $1 AND status = 'held' AND kind IN ('ordinary', 'extraordinary', 'board')
          AND (starts_at AT TIME ZONE time_zone) >= $2::date AND (starts_at AT TIME ZONE time_zone) < $3::date`,
      [associationId, from, to],
    );
    const actas: { number: number; date: string; agreements: number }[] = await m.query(
      `SELECT mi.number, to_char(mt.starts_at AT TIME ZONE mt.time_zone, 'YYYY-MM-DD') AS date,
              (SELECT count(*)::int FROM agreement a WHERE a.minutes_id = mi.id) AS agreements
         FROM minutes mi JOIN meeting mt ON mt.id = mi.meeting_id
        WHERE mi.association_id = $1 AND mi.status = 'approved'
          AND (mt.starts_at AT TIME ZONE mt.time_zone) >= $2::date AND (mt.starts_at AT TIME ZONE mt.time_zone) < $3::date
        ORDER BY mt.starts_at`,
      [associationId, from, to],
    );
    const [commitments]: { done: number; open: number }[] = await m.query(
      `SELECT count(*) FILTER (WHERE c.status = 'done')::int AS done,
              count(*) FILTER (WHERE c.status IN ('open', 'in_progress'))::int AS open
         FROM commitment c JOIN meeting mt ON mt.id = c.origin_meeting_id
        WHERE c.association_id = $1
          AND (mt.starts_at AT TIME ZONE mt.time_zone) >= $2::date AND (mt.starts_at AT TIME ZONE mt.time_zone) < $3::date`,
      [associationId, from, to],
    );
    return {
      meetingsHeld: held.n,
      actasApproved: actas,
      agreementsAdopted: actas.reduce((sum, a) => sum + a.agreements, 0),
      commitmentsDone: commitments.done,
      commitmentsOpen: commitments.open,
    };
  }

  /**
   * The start page's work of many associations in four statements whatever their number (issue 20 item 1): each
   * one's next meeting with its next step, its held meetings without an acta, its drafts and its open commitments,
   * overdue first (the origin meeting's zone says what "today" is). The caller passes only associations whose
   * officer the actor is.
   */
  async officerWork(associationIds: string[], now: Date, commitmentLimit = 5): Promise<Map<string, OfficerWork>> {
    const out = new Map<string, OfficerWork>();
    const ids = [...new Set(associationIds)].slice(0, 50);
    for (const id of ids)
      out.set(id, {
        associationId: id,
        next: null,
        toWrite: [],
        toApprove: [],
        commitments: [],
        commitmentsOpen: 0,
        commitmentsOverdue: 0,
      });
    if (!ids.length) return out;
    const m = this.dataSource.manager;
    const next: {
      associationId: string;
      id: string;
      startsAt: Date;
      timeZone: string;
      kind: string;
      place: string;
      convened: boolean;
      started: boolean;
      today: boolean;
      attendance: boolean;
    }[] = await m.query(
      `SELECT a.id AS "associationId", n.id, n.starts_at AS "startsAt", n.time_zone AS "timeZone", n.kind, n.place,
              n.convened_at IS NOT NULL AS convened, n.starts_at <= $2 AS started,
              (n.starts_at AT TIME ZONE n.time_zone)::date = ($2::timestamptz AT TIME ZONE n.time_zone)::date AS today,
              EXISTS (SELECT 1 FROM attendance t WHERE t.meeting_id = n.id) AS attendance
         FROM unnest($1::uuid[]) AS a(id)
         CROSS JOIN LATERAL (SELECT mt.* FROM meeting mt
                              WHERE mt.association_id = a.id AND mt.status <> 'cancelled' AND mt.kind <> 'constitutive'
                                AND mt.starts_at >= $2::timestamptz - make_interval(hours => $3)
                              ORDER BY mt.starts_at LIMIT 1) n`,
      [ids, now, IN_PROGRESS_HOURS],
    );
    for (const r of next) {
      const action: OfficerMeeting['action'] =
        r.started || r.today ? (r.attendance ? 'acta' : 'attendance') : r.convened ? 'agenda' : 'convene';
      out.get(r.associationId)!.next = {
        id: r.id,
        startsAt: new Date(r.startsAt),
        timeZone: r.timeZone,
        kind: r.kind,
        place: r.place,
        action,
      };
    }
    // held meetings (not the one in progress) with no acta written, and drafts waiting for approval
    const actas: { associationId: string; meetingId: string; startsAt: Date; timeZone: string; draft: boolean }[] =
      await m.query(
        `SELECT a.id AS "associationId", x.id AS "meetingId", x.starts_at AS "startsAt", x.time_zone AS "timeZone", x.draft
           FROM unnest($1::uuid[]) AS a(id)
           CROSS JOIN LATERAL (SELECT mt.id, mt.starts_at, mt.time_zone, false AS draft FROM meeting mt
                                WHERE mt.association_id = a.id AND mt.status <> 'cancelled'
                                  AND mt.kind IN ('ordinary', 'extraordinary', 'board')
                                  AND mt.starts_at < $2::timestamptz - make_interval(hours => $3)
                                  AND mt.starts_at >= $2::timestamptz - interval '120 days'
                                  AND NOT EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = mt.id)
                                ORDER BY mt.starts_at DESC LIMIT 3) x
         UNION ALL
         SELECT a.id, y.id, y.starts_at, y.time_zone, true
           FROM unnest($1::uuid[]) AS a(id)
           CROSS JOIN LATERAL (SELECT mt.id, mt.starts_at, mt.time_zone FROM minutes mi JOIN meeting mt ON mt.id = mi.meeting_id
                                WHERE mi.association_id = a.id AND mi.status = 'draft'
                                ORDER BY mt.starts_at LIMIT 3) y`,
        [ids, now, IN_PROGRESS_HOURS],
      );
    for (const r of actas) {
      const work = out.get(r.associationId)!;
      (r.draft ? work.toApprove : work.toWrite).push({
        meetingId: r.meetingId,
        startsAt: new Date(r.startsAt),
        timeZone: r.timeZone,
      });
    }
    const commitments: (OfficerCommitment & { associationId: string; open: number; overdueCount: number })[] =
      await m.query(
        `SELECT x."associationId", x.id, x.description, x."ownerName", x."dueOn", x.status, x.overdue, x.open, x."overdueCount"
           FROM (SELECT c.association_id AS "associationId", c.id, c.description,
                        coalesce(op.full_name, oi.name, c.owner_name, '') AS "ownerName",
                        to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.status, c.due_on AS due, c.position,
                        coalesce(c.due_on < ($2::timestamptz AT TIME ZONE o.time_zone)::date, false) AS overdue,
                        (count(*) OVER w)::int AS open,
                        (count(*) FILTER (WHERE c.due_on < ($2::timestamptz AT TIME ZONE o.time_zone)::date) OVER w)::int AS "overdueCount",
                        row_number() OVER (PARTITION BY c.association_id
                                           ORDER BY coalesce(c.due_on < ($2::timestamptz AT TIME ZONE o.time_zone)::date, false) DESC,
                                                    c.due_on NULLS LAST, o.starts_at, c.position) AS rank
                   FROM commitment c
                   JOIN meeting o ON o.id = c.origin_meeting_id
                   LEFT JOIN membership om ON om.id = c.owner_membership_id LEFT JOIN person op ON op.id = om.person_id
                   LEFT JOIN institution oi ON oi.id = c.owner_institution_id
                  WHERE c.association_id = ANY($1::uuid[]) AND c.status IN ('open', 'in_progress')
                 WINDOW w AS (PARTITION BY c.association_id)) x
          WHERE x.rank <= $3
          ORDER BY x."associationId", x.rank
          LIMIT 500`,
        [ids, now, commitmentLimit],
      );
    for (const r of commitments) {
      const work = out.get(r.associationId)!;
      work.commitmentsOpen = r.open;
      work.commitmentsOverdue = r.overdueCount;
      work.commitments.push({
        id: r.id,
        description: r.description,
        ownerName: r.ownerName,
        dueOn: r.dueOn,
        status: r.status,
        overdue: r.overdue,
      });
    }
    return out;
  }
}
