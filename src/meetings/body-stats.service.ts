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
}
