import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BoardSeat } from './entities/board-seat.entity';
import { BoardTerm } from './entities/board-term.entity';
import { Constitution } from './entities/constitution.entity';
import { findOneWhere } from '../database/entity-reads';
import { ConstitutionFounder } from './entities/constitution-founder.entity';

export interface FounderRow {
  membershipId: string;
  fullName: string;
  documentType: 'rut' | 'dni';
  documentNumber: string | null;
  birthDate: string | null;
  guardianConsent: boolean;
  joinedOn: string;
  status: string;
}

export interface SeatRow {
  position: string;
  rank: number | null;
  membershipId: string;
  fullName: string;
  documentNumber: string | null;
}

export interface AssignmentRow {
  associationId: string;
  name: string;
  kind: string;
  status: string;
  communeName: string;
  timeZone: string;
  proposedAt: Date | null;
  proposedPlace: string | null;
  assemblyAt: Date | null;
  place: string | null;
  certifiedAt: Date | null;
}

/** Named queries of constitutions and boards. */
/** A faith minister's assignments ($1 the user, $2 their communes), as the dashboard and the start page read them. */
const ASSIGNMENTS = `SELECT a.id AS "associationId", a.name, a.kind, a.status, c.name AS "communeName", mu.time_zone AS "timeZone",
              k.proposed_at AS "proposedAt", k.proposed_place AS "proposedPlace", k.assembly_at AS "assemblyAt", k.place, k.certified_at AS "certifiedAt"
         FROM constitution k
         JOIN association a ON a.id = k.association_id
         JOIN commune c ON c.code = a.commune_code
         JOIN municipality mu ON mu.commune_code = a.commune_code
        WHERE k.faith_minister_user_id = $1 AND a.commune_code = ANY($2)`;

@Injectable()
export class ConstitutionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  find(associationId: string, em?: EntityManager): Promise<Constitution | null> {
    return findOneWhere(this.m(em), Constitution, { where: 'e.association_id = $1', params: [associationId] });
  }

  /** The constitution row locked for the rest of the transaction (created when missing). */
  async lockOrCreate(associationId: string, communeCode: string, em: EntityManager): Promise<Constitution> {
    await em
      .createQueryBuilder()
      .insert()
      .into(Constitution)
      .values({ associationId, communeCode, version: 1 })
      .orIgnore()
      .execute();
    return (await em
      .getRepository(Constitution)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.association_id = :associationId', { associationId })
      .getOne()) as Constitution;
  }

  async update(id: string, changes: Partial<Constitution>, em: EntityManager): Promise<void> {
    await em.update(Constitution, { id }, { ...changes, version: () => 'version + 1' });
  }

  /** Members of this association by membership id, with what the checks need, in one query. */
  rosterMembers(associationId: string, membershipIds: string[], em?: EntityManager): Promise<FounderRow[]> {
    return this.m(em).query(
      `SELECT m.id AS "membershipId", p.full_name AS "fullName", p.document_type AS "documentType", p.document_number AS "documentNumber",
              to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", (m.guardian_consent_at IS NOT NULL) AS "guardianConsent",
              to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn", m.status
         FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.association_id = $1 AND m.id = ANY($2::uuid[])`,
      [associationId, membershipIds],
    );
  }

  async replaceFounders(constitutionId: string, membershipIds: string[], em: EntityManager): Promise<void> {
    await em.delete(ConstitutionFounder, { constitutionId });
    if (membershipIds.length)
      await em.insert(
        ConstitutionFounder,
        membershipIds.map((membershipId) => ({ constitutionId, membershipId })),
      );
  }

  async founders(constitutionId: string, em?: EntityManager): Promise<FounderRow[]> {
    return this.m(em).query(
      `SELECT m.id AS "membershipId", p.full_name AS "fullName", p.document_type AS "documentType", p.document_number AS "documentNumber",
              to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", (m.guardian_consent_at IS NOT NULL) AS "guardianConsent",
              to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn", m.status
         FROM constitution_founder f JOIN membership m ON m.id = f.membership_id JOIN person p ON p.id = m.person_id
        WHERE f.constitution_id = $1 ORDER BY p.name_key, m.id`,
      [constitutionId],
    );
  }

  async insertTerm(values: Partial<BoardTerm>, seats: Partial<BoardSeat>[], em: EntityManager): Promise<BoardTerm> {
    const term = await em.save(BoardTerm, em.create(BoardTerm, values));
    if (seats.length)
      await em.insert(
        BoardSeat,
        seats.map((s) => ({ ...s, termId: term.id })),
      );
    return term;
  }

  /** The provisional terms created for the assembly (replaced when the assembly is recorded again). */
  async deleteProvisionalTerms(associationId: string, em: EntityManager): Promise<void> {
    await em.delete(BoardTerm, { associationId, kind: 'provisional' });
  }

  /** The current term: the latest one already started on `today`. */
  currentTerm(associationId: string, today: string, em?: EntityManager): Promise<BoardTerm | null> {
    return findOneWhere(this.m(em), BoardTerm, {
      where: 'e.association_id = $1 AND e.starts_on <= $2',
      params: [associationId, today],
      orderBy: 'e.starts_on DESC, e.created_at DESC',
    });
  }

  seats(termId: string, em?: EntityManager): Promise<SeatRow[]> {
    return this.m(em).query(
      `SELECT s.position, s.rank, s.membership_id AS "membershipId", p.full_name AS "fullName", p.document_number AS "documentNumber"
         FROM board_seat s JOIN membership m ON m.id = s.membership_id JOIN person p ON p.id = m.person_id
        WHERE s.term_id = $1
        ORDER BY CASE s.position WHEN 'president' THEN 0 WHEN 'secretary' THEN 1 WHEN 'treasurer' THEN 2 WHEN 'director' THEN 3 ELSE 4 END, s.rank NULLS FIRST, p.name_key`,
      [termId],
    );
  }

  /** Every term of an association, newest first, with its seats, in one query. */
  terms(
    associationId: string,
    em?: EntityManager,
  ): Promise<
    {
      id: string;
      kind: 'provisional' | 'definitive';
      startsOn: string;
      endsOn: string;
      createdAt: Date;
      seats: { position: string; rank: number | null; memberId: string; fullName: string }[];
    }[]
  > {
    return this.m(em)
      .query(
        `SELECT t.id::text AS id, t.kind, to_char(t.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn", t.created_at AS "createdAt",
                (SELECT coalesce(json_agg(json_build_object('position', s.position, 'rank', s.rank, 'memberId', s.membership_id, 'fullName', p.full_name)
                          ORDER BY CASE s.position WHEN 'president' THEN 0 WHEN 'secretary' THEN 1 WHEN 'treasurer' THEN 2 WHEN 'director' THEN 3 ELSE 4 END, s.rank NULLS FIRST, p.name_key), '[]')
                   FROM board_seat s JOIN membership m ON m.id = s.membership_id JOIN person p ON p.id = m.person_id WHERE s.term_id = t.id) AS seats
           FROM board_term t WHERE t.association_id = $1
          ORDER BY t.starts_on DESC, t.created_at DESC`,
        [associationId],
      )
      .then(
        (rows: { seats: unknown }[]) =>
          rows.map((r) => ({ ...r, seats: typeof r.seats === 'string' ? JSON.parse(r.seats) : r.seats })) as never,
      );
  }

  /** The latest term of an association, started or not. */
  latestTerm(associationId: string, em?: EntityManager): Promise<BoardTerm | null> {
    return this.m(em)
      .getRepository(BoardTerm)
      .createQueryBuilder('t')
      .where('t.association_id = :associationId', { associationId })
      .orderBy('t.starts_on', 'DESC')
      .addOrderBy('t.created_at', 'DESC')
      .getOne();
  }

  async hasDefinitiveTerm(associationId: string, em?: EntityManager): Promise<boolean> {
    return (await this.m(em).count(BoardTerm, { where: { associationId, kind: 'definitive' } })) > 0;
  }

  /**
   * DOM-ORG-9: associations whose status no longer matches their board at `now` (each in its commune's
   * zone): in force with the current term ended, or board_expired with a current term in office again.
   */
  boardStatusDrift(
    now: Date,
    em?: EntityManager,
  ): Promise<
    {
      id: string;
      status: 'in_force' | 'board_expired';
      kind: 'provisional' | 'definitive' | null;
      endsOn: string | null;
    }[]
  > {
    return this.m(em).query(
      `SELECT a.id::text AS id, a.status, b.kind, to_char(b.ends_on, 'YYYY-MM-DD') AS "endsOn"
         FROM association a
         JOIN municipality mu ON mu.commune_code = a.commune_code
         LEFT JOIN LATERAL (SELECT t.kind, t.ends_on FROM board_term t
                             WHERE t.association_id = a.id AND t.starts_on <= ($1::timestamptz AT TIME ZONE mu.time_zone)::date
                             ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1) b ON true
        WHERE (a.status = 'in_force' AND b.ends_on < ($1::timestamptz AT TIME ZONE mu.time_zone)::date)
           OR (a.status = 'board_expired' AND b.ends_on >= ($1::timestamptz AT TIME ZONE mu.time_zone)::date)`,
      [now],
    );
  }

  /**
   * The associations where a person holds a president, secretary or treasurer seat of the board in office at
   * `now` (API.md: those seats grant the association officer's rights to the person's linked user).
   */
  async officerSeatsOf(personId: string, now: Date, em?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await this.m(em).query(
      `SELECT DISTINCT a.id::text AS id
         FROM membership m
         JOIN association a ON a.id = m.association_id AND a.status <> 'dissolved'
         JOIN municipality mu ON mu.commune_code = a.commune_code
         JOIN LATERAL (SELECT t.id, t.ends_on FROM board_term t
                        WHERE t.association_id = a.id AND t.starts_on <= ($2::timestamptz AT TIME ZONE mu.time_zone)::date
                        ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1) b ON b.ends_on >= ($2::timestamptz AT TIME ZONE mu.time_zone)::date
         JOIN board_seat s ON s.term_id = b.id AND s.membership_id = m.id AND s.position IN ('president', 'secretary', 'treasurer')
        WHERE m.person_id = $1 AND m.status = 'active'`,
      [personId, now],
    );
    return rows.map((r) => r.id);
  }

  /** The constitutions assigned to a faith minister, in the communes where they hold the role, soonest first. */
  assignedTo(userId: string, communeCodes: string[], em?: EntityManager): Promise<AssignmentRow[]> {
    return this.m(em).query(
      `${ASSIGNMENTS}
        ORDER BY (k.certified_at IS NOT NULL), coalesce(k.assembly_at, k.proposed_at) NULLS LAST, a.name_key`,
      [userId, communeCodes],
    );
  }

  /** The assemblies assigned to a faith minister and not certified yet, soonest first, at most `limit` (the start page). */
  pendingFor(userId: string, communeCodes: string[], limit: number, em?: EntityManager): Promise<AssignmentRow[]> {
    return this.m(em).query(
      `${ASSIGNMENTS} AND k.certified_at IS NULL
        ORDER BY coalesce(k.assembly_at, k.proposed_at) NULLS LAST, a.name_key
        LIMIT $3`,
      [userId, communeCodes, limit],
    );
  }

  /** The active members of a roster, by name (for the founders and board forms). */
  activeMembers(
    associationId: string,
    em?: EntityManager,
  ): Promise<{ id: string; fullName: string; birthDate: string | null }[]> {
    return this.m(em).query(
      `SELECT m.id::text AS id, p.full_name AS "fullName", to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate"
         FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.association_id = $1 AND m.status = 'active' ORDER BY p.name_key, m.id`,
      [associationId],
    );
  }
}
