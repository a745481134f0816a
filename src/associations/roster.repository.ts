import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike, foldForSearch } from '../common/text';
import type { MembershipStatus } from './association-rules';
import { Membership } from './entities/membership.entity';
import { MembershipEvent } from './entities/membership-event.entity';
import { RosterImport } from './entities/roster-import.entity';

/** What the roster keeps of a person besides the document: one shape for its rows, the API and a person's record. */
export interface PersonParticulars {
  fullName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** How their post is written (Presidenta, Presidente); null: the neutral name (issue 20 item 6). */
  gender: 'female' | 'male' | null;
}

/** A membership's dates and business, as the roster keeps them. */
export interface MembershipTerms {
  joinedOn: string;
  leftOn: string | null;
  endReason: string | null;
  businessName: string | null;
  businessCategory: string | null;
}

/** A roster row: the membership and its person. */
export interface RosterMemberRow extends PersonParticulars, MembershipTerms {
  id: string;
  personId: string;
  documentType: 'rut' | 'dni';
  documentNumber: string | null;
  erased: boolean;
  status: MembershipStatus;
  guardianName: string | null;
  guardianConsentAt: Date | null;
  version: number;
}

const ROSTER_SELECT = `m.id, m.person_id AS "personId", p.document_type AS "documentType", p.document_number AS "documentNumber",
  p.full_name AS "fullName", to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.email, p.phone, p.address, p.gender,
  (p.erased_at IS NOT NULL) AS erased, m.status, to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn",
  to_char(m.left_on, 'YYYY-MM-DD') AS "leftOn", m.end_reason AS "endReason", m.business_name AS "businessName",
  m.business_category AS "businessCategory", m.guardian_name AS "guardianName", m.guardian_consent_at AS "guardianConsentAt", m.version`;

/** Rows per bulk INSERT ... SELECT FROM unnest (a roster import is at most 20,000 rows). */
const BULK_ROWS = 20_000;

/** Named queries of the rosters: memberships, their events and roster imports. */
@Injectable()
export class RosterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  // ---- memberships --------------------------------------------------------------------------------

  /** One page of a roster, with its total, in two queries. */
  async rosterPage(
    associationId: string,
    filter: { status?: string; q?: string },
    page: { offset: number; limit: number },
    em?: EntityManager,
  ): Promise<{ items: RosterMemberRow[]; total: number }> {
    const params: unknown[] = [associationId];
    const where = ['m.association_id = $1'];
    if (filter.status) {
      params.push(filter.status);
      where.push(`m.status = $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${escapeLike(foldForSearch(filter.q))}%`);
      where.push(
        `(p.name_key LIKE $${params.length} ESCAPE '\\' OR lower(coalesce(m.business_name, '')) LIKE $${params.length} ESCAPE '\\' OR lower(coalesce(p.email, '')) LIKE $${params.length} ESCAPE '\\')`,
      );
    }
    const sqlWhere = where.join(' AND ');
    const [count] = await this.m(em).query(
      `SELECT count(*)::int AS n FROM membership m JOIN person p ON p.id = m.person_id WHERE ${sqlWhere}`,
      params,
    );
    const items: RosterMemberRow[] = await this.m(em).query(
      `SELECT ${ROSTER_SELECT} FROM membership m JOIN person p ON p.id = m.person_id WHERE ${sqlWhere}
        ORDER BY CASE m.status WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 ELSE 2 END, p.name_key, m.id
        OFFSET ${Number(page.offset)} LIMIT ${Number(page.limit)}`,
      params,
    );
    return { items, total: Number(count.n) };
  }

  async rosterMember(associationId: string, membershipId: string, em?: EntityManager): Promise<RosterMemberRow | null> {
    const [row] = await this.m(em).query(
      `SELECT ${ROSTER_SELECT} FROM membership m JOIN person p ON p.id = m.person_id WHERE m.association_id = $1 AND m.id = $2`,
      [associationId, membershipId],
    );
    return row ?? null;
  }

  /** The roster's membership ids in export order (name, then id): sorted once, read in batches after. */
  async rosterOrder(associationId: string, em?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await this.m(em).query(
      `SELECT m.id FROM membership m JOIN person p ON p.id = m.person_id WHERE m.association_id = $1 ORDER BY p.name_key, m.id`,
      [associationId],
    );
    return rows.map((r) => r.id);
  }

  /** These members of the roster, in export order (primary-key lookups). */
  rosterRows(associationId: string, ids: string[], em?: EntityManager): Promise<RosterMemberRow[]> {
    return this.m(em).query(
      `SELECT ${ROSTER_SELECT} FROM membership m JOIN person p ON p.id = m.person_id
        WHERE m.id = ANY($2::uuid[]) AND m.association_id = $1 ORDER BY p.name_key, m.id`,
      [associationId, ids],
    );
  }

  findMembership(associationId: string, id: string, em?: EntityManager): Promise<Membership | null> {
    return this.m(em).findOneBy(Membership, { associationId, id });
  }

  /** The person's current (not ended) membership of this association, if any. */
  currentMembership(associationId: string, personId: string, em?: EntityManager): Promise<Membership | null> {
    return this.m(em)
      .getRepository(Membership)
      .createQueryBuilder('m')
      .where('m.association_id = :a AND m.person_id = :p AND m.status <> :e', {
        a: associationId,
        p: personId,
        e: 'ended',
      })
      .getOne();
  }

  /** DOM-ORG-12: whether the person currently belongs to another junta de vecinos. */
  async inAnotherNeighbourhoodCouncil(personId: string, associationId: string, em?: EntityManager): Promise<boolean> {
    const rows = await this.m(em).query(
      `SELECT 1 FROM membership WHERE person_id = $1 AND association_id <> $2 AND status <> 'ended' AND neighbourhood_council LIMIT 1`,
      [personId, associationId],
    );
    return rows.length > 0;
  }

  /** Of these people, those with a current membership here, and those in another current junta de vecinos. */
  async rosterConflicts(
    associationId: string,
    personIds: string[],
    em?: EntityManager,
  ): Promise<{ here: Set<string>; otherCouncil: Set<string> }> {
    const here = new Set<string>();
    const otherCouncil = new Set<string>();
    for (let i = 0; i < personIds.length; i += 5000) {
      const rows: { personId: string; here: boolean }[] = await this.m(em).query(
        `SELECT person_id AS "personId", association_id = $1 AS here FROM membership
          WHERE person_id = ANY($2::uuid[]) AND status <> 'ended' AND (association_id = $1 OR neighbourhood_council)`,
        [associationId, personIds.slice(i, i + 5000)],
      );
      for (const r of rows) (r.here ? here : otherCouncil).add(r.personId);
    }
    return { here, otherCouncil };
  }

  insertMembership(values: Partial<Membership>, em: EntityManager): Promise<Membership> {
    return em.save(Membership, em.create(Membership, values));
  }

  /**
   * Inserts memberships in one statement (unnest, as insertPeople); returns their ids in the order given. A person
   * appears once per call (an import has one row per document).
   */
  async insertMemberships(rows: Partial<Membership>[], em: EntityManager): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += BULK_ROWS) {
      const batch = rows.slice(i, i + BULK_ROWS);
      const col = (key: keyof Membership) => batch.map((r) => r[key] ?? null);
      const result: { id: string; person_id: string }[] = await em.query(
        `INSERT INTO membership (association_id, person_id, neighbourhood_council, status, joined_on, business_name, business_category,
                                 guardian_name, guardian_consent_at, guardian_consent_by, version)
         SELECT a, p, n, s, j, bn, bc, gn, gca, gcb, 1
           FROM unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::uuid[])
                AS u(a, p, n, s, j, bn, bc, gn, gca, gcb)
         RETURNING id, person_id`,
        [
          col('associationId'),
          col('personId'),
          batch.map((r) => r.neighbourhoodCouncil ?? false),
          batch.map((r) => r.status ?? 'active'),
          col('joinedOn'),
          col('businessName'),
          col('businessCategory'),
          col('guardianName'),
          col('guardianConsentAt'),
          col('guardianConsentBy'),
        ],
      );
      const byPerson = new Map(result.map((r) => [r.person_id, r.id]));
      ids.push(...batch.map((r) => byPerson.get(r.personId as string) as string));
    }
    return ids;
  }

  /** Updates a membership if it still has `version` (optimistic lock); false when someone changed it first. */
  async updateMembership(
    id: string,
    version: number,
    changes: Partial<Membership>,
    em: EntityManager,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(Membership)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Inserts membership events in one statement (unnest, as insertPeople). */
  async insertEvents(rows: Partial<MembershipEvent>[], em: EntityManager): Promise<void> {
    for (let i = 0; i < rows.length; i += BULK_ROWS) {
      const batch = rows.slice(i, i + BULK_ROWS);
      const col = (key: keyof MembershipEvent) => batch.map((r) => r[key] ?? null);
      await em.query(
        `INSERT INTO membership_event (membership_id, action, effective_on, at, by_user_id, by_name, reason, fields)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::timestamptz[], $5::uuid[], $6::text[], $7::text[], $8::jsonb[])`,
        [
          col('membershipId'),
          col('action'),
          col('effectiveOn'),
          col('at'),
          col('byUserId'),
          col('byName'),
          col('reason'),
          batch.map((r) => (r.fields ? JSON.stringify(r.fields) : null)),
        ],
      );
    }
  }

  events(membershipId: string, em?: EntityManager): Promise<MembershipEvent[]> {
    return this.m(em).find(MembershipEvent, { where: { membershipId }, order: { at: 'ASC' } });
  }

  /** Every membership of a person with its association (personal-data export, DOM-DATA-2). */
  async membershipsOfPerson(
    personId: string,
    em?: EntityManager,
  ): Promise<(Membership & { associationName: string; communeCode: string })[]> {
    return this.m(em).query(
      `SELECT m.id, m.association_id AS "associationId", a.name AS "associationName", a.commune_code AS "communeCode", m.status,
              to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn", to_char(m.left_on, 'YYYY-MM-DD') AS "leftOn", m.end_reason AS "endReason",
              m.business_name AS "businessName", m.business_category AS "businessCategory", m.guardian_name AS "guardianName",
              m.guardian_consent_at AS "guardianConsentAt", m.version
         FROM membership m JOIN association a ON a.id = m.association_id WHERE m.person_id = $1 ORDER BY m.joined_on, m.id`,
      [personId],
    );
  }

  /** Memberships of a person whose history to read, in one query. */
  async eventsOfPerson(personId: string, em?: EntityManager): Promise<MembershipEvent[]> {
    return this.m(em)
      .getRepository(MembershipEvent)
      .createQueryBuilder('e')
      .innerJoin(Membership, 'm', 'm.id = e.membership_id')
      .where('m.person_id = :personId', { personId })
      .orderBy('e.at')
      .getMany();
  }

  // ---- roster imports (HTML preview -> confirm) ---------------------------------------------------

  async saveImport(values: Partial<RosterImport>, olderThan: Date, em?: EntityManager): Promise<RosterImport> {
    await this.m(em)
      .createQueryBuilder()
      .delete()
      .from(RosterImport)
      .where('created_at < :olderThan', { olderThan })
      .execute();
    return this.m(em).save(RosterImport, this.m(em).create(RosterImport, values));
  }

  async deleteImportsOlderThan(olderThan: Date, em?: EntityManager): Promise<number> {
    const result = await this.m(em)
      .createQueryBuilder()
      .delete()
      .from(RosterImport)
      .where('created_at < :olderThan', { olderThan })
      .execute();
    return result.affected ?? 0;
  }

  findImport(id: string, associationId: string, em?: EntityManager): Promise<RosterImport | null> {
    return this.m(em).findOneBy(RosterImport, { id, associationId });
  }

  async markImported(id: string, at: Date, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(RosterImport)
      .set({ importedAt: at, content: Buffer.alloc(0) })
      .where('id = :id AND imported_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
