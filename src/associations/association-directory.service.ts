import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { foundersMinimum, type AssociationKind, type AssociationStatus } from './association-rules';
import { AssociationsRepository, type RegistryRow } from './associations.repository';
import { namedAssociation } from './associations.view-model';
import { named } from '../database/named-statement';

/** What the directory tells of every association it lists: its name, kind and state, where it is, its board's end. */
export interface DirectoryAssociation {
  id: string;
  name: string;
  kind: AssociationKind;
  status: AssociationStatus;
  communeCode: string;
  communeName: string;
  /** its municipality's time zone */
  timeZone: string;
  /** the end of the latest board term already started in the municipality's today */
  boardEndsOn: string | null;
}

/** An association as a program's portfolio sees it (DOM-PRG-6): no personal data. */
export interface AssociationSummary extends DirectoryAssociation {
  membersActive: number;
  /** DOM-ORG-11: the legal minimum of active members for its kind, area and commune. */
  membersMinimum: number;
  /** A board whose term has started and not ended. */
  boardInForce: boolean;
}

/** An active member as a program sees it once the association shared its roster (DOM-PRG-3). */
export interface SharedMember {
  membershipId: string;
  personId: string;
  fullName: string;
  documentType: string;
  documentNumber: string;
  birthDate: string | null;
  address: string | null;
  businessName: string | null;
  businessCategory: string | null;
  communeCode: string;
}

/** An association's facts a fund call's requirements are checked against (the fund calendar, DOM-FND-2). */
export interface AssociationFundFacts extends DirectoryAssociation {
  regionCode: string;
  /** the local date of the last status change, null when none was recorded */
  statusSince: string | null;
  /** legal personality obtained: the constitutive acta's deposit (Ley 19.418), else the registry or recognition date */
  constitutedOn: string | null;
  rut: string | null;
}

/**
 * The end of the latest board term already started on the municipality's today (a column of a query of association a
 * joined to its municipality mu; `now` is the statement's parameter holding the instant).
 */
const latestBoardEnd = (now: string) => `(SELECT to_char(t.ends_on, 'YYYY-MM-DD') FROM board_term t
                WHERE t.association_id = a.id AND t.starts_on <= (${now}::timestamptz AT TIME ZONE mu.time_zone)::date
                ORDER BY t.starts_on DESC, t.created_at DESC LIMIT 1)`;

/** A SharedMember's columns, from a membership with its person and association (a WHERE follows). */
const SHARED_MEMBERS = `SELECT m.id AS "membershipId", p.id AS "personId", p.full_name AS "fullName", p.document_type AS "documentType",
              p.document_number AS "documentNumber", to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.address,
              m.business_name AS "businessName", m.business_category AS "businessCategory", a.commune_code AS "communeCode"
         FROM membership m JOIN person p ON p.id = m.person_id JOIN association a ON a.id = m.association_id`;

/**
 * What other modules (programs) read of the registry, in bulk and without an actor: the caller has checked its own
 * right (a program officer's enrolment, the association's consent) before asking.
 */
@Injectable()
export class AssociationDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AssociationsRepository,
    private readonly clock: Clock,
  ) {}

  /** How many associations the registry holds, and how many are in force (the administrator's start page). */
  async counts(): Promise<{ total: number; inForce: number }> {
    const [row]: { total: number; inForce: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'in_force')::int AS "inForce" FROM association`,
    );
    return row;
  }

  /** One query for every association of the list (a portfolio's rows cost no query each). */
  async summaries(ids: string[], em?: EntityManager): Promise<Map<string, AssociationSummary>> {
    if (!ids.length) return new Map();
    const now = this.clock.now();
    // one statement for the whole list, each count and board read from its association's index
    const rows: (Pick<RegistryRow, 'id' | 'name' | 'kind' | 'status' | 'area' | 'communeCode' | 'communeName'> &
      Pick<RegistryRow, 'population' | 'timeZone' | 'settings' | 'membersActive' | 'boardEndsOn'>)[] = await (
      em ?? this.dataSource.manager
    ).query(
      `SELECT a.id, a.name, a.kind, a.status, a.area, a.commune_code AS "communeCode", c.name AS "communeName",
              c.population, mu.time_zone AS "timeZone", mu.settings,
              (SELECT count(*)::int FROM membership m WHERE m.association_id = a.id AND m.status = 'active') AS "membersActive",
              ${latestBoardEnd('$2')} AS "boardEndsOn"
         FROM association a
         JOIN commune c ON c.code = a.commune_code
         JOIN municipality mu ON mu.commune_code = a.commune_code
        WHERE a.id = ANY($1::uuid[])`,
      [ids, now],
    );
    // today in each zone once (formatting a date per row costs more than the row itself)
    const days = new Map<string, string>();
    const today = (zone: string) => days.get(zone) ?? days.set(zone, localDate(now, zone)).get(zone)!;
    return new Map(
      rows.map((r) => [
        r.id,
        {
          ...namedAssociation(r),
          timeZone: r.timeZone,
          membersActive: r.membersActive,
          membersMinimum: foundersMinimum(r.kind, r.area, r.population, r.settings),
          boardInForce: !!r.boardEndsOn && r.boardEndsOn >= today(r.timeZone),
          boardEndsOn: r.boardEndsOn,
        },
      ]),
    );
  }

  /**
   * The fund facts of associations, in one statement for any number of them: by id, or every association of some
   * communes or regions (a call opening in a region of 10,000 associations reads them at once). Dissolved ones too:
   * the caller decides.
   */
  async fundFacts(
    filter: { ids?: string[]; communeCodes?: string[]; regionCodes?: string[] },
    em?: EntityManager,
  ): Promise<AssociationFundFacts[]> {
    const where: string[] = [];
    const params: unknown[] = [this.clock.now()];
    if (filter.ids) where.push(`a.id = ANY($${params.push(filter.ids)}::uuid[])`);
    if (filter.communeCodes) where.push(`a.commune_code = ANY($${params.push(filter.communeCodes)}::text[])`);
    if (filter.regionCodes) where.push(`c.region_code = ANY($${params.push(filter.regionCodes)}::text[])`);
    const sql = `SELECT a.id, a.name, a.kind, a.status, a.commune_code AS "communeCode", c.name AS "communeName",
              c.region_code AS "regionCode", mu.time_zone AS "timeZone", a.rut,
              (SELECT to_char((s.at AT TIME ZONE mu.time_zone)::date, 'YYYY-MM-DD') FROM association_status_change s
                WHERE s.association_id = a.id ORDER BY s.at DESC, s.seq DESC LIMIT 1) AS "statusSince",
              to_char(COALESCE(k.deposited_on, a.registered_on, a.recognised_on), 'YYYY-MM-DD') AS "constitutedOn",
              ${latestBoardEnd('$1')} AS "boardEndsOn"
         FROM association a
         JOIN commune c ON c.code = a.commune_code
         JOIN municipality mu ON mu.commune_code = a.commune_code
         LEFT JOIN constitution k ON k.association_id = a.id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.name_key, a.id`;
    // one prepared statement per filter shape (ids, communes, region): the fund matching reads one association's
    // facts on every request
    const shape = Object.keys(filter)
      .filter((k) => filter[k as keyof typeof filter])
      .sort()
      .join('+');
    return (em ?? this.dataSource.manager).query(named(`association_fund_facts:${shape}`, sql), params);
  }

  /**
   * Where an association's news goes (the fund calendar's mails, DOM-FND-3): the accounts holding its
   * association_officer role, and the president and secretary of its board in force by their roster e-mail. One row
   * per association and address (lower case), for any number of associations in one statement.
   */
  async officerContacts(
    ids: string[],
    em?: EntityManager,
  ): Promise<{ associationId: string; email: string; name: string }[]> {
    if (!ids.length) return [];
    return (em ?? this.dataSource.manager).query(
      `SELECT DISTINCT ON (x.association_id, x.email) x.association_id AS "associationId", x.email, x.name
         FROM (
           SELECT r.scope_id::uuid AS association_id, lower(u.email) AS email, u.name, 0 AS pref
             FROM role_assignment r JOIN app_user u ON u.id = r.user_id
            WHERE r.role = 'association_officer' AND r.scope_id = ANY($1::text[]) AND u.disabled_at IS NULL
           UNION ALL
           SELECT t.association_id, lower(trim(p.email)), p.full_name, 1
             FROM board_term t
             JOIN association a ON a.id = t.association_id
             JOIN municipality mu ON mu.commune_code = a.commune_code
             JOIN board_seat s ON s.term_id = t.id AND s.position IN ('president', 'secretary')
             JOIN membership m ON m.id = s.membership_id
             JOIN person p ON p.id = m.person_id
            WHERE t.association_id = ANY($1::uuid[]) AND nullif(trim(p.email), '') IS NOT NULL
              AND t.starts_on <= ($2::timestamptz AT TIME ZONE mu.time_zone)::date
              AND t.ends_on >= ($2::timestamptz AT TIME ZONE mu.time_zone)::date
         ) x
        ORDER BY x.association_id, x.email, x.pref`,
      [ids, this.clock.now()],
    );
  }

  async exists(id: string): Promise<boolean> {
    return !!(await this.repo.findAssociation(id));
  }

  /** Associations by name with their commune ("Junta de Vecinos X (La Serena)"), by id: how a role's scope is named. */
  async scopeNames(ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT a.id, a.name || ' (' || c.name || ')' AS name FROM association a JOIN commune c ON c.code = a.commune_code WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The associations (all, or those of some communes) by name, for the list a role's scope is picked from. */
  scopeChoices(communeCodes: string[] | null): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT a.id, a.name || ' (' || c.name || ')' AS name FROM association a JOIN commune c ON c.code = a.commune_code
        WHERE ($1::text[] IS NULL OR a.commune_code = ANY($1)) AND a.status <> 'dissolved' ORDER BY a.name, c.name, a.id LIMIT 2000`,
      [communeCodes],
    );
  }

  /** The active members of a roster, by name (for a program to pick beneficiaries from, with consent). */
  async activeMembers(associationId: string, em?: EntityManager): Promise<SharedMember[]> {
    return (em ?? this.dataSource.manager).query(
      `${SHARED_MEMBERS}
        WHERE m.association_id = $1 AND m.status = 'active'
        ORDER BY p.name_key, m.id`,
      [associationId],
    );
  }

  /** One active member of a roster, or null. */
  async activeMember(associationId: string, membershipId: string, em?: EntityManager): Promise<SharedMember | null> {
    const rows: SharedMember[] = await (em ?? this.dataSource.manager).query(
      `${SHARED_MEMBERS}
        WHERE m.association_id = $1 AND m.id = $2 AND m.status = 'active'`,
      [associationId, membershipId],
    );
    return rows[0] ?? null;
  }
}
