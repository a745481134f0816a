import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike, foldForSearch } from '../common/text';
import type { AssociationKind, AssociationStatus, MembershipStatus } from './association-rules';
import { Association } from './entities/association.entity';
import { AssociationStatusChange } from './entities/association-status-change.entity';
import { Membership } from './entities/membership.entity';
import { MembershipEvent } from './entities/membership-event.entity';
import { RosterImport } from './entities/roster-import.entity';

/** A registry row: the association with what its warnings and counts need, in one query. */
export interface RegistryRow {
  id: string;
  name: string;
  kind: AssociationKind;
  status: AssociationStatus;
  area: 'urban' | 'rural';
  communeCode: string;
  communeName: string;
  population: number | null;
  country: 'CL' | 'PE';
  timeZone: string;
  settings: import('../territory/municipality-settings').MunicipalitySettings;
  neighbourhoodUnit: string | null;
  /** The organisation's own number: RUT (Chile) or RUC (Peru), when recorded. */
  rut: string | null;
  ruc: string | null;
  membersActive: number;
  membersBelowMinimumSince: string | null;
  recognitionExpiresOn: string | null;
  registeredOn: string | null;
  recognisedOn: string | null;
  /** The constitution's dates and the current board (DOM-ORG-6, -9 warnings). */
  assemblyDate: string | null;
  depositedOn: string | null;
  objectedOn: string | null;
  boardKind: 'provisional' | 'definitive' | null;
  boardEndsOn: string | null;
}

/** What the registry export adds to a registry row: where to reach the organisation and its officers. */
export interface RegistryContacts {
  address: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  presidentName: string | null;
  presidentEmail: string | null;
  presidentPhone: string | null;
  secretaryName: string | null;
  secretaryEmail: string | null;
  secretaryPhone: string | null;
}

/** The board in office: its term and seats (DOM-ORG-8). */
export interface CurrentBoard {
  id: string;
  kind: 'provisional' | 'definitive';
  startsOn: string;
  endsOn: string;
  /** `postForm`: how the post is written for the person (issue 20 item 6): female, male or the neutral name. */
  seats: { position: string; rank: number | null; memberId: string; fullName: string; postForm?: string }[];
}

export interface RegistryFilter {
  /** The instant "now" (the current board is the latest term started by then, in each commune's zone). */
  now: Date;
  /** What the caller sees: these communes (officers) and these associations (their officers and members); null: all. */
  scope: { communeCodes: string[]; associationIds: string[] } | null;
  communeCode?: string;
  kind?: string;
  status?: string;
  q?: string;
}

/** A roster row: the membership and its person. */
export interface RosterMemberRow {
  id: string;
  personId: string;
  documentType: 'rut' | 'dni';
  documentNumber: string | null;
  fullName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  gender: 'female' | 'male' | null;
  erased: boolean;
  status: MembershipStatus;
  joinedOn: string;
  leftOn: string | null;
  endReason: string | null;
  businessName: string | null;
  businessCategory: string | null;
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

/** Named queries of the registry and the rosters (the only place in this module that builds SQL). */
@Injectable()
export class AssociationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  // ---- associations -------------------------------------------------------------------------------

  findAssociation(id: string, em?: EntityManager): Promise<Association | null> {
    return this.m(em).findOneBy(Association, { id });
  }

  /** The association row locked for the rest of the transaction (roster changes and imports serialise on it). */
  lockAssociation(id: string, em: EntityManager): Promise<Association | null> {
    return em
      .getRepository(Association)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  insertAssociation(values: Partial<Association>, em: EntityManager): Promise<Association> {
    return em.save(Association, em.create(Association, values));
  }

  /** Updates an association; with `version`, only if it still has it (optimistic lock): false when someone changed it first. */
  async updateAssociation(
    id: string,
    changes: Partial<Association>,
    em: EntityManager,
    version?: number,
  ): Promise<boolean> {
    const result = await em.update(Association, version === undefined ? { id } : { id, version }, {
      ...changes,
      version: () => 'version + 1',
    });
    return (result.affected ?? 0) > 0;
  }

  /** Moves an association from status `from` to `to`; false when it no longer has `from`. */
  async updateStatusFrom(id: string, from: string, to: string, em: EntityManager): Promise<boolean> {
    const result = await em.update(
      Association,
      { id, status: from as Association['status'] },
      {
        status: to as Association['status'],
        version: () => 'version + 1',
      },
    );
    return (result.affected ?? 0) > 0;
  }

  insertStatusChange(values: Partial<AssociationStatusChange>, em: EntityManager): Promise<AssociationStatusChange> {
    return em.save(AssociationStatusChange, em.create(AssociationStatusChange, values));
  }

  statusChanges(associationId: string, em?: EntityManager): Promise<AssociationStatusChange[]> {
    return this.m(em)
      .getRepository(AssociationStatusChange)
      .createQueryBuilder('s')
      .where('s.association_id = :associationId', { associationId })
      .orderBy('s.at', 'ASC')
      .addOrderBy('s.seq', 'ASC')
      .getMany();
  }

  /**
   * The registry in one query: associations with their commune, municipality settings and active member
   * count. Unpaginated on purpose: warnings are computed in code for every row (a commune has a few thousand
   * organisations at most), then filtered and paginated.
   */
  async registry(filter: RegistryFilter, em?: EntityManager): Promise<RegistryRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.scope) {
      const scope: string[] = [];
      if (filter.scope.communeCodes.length) scope.push(`a.commune_code = ANY(${p(filter.scope.communeCodes)})`);
      if (filter.scope.associationIds.length) scope.push(`a.id = ANY(${p(filter.scope.associationIds)}::uuid[])`);
      where.push(scope.length ? `(${scope.join(' OR ')})` : 'false');
    }
    if (filter.communeCode) where.push(`a.commune_code = ${p(filter.communeCode)}`);
    if (filter.kind) where.push(`a.kind = ${p(filter.kind)}`);
    if (filter.status) where.push(`a.status = ${p(filter.status)}`);
    if (filter.q) where.push(`a.name_key LIKE ${p(`%${escapeLike(foldForSearch(filter.q))}%`)} ESCAPE '\\'`);
    const rows: (Omit<RegistryRow, 'membersActive'> & { membersActive: string | number })[] = await this.m(em).query(
      `SELECT a.id, a.name, a.kind, a.status, a.area, a.commune_code AS "communeCode", c.name AS "communeName", c.population,
              c.country, mu.time_zone AS "timeZone", mu.settings, a.neighbourhood_unit AS "neighbourhoodUnit", a.rut, a.ruc,
              COALESCE(n.active, 0) AS "membersActive",
              to_char(a.members_below_minimum_since, 'YYYY-MM-DD') AS "membersBelowMinimumSince",
              to_char(a.recognition_expires_on, 'YYYY-MM-DD') AS "recognitionExpiresOn",
              to_char(a.registered_on, 'YYYY-MM-DD') AS "registeredOn",
              to_char(a.recognised_on, 'YYYY-MM-DD') AS "recognisedOn",
              to_char(k.assembly_at AT TIME ZONE mu.time_zone, 'YYYY-MM-DD') AS "assemblyDate",
              to_char(k.deposited_on, 'YYYY-MM-DD') AS "depositedOn", to_char(k.objected_on, 'YYYY-MM-DD') AS "objectedOn",
              b.kind AS "boardKind", to_char(b.ends_on, 'YYYY-MM-DD') AS "boardEndsOn"
         FROM association a
         JOIN commune c ON c.code = a.commune_code
         JOIN municipality mu ON mu.commune_code = a.commune_code
         LEFT JOIN (SELECT association_id, count(*) AS active FROM membership WHERE status = 'active' GROUP BY association_id) n
                ON n.association_id = a.id
         LEFT JOIN constitution k ON k.association_id = a.id
         LEFT JOIN LATERAL (SELECT t.kind, t.ends_on FROM board_term t
                             WHERE t.association_id = a.id AND t.starts_on <= (${p(filter.now)}::timestamptz AT TIME ZONE mu.time_zone)::date
                             ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1) b ON true
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.name_key, a.id`,
      params,
    );
    return rows.map((r) => ({ ...r, membersActive: Number(r.membersActive) }));
  }

  /**
   * The registry export's contacts (issue 20 item 7): each organisation's address and contact, and the e-mail and
   * phone of its presidency and secretary on the current board, where recorded. One statement for the page of ids.
   */
  async registryContacts(ids: string[], now: Date, em?: EntityManager): Promise<Map<string, RegistryContacts>> {
    if (!ids.length) return new Map();
    const rows: (RegistryContacts & { id: string })[] = await this.m(em).query(
      `SELECT a.id, a.address, a.contact_name AS "contactName", a.contact_phone AS "contactPhone",
              a.contact_email AS "contactEmail",
              pr.full_name AS "presidentName", pr.email AS "presidentEmail", pr.phone AS "presidentPhone",
              se.full_name AS "secretaryName", se.email AS "secretaryEmail", se.phone AS "secretaryPhone"
         FROM association a
         JOIN municipality mu ON mu.commune_code = a.commune_code
         LEFT JOIN LATERAL (SELECT t.id FROM board_term t
                             WHERE t.association_id = a.id AND t.starts_on <= ($2::timestamptz AT TIME ZONE mu.time_zone)::date
                             ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1) b ON true
         LEFT JOIN LATERAL (SELECT p.full_name, p.email, p.phone FROM board_seat s JOIN membership m ON m.id = s.membership_id
                              JOIN person p ON p.id = m.person_id
                             WHERE s.term_id = b.id AND s.position = 'president' LIMIT 1) pr ON true
         LEFT JOIN LATERAL (SELECT p.full_name, p.email, p.phone FROM board_seat s JOIN membership m ON m.id = s.membership_id
                              JOIN person p ON p.id = m.person_id
                             WHERE s.term_id = b.id AND s.position = 'secretary' LIMIT 1) se ON true
        WHERE a.id = ANY($1::uuid[])`,
      [ids, now],
    );
    return new Map(rows.map(({ id, ...r }) => [id, r]));
  }

  /**
   * The constitution's dates and the current board (the latest term started on `today`, with its seats) of
   * one association, for its warnings and its page, in one query.
   */
  async constitutionDates(
    associationId: string,
    timeZone: string,
    today: string,
    em?: EntityManager,
  ): Promise<{
    assemblyDate: string | null;
    depositedOn: string | null;
    objectedOn: string | null;
    board: CurrentBoard | null;
  }> {
    const [row] = await this.m(em).query(
      `SELECT to_char(k.assembly_at AT TIME ZONE $2, 'YYYY-MM-DD') AS "assemblyDate", to_char(k.deposited_on, 'YYYY-MM-DD') AS "depositedOn",
              to_char(k.objected_on, 'YYYY-MM-DD') AS "objectedOn", b.id::text AS "boardId", b.kind AS "boardKind",
              to_char(b.starts_on, 'YYYY-MM-DD') AS "boardStartsOn", to_char(b.ends_on, 'YYYY-MM-DD') AS "boardEndsOn",
              (SELECT coalesce(json_agg(json_build_object('position', s.position, 'rank', s.rank, 'memberId', s.membership_id, 'fullName', p.full_name, 'postForm', coalesce(p.gender, 'neutral'))
                        ORDER BY CASE s.position WHEN 'president' THEN 0 WHEN 'secretary' THEN 1 WHEN 'treasurer' THEN 2 WHEN 'director' THEN 3 ELSE 4 END, s.rank NULLS FIRST, p.name_key), '[]')
                 FROM board_seat s JOIN membership m ON m.id = s.membership_id JOIN person p ON p.id = m.person_id WHERE s.term_id = b.id) AS seats
         FROM association a
         LEFT JOIN constitution k ON k.association_id = a.id
         LEFT JOIN LATERAL (SELECT t.id, t.kind, t.starts_on, t.ends_on FROM board_term t WHERE t.association_id = a.id AND t.starts_on <= $3::date
                             ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1) b ON true
        WHERE a.id = $1`,
      [associationId, timeZone, today],
    );
    const seats = typeof row?.seats === 'string' ? JSON.parse(row.seats) : (row?.seats ?? []);
    return {
      assemblyDate: row?.assemblyDate ?? null,
      depositedOn: row?.depositedOn ?? null,
      objectedOn: row?.objectedOn ?? null,
      board: row?.boardKind
        ? { id: row.boardId, kind: row.boardKind, startsOn: row.boardStartsOn, endsOn: row.boardEndsOn, seats }
        : null,
    };
  }

  async idsInCommunes(communeCodes: string[], em?: EntityManager): Promise<string[]> {
    if (!communeCodes.length) return [];
    const rows: { id: string }[] = await this.m(em).query(
      `SELECT id::text AS id FROM association WHERE commune_code = ANY($1)`,
      [communeCodes],
    );
    return rows.map((r) => r.id);
  }

  /** Organisations in force of a commune, for its public page (no personal data). */
  async inForce(
    communeCode: string,
    today: string,
    em?: EntityManager,
  ): Promise<
    { id: string; name: string; kind: AssociationKind; neighbourhoodUnit: string | null; since: string | null }[]
  > {
    // In force since: the registration or recognition date when the organisation has one (DOM-ORG-13, -14),
    // otherwise the day it came into force in the portal. A lapsed recognition is no longer in force.
    return this.m(em).query(
      `SELECT a.id, a.name, a.kind, a.neighbourhood_unit AS "neighbourhoodUnit",
              COALESCE(to_char(a.recognised_on, 'YYYY-MM-DD'), to_char(a.registered_on, 'YYYY-MM-DD'),
                       to_char((SELECT max(s.at) FROM association_status_change s WHERE s.association_id = a.id AND s.to_status = 'in_force') AT TIME ZONE mu.time_zone, 'YYYY-MM-DD')) AS since
         FROM association a JOIN municipality mu ON mu.commune_code = a.commune_code
        WHERE a.commune_code = $1 AND a.status = 'in_force' AND (a.recognition_expires_on IS NULL OR a.recognition_expires_on >= $2::date)
        ORDER BY a.name_key, a.id`,
      [communeCode, today],
    );
  }

  async countActiveMembers(associationId: string, em?: EntityManager): Promise<number> {
    const [row] = await this.m(em).query(
      `SELECT count(*)::int AS n FROM membership WHERE association_id = $1 AND status = 'active'`,
      [associationId],
    );
    return Number(row.n);
  }

  /**
   * DOM-ORG-11: remembers since when active members are below `minimum` (cleared when back at or above it). It
   * counts only while the organisation has legal personality: an organisation in formation is expected to be
   * below its minimum, and its six months start when it comes into force.
   */
  async refreshBelowMinimum(associationId: string, minimum: number, today: string, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE association SET members_below_minimum_since = CASE
          WHEN status IN ('in_force', 'objected', 'board_expired')
           AND (SELECT count(*) FROM membership WHERE association_id = $1 AND status = 'active') < $2
          THEN COALESCE(members_below_minimum_since, $3::date) ELSE NULL END
        WHERE id = $1`,
      [associationId, minimum, today],
    );
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

  /** Members by status, for the association page (one query). */
  async memberCounts(associationId: string, em?: EntityManager): Promise<Record<MembershipStatus, number>> {
    const rows: { status: MembershipStatus; n: number }[] = await this.m(em).query(
      `SELECT status, count(*)::int AS n FROM membership WHERE association_id = $1 GROUP BY status`,
      [associationId],
    );
    const out: Record<MembershipStatus, number> = { active: 0, suspended: 0, ended: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
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
