import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike, foldForSearch } from '../common/text';
import { findById, findWhere } from '../database/entity-reads';
import type { AssociationKind, AssociationStatus, MembershipStatus } from './association-rules';
import { Association } from './entities/association.entity';
import { AssociationStatusChange } from './entities/association-status-change.entity';

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
  /** Only these organisations (an export's batch, read by primary key; the scope still applies). */
  ids?: string[];
}

/**
 * Named queries of associations and the registry, with the member counts an association's record shows (the rosters
 * themselves are RosterRepository's).
 */
@Injectable()
export class AssociationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  // ---- associations -------------------------------------------------------------------------------

  /** By one fixed statement (findById): most association pages and API calls read it first (issue 21). */
  findAssociation(id: string, em?: EntityManager): Promise<Association | null> {
    return findById(this.m(em), Association, id);
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
    return findWhere(this.m(em), AssociationStatusChange, {
      where: 'e.association_id = $1',
      params: [associationId],
      orderBy: 'e.at, e.seq',
    });
  }

  /**
   * The registry in one query: associations with their commune, municipality settings and active member count.
   * With `page`, only that page of the name order is read, and the member counts, constitutions and boards are looked
   * up for its rows alone (issue 21: Puente Alto's registry read all 3,233 organisations to show 50, 4.7 pages a
   * second). Without it, every matching row: warnings are computed in code, so a filter by warning (and the officer's
   * start page) reads them all. Members are counted per organisation from IX_membership_roster (issue 21: counting
   * the whole membership table and joining it took 0.6 s for Puente Alto among 2,000,000 members; per organisation,
   * 0.09 s).
   */
  async registry(
    filter: RegistryFilter,
    em?: EntityManager,
    page?: { limit: number; offset: number },
  ): Promise<RegistryRow[]> {
    const { where, params, p } = registryWhere(filter);
    const now = p(filter.now);
    const source = page
      ? `(SELECT a.* FROM association a ${where} ORDER BY a.name_key, a.id LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}) a`
      : 'association a';
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
         FROM ${source}
         JOIN commune c ON c.code = a.commune_code
         JOIN municipality mu ON mu.commune_code = a.commune_code
         LEFT JOIN LATERAL (SELECT count(*) AS active FROM membership m WHERE m.association_id = a.id AND m.status = 'active') n
                ON true
         LEFT JOIN constitution k ON k.association_id = a.id
         LEFT JOIN LATERAL (SELECT t.kind, t.ends_on FROM board_term t
                             WHERE t.association_id = a.id AND t.starts_on <= (${now}::timestamptz AT TIME ZONE mu.time_zone)::date
                             ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1) b ON true
        ${page ? '' : where}
        ORDER BY a.name_key, a.id`,
      params,
    );
    return rows.map((r) => ({ ...r, membersActive: Number(r.membersActive) }));
  }

  /** How many organisations the registry's filter matches (the count beside a page of `registry`). */
  async registryCount(filter: RegistryFilter, em?: EntityManager): Promise<number> {
    const { where, params } = registryWhere(filter);
    // with the page's join to the municipality, so that the count and the pages agree
    const [row] = (await this.m(em).query(
      `SELECT count(*)::int AS n FROM association a JOIN municipality mu ON mu.commune_code = a.commune_code ${where}`,
      params,
    )) as {
      n: number;
    }[];
    return row.n;
  }

  /**
   * The organisations the filter matches, in the registry's order, with their country: ids only, so that an export
   * of the national registry (100,000 organisations) reads its rows in batches by primary key (issue 21).
   */
  async registryIds(filter: RegistryFilter, em?: EntityManager): Promise<{ id: string; country: 'CL' | 'PE' }[]> {
    const { where, params } = registryWhere(filter);
    return this.m(em).query(
      `SELECT a.id, c.country FROM association a
         JOIN commune c ON c.code = a.commune_code
         JOIN municipality mu ON mu.commune_code = a.commune_code
        ${where}
        ORDER BY a.name_key, a.id`,
      params,
    );
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
  /** One page of the public registry of a commune (issue 21: Puente Alto has 3,233), with the count of them all. */
  async inForce(
    communeCode: string,
    today: string,
    page: { limit: number; offset: number },
    em?: EntityManager,
  ): Promise<{
    items: {
      id: string;
      name: string;
      kind: AssociationKind;
      neighbourhoodUnit: string | null;
      since: string | null;
    }[];
    total: number;
  }> {
    const inForce = `a.commune_code = $1 AND a.status = 'in_force' AND (a.recognition_expires_on IS NULL OR a.recognition_expires_on >= $2::date)`;
    // In force since: the registration or recognition date when the organisation has one (DOM-ORG-13, -14),
    // otherwise the day it came into force in the portal. A lapsed recognition is no longer in force.
    const rows: {
      id: string;
      name: string;
      kind: AssociationKind;
      neighbourhoodUnit: string | null;
      since: string | null;
      total: string;
    }[] = await this.m(em).query(
      `SELECT a.id, a.name, a.kind, a.neighbourhood_unit AS "neighbourhoodUnit",
              COALESCE(to_char(a.recognised_on, 'YYYY-MM-DD'), to_char(a.registered_on, 'YYYY-MM-DD'),
                       to_char((SELECT max(s.at) FROM association_status_change s WHERE s.association_id = a.id AND s.to_status = 'in_force') AT TIME ZONE mu.time_zone, 'YYYY-MM-DD')) AS since,
              count(*) OVER () AS total
         FROM association a JOIN municipality mu ON mu.commune_code = a.commune_code
        WHERE ${inForce}
        ORDER BY a.name_key, a.id
        LIMIT $3 OFFSET $4`,
      [communeCode, today, page.limit, page.offset],
    );
    if (rows.length || !page.offset)
      return { items: rows.map(({ total: _t, ...r }) => r), total: Number(rows[0]?.total ?? 0) };
    // past the last page: no row to carry the count
    const [{ n }] = await this.m(em).query(`SELECT count(*)::int AS n FROM association a WHERE ${inForce}`, [
      communeCode,
      today,
    ]);
    return { items: [], total: Number(n) };
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
}

/** The registry's filter as a WHERE clause on `association a`, with its numbered parameters; `p` adds one more. */
function registryWhere(filter: RegistryFilter): { where: string; params: unknown[]; p: (v: unknown) => string } {
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
  if (filter.ids) where.push(`a.id = ANY(${p(filter.ids)}::uuid[])`);
  if (filter.q) where.push(`a.name_key LIKE ${p(`%${escapeLike(foldForSearch(filter.q))}%`)} ESCAPE '\\'`);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, p };
}
