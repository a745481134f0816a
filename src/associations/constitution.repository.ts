import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BoardSeat } from './entities/board-seat.entity';
import { BoardTerm } from './entities/board-term.entity';
import { Constitution } from './entities/constitution.entity';
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

/** Named queries of constitutions and boards. */
@Injectable()
export class ConstitutionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  find(associationId: string, em?: EntityManager): Promise<Constitution | null> {
    return this.m(em).findOneBy(Constitution, { associationId });
  }

  /** The constitution row locked for the rest of the transaction (created when missing). */
  async lockOrCreate(associationId: string, communeCode: string, em: EntityManager): Promise<Constitution> {
    await em.createQueryBuilder().insert().into(Constitution).values({ associationId, communeCode, version: 1 }).orIgnore().execute();
    return (await em.getRepository(Constitution).createQueryBuilder('c').setLock('pessimistic_write').where('c.association_id = :associationId', { associationId }).getOne()) as Constitution;
  }

  async update(id: string, changes: Partial<Constitution>, em: EntityManager): Promise<void> {
    await em.update(Constitution, { id }, { ...changes, version: () => 'version + 1' } as never);
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
    if (membershipIds.length) await em.insert(ConstitutionFounder, membershipIds.map((membershipId) => ({ constitutionId, membershipId })));
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
    if (seats.length) await em.insert(BoardSeat, seats.map((s) => ({ ...s, termId: term.id })));
    return term;
  }

  /** The provisional terms created for the assembly (replaced when the assembly is recorded again). */
  async deleteProvisionalTerms(associationId: string, em: EntityManager): Promise<void> {
    await em.delete(BoardTerm, { associationId, kind: 'provisional' });
  }

  /** The current term: the latest one already started on `today`. */
  currentTerm(associationId: string, today: string, em?: EntityManager): Promise<BoardTerm | null> {
    return this.m(em).getRepository(BoardTerm).createQueryBuilder('t').where('t.association_id = :associationId AND t.starts_on <= :today', { associationId, today }).orderBy('t.starts_on', 'DESC').addOrderBy('t.created_at', 'DESC').getOne();
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
}
