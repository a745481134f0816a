import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TableException } from './tables.exception';
import { grouped, inEachLanguage, tableTexts } from './tables.messages';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Actor, hasRole, isAdmin, officerCommunes } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import { Clock } from '../common/clock';
import { paging } from '../common/paging';
import { foldForSearch } from '../common/text';
import { Institution, INSTITUTION_KINDS, type InstitutionKind } from '../institutions/entities/institution.entity';
import { institutionView, InstitutionsService, type InstitutionView } from '../institutions/institutions.service';
import { Mesa, SCOPE_LEVELS, TABLE_KINDS } from './entities/mesa.entity';
import { TableAxis, TableAxisMember } from './entities/table-axis.entity';
import { COUNCIL_SEATS, type CouncilSeat, TableParticipant } from './entities/table-participant.entity';

/** What a caller may do with one table (API.md "Who may do what"). */
export interface TableRights {
  read: boolean;
  /** Participants, axes, sessions, minutes, commitments: the coordinator (and the municipality of a commune table, and administrators). */
  manage: boolean;
}

export interface TableView {
  id: string;
  kind: Mesa['kind'];
  name: string;
  scopeLevel: Mesa['scopeLevel'];
  scopeCode: string;
  scopeName: string;
  communeCode: string | null;
  timeZone: string;
  convener: InstitutionView | null;
  securityCouncil: boolean;
  description: string | null;
  version: number;
}

export interface CouncilChecklist {
  /** Every seat of the law with how many it needs and how many are filled. */
  seats: { seat: CouncilSeat; required: number; filled: number; complete: boolean }[];
  complete: boolean;
}

export interface TableDetail extends TableView {
  participants: {
    id: string;
    name: string;
    role: string | null;
    email: string | null;
    phone: string | null;
    councilSeat: CouncilSeat | null;
    institution: InstitutionView;
  }[];
  /** DOM-TBL-2: for a communal security council, its composition against the law. */
  council: CouncilChecklist | null;
  axes: { id: string; name: string; participantIds: string[] }[];
  rights: TableRights;
}

/** "No existe la comuna / la provincia / la región con el código ...", by the scope's level. */
const UNKNOWN_SCOPE = {
  commune: tableTexts.communeUnknown,
  province: tableTexts.provinceUnknown,
  region: tableTexts.regionUnknown,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** DOM-TBL-2: each seat the law gives a communal security council, how many it needs and how many are filled. */
export function councilChecklist(seats: (CouncilSeat | null)[]): CouncilChecklist {
  const list = (Object.entries(COUNCIL_SEATS) as [CouncilSeat, number][]).map(([seat, required]) => {
    const filled = seats.filter((s) => s === seat).length;
    return { seat, required, filled, complete: filled >= required };
  });
  return { seats: list, complete: list.every((s) => s.complete) };
}

export function tableRights(actor: Actor, table: Pick<Mesa, 'id' | 'communeCode'>): TableRights {
  if (
    isAdmin(actor) ||
    hasRole(actor, 'table_coordinator', table.id) ||
    (table.communeCode !== null && hasRole(actor, 'municipal_officer', table.communeCode))
  )
    return { read: true, manage: true };
  if (hasRole(actor, 'table_participant', table.id)) return { read: true, manage: false };
  return { read: false, manage: false };
}

/**
 * Inter-institutional tables (DOMAIN.md §6): the shared list of institutions, tables with their territorial scope
 * and convener, participants (representatives of institutions, not users) and axes with their members.
 */
/** Where a table's audit rows go: its commune, or the platform for province and region tables. */
export const auditScopeOf = (table: {
  communeCode: string | null;
}): { scopeType: 'commune' | 'platform'; scopeId: string | undefined } =>
  table.communeCode
    ? { scopeType: 'commune', scopeId: table.communeCode }
    : { scopeType: 'platform', scopeId: undefined };

@Injectable()
export class TablesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly institutions: InstitutionsService,
  ) {}

  /**
   * POST /api/v1/tables: a commune-scope table by that commune's municipal officers (or an administrator); a
   * province- or region-scope table by an administrator (program officers once programs exist).
   */
  async createTable(
    actor: Actor,
    input: {
      kind?: string;
      name?: string;
      scopeLevel?: string;
      scopeCode?: string;
      convenerInstitutionId?: string;
      securityCouncil?: boolean;
      description?: string;
    },
    context: AuditContext,
  ): Promise<TableView> {
    // who may, first: a commune's officers for its tables; the administration for any
    const scopeGiven = typeof input.scopeCode === 'string' ? input.scopeCode.trim() : '';
    if (!isAdmin(actor) && !(input.scopeLevel === 'commune' && hasRole(actor, 'municipal_officer', scopeGiven))) {
      throw TableException.forbidden(
        input.scopeLevel === 'commune' ? tableTexts.createCommuneForbidden() : tableTexts.createWiderForbidden(),
      );
    }
    const errors: FieldError[] = [];
    if (!TABLE_KINDS.includes(input.kind as Mesa['kind']))
      errors.push(TableException.fieldError('kind', tableTexts.kindInvalid()));
    const name = this.text(input.name, 'name', 200, errors);
    if (!SCOPE_LEVELS.includes(input.scopeLevel as Mesa['scopeLevel']))
      errors.push(TableException.fieldError('scopeLevel', tableTexts.scopeLevelInvalid()));
    const scopeCode = typeof input.scopeCode === 'string' ? input.scopeCode.trim() : '';
    const scope = SCOPE_LEVELS.includes(input.scopeLevel as Mesa['scopeLevel'])
      ? await this.scope(input.scopeLevel as Mesa['scopeLevel'], scopeCode)
      : null;
    if (input.scopeLevel && SCOPE_LEVELS.includes(input.scopeLevel as Mesa['scopeLevel']) && !scope)
      errors.push(
        TableException.fieldError(
          'scopeCode',
          UNKNOWN_SCOPE[input.scopeLevel as Mesa['scopeLevel']]({ code: scopeCode.slice(0, 20) }),
        ),
      );
    const description = input.description ? this.text(input.description, 'description', 10_000, errors) : null;
    const council = input.securityCouncil === true;
    if (council && (input.kind !== 'security' || input.scopeLevel !== 'commune'))
      errors.push(TableException.fieldError('securityCouncil', tableTexts.councilScope()));
    let convener: InstitutionView | null = null;
    if (input.convenerInstitutionId) {
      convener = await this.institutions.findById(input.convenerInstitutionId);
      if (!convener)
        errors.push(
          TableException.fieldError(
            'convenerInstitutionId',
            tableTexts.institutionUnregistered({ field: 'convenerInstitutionId' }),
          ),
        );
    }
    if (errors.length) throw TableException.invalid(errors);
    const communeCode = input.scopeLevel === 'commune' ? scopeCode : null;
    const id = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        Mesa,
        em.create(Mesa, {
          kind: input.kind as Mesa['kind'],
          name,
          scopeLevel: input.scopeLevel as Mesa['scopeLevel'],
          scopeCode,
          communeCode,
          timeZone: (scope as { timeZone: string }).timeZone,
          convenerInstitutionId: convener?.id ?? null,
          securityCouncil: council,
          description,
          createdBy: actor.id,
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(
        context,
        {
          action: 'table.created',
          objectType: 'table',
          objectId: saved.id,
          scopeType: communeCode ? 'commune' : 'platform',
          scopeId: communeCode ?? undefined,
          details: { name, kind: input.kind, scopeLevel: input.scopeLevel, scopeCode },
        },
        em,
      );
      return saved.id;
    });
    return (await this.get(actor, id, context)) as TableView;
  }

  /** GET /api/v1/tables: the tables the caller sees (administrators all; the municipality its commune's; coordinators and participants theirs). */
  async list(
    actor: Actor,
    page: { page?: string | number; pageSize?: string | number } = {},
  ): Promise<{ items: TableView[]; total: number }> {
    const { limit, offset } = paging(page);
    const qb = this.dataSource
      .getRepository(Mesa)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.convener', 'c')
      .orderBy('t.name')
      .addOrderBy('t.id')
      .take(limit)
      .skip(offset);
    if (!isAdmin(actor)) {
      const tableIds = actor.roles
        .filter((r) => (r.role === 'table_coordinator' || r.role === 'table_participant') && r.scopeId)
        .map((r) => r.scopeId as string);
      const communes = officerCommunes(actor);
      if (!tableIds.length && !communes.length) return { items: [], total: 0 };
      qb.where('(t.id = ANY(:tableIds) OR t.commune_code = ANY(:communes))', { tableIds, communes });
    }
    const [rows, total] = await qb.getManyAndCount();
    const names = await this.scopeNames(rows);
    return { items: rows.map((t) => this.view(t, names)), total };
  }

  /** A table with its participants and axes; 404 outside the caller's scope (audited). */
  async get(actor: Actor, tableId: string, context: AuditContext): Promise<TableDetail> {
    const { table, rights } = await this.load(actor, tableId, 'read', context);
    const participants = await this.dataSource
      .getRepository(TableParticipant)
      .find({ where: { tableId: table.id }, relations: { institution: true }, order: { createdAt: 'ASC' } });
    const axes = await this.dataSource
      .getRepository(TableAxis)
      .find({ where: { tableId: table.id }, order: { createdAt: 'ASC' } });
    const members = axes.length
      ? await this.dataSource
          .getRepository(TableAxisMember)
          .createQueryBuilder('m')
          .where('m.axis_id = ANY(:ids)', { ids: axes.map((a) => a.id) })
          .getMany()
      : [];
    const present = participants.filter((p) => !p.leftAt);
    return {
      ...this.view(table, await this.scopeNames([table])),
      participants: present.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        email: p.email,
        phone: p.phone,
        councilSeat: p.councilSeat,
        institution: institutionView(p.institution as Institution),
      })),
      council: table.securityCouncil ? councilChecklist(present.map((p) => p.councilSeat)) : null,
      axes: axes.map((a) => ({
        id: a.id,
        name: a.name,
        participantIds: members.filter((m) => m.axisId === a.id).map((m) => m.participantId),
      })),
      rights,
    };
  }

  /**
   * POST /api/v1/tables/:id/participants: a representative of an institution (given by id, or by name: reused
   * or created with its kind), with role and contact; not a user.
   */
  async addParticipant(
    actor: Actor,
    tableId: string,
    input: {
      institutionId?: string;
      institutionName?: string;
      institutionKind?: string;
      name?: string;
      email?: string;
      phone?: string;
      role?: string;
      councilSeat?: string;
    },
    context: AuditContext,
  ) {
    const { table } = await this.load(actor, tableId, 'manage', context);
    const errors: FieldError[] = [];
    // DOM-TBL-2: a council's seats; at most two councillors sit (reference SEC-03)
    const councilSeat = input.councilSeat ? (input.councilSeat as CouncilSeat) : null;
    if (councilSeat && !table.securityCouncil)
      errors.push(TableException.fieldError('councilSeat', tableTexts.councilSeatOnlyCouncil()));
    else if (councilSeat && !Object.hasOwn(COUNCIL_SEATS, councilSeat))
      errors.push(
        TableException.fieldError(
          'councilSeat',
          tableTexts.councilSeatInvalid({ seats: Object.keys(COUNCIL_SEATS).join(', ') }),
        ),
      );
    const name = this.text(input.name, 'name', 200, errors);
    const role = input.role ? this.text(input.role, 'role', 200, errors) : null;
    const email = input.email ? this.text(input.email, 'email', 200, errors).toLowerCase() : null;
    if (email && !EMAIL.test(email))
      errors.push(TableException.fieldError('email', tableTexts.emailInvalid({ field: 'email' })));
    const phone = input.phone ? this.text(input.phone, 'phone', 40, errors) : null;
    let institution: InstitutionView | null = null;
    if (input.institutionId) {
      institution = await this.institutions.findById(input.institutionId);
      if (!institution)
        errors.push(
          TableException.fieldError('institutionId', tableTexts.institutionUnregistered({ field: 'institutionId' })),
        );
    } else {
      const institutionName = this.text(input.institutionName, 'institutionName', 200, errors);
      if (institutionName) {
        // reused by name: the table's commune's first, then a national or regional one
        institution = await this.institutions.findByName(institutionName, table.communeCode);
        if (!institution && !INSTITUTION_KINDS.includes(input.institutionKind as InstitutionKind)) {
          errors.push(
            TableException.fieldError(
              'institutionKind',
              tableTexts.institutionKindMissing({ name: institutionName, kinds: INSTITUTION_KINDS.join(', ') }),
            ),
          );
        }
      }
    }
    if (errors.length) throw TableException.invalid(errors);
    const participant = await this.dataSource.transaction(async (em) => {
      if (councilSeat === 'councillor') {
        // one writer at a time on the table: the law's two councillors hold under concurrent requests
        await em.query(`SELECT id FROM mesa WHERE id = $1 FOR UPDATE`, [table.id]);
        const [{ n }] = await em.query(
          `SELECT count(*)::int AS n FROM table_participant WHERE table_id = $1 AND council_seat = 'councillor' AND left_at IS NULL`,
          [table.id],
        );
        if (n >= COUNCIL_SEATS.councillor)
          throw TableException.rule('COUNCIL_SEAT_FULL', tableTexts.councilFull(), 'councilSeat');
      }
      if (!institution) {
        institution = (
          await this.institutions.findOrCreate(
            actor,
            {
              name: (input.institutionName as string).trim(),
              kind: input.institutionKind as InstitutionKind,
              communeCode: table.communeCode,
            },
            context,
            em,
          )
        ).institution;
      }
      const saved = await em.save(
        TableParticipant,
        em.create(TableParticipant, {
          tableId: table.id,
          institutionId: institution.id,
          name,
          role,
          email,
          phone,
          councilSeat,
        }),
      );
      await this.audit.record(
        context,
        {
          action: 'table.participant_added',
          objectType: 'table',
          objectId: table.id,
          scopeType: table.communeCode ? 'commune' : 'platform',
          scopeId: table.communeCode ?? undefined,
          details: { participantId: saved.id, institutionId: institution.id },
        },
        em,
      );
      return saved;
    });
    const inst = institution as unknown as InstitutionView;
    return {
      id: participant.id,
      tableId: table.id,
      institutionId: inst.id,
      institution: inst,
      name,
      role,
      email,
      phone,
      councilSeat,
    };
  }

  /** POST /api/v1/tables/:id/axes: an axis with its members (participants of the table). */
  async addAxis(
    actor: Actor,
    tableId: string,
    input: { name?: string; participantIds?: string[] },
    context: AuditContext,
  ) {
    const { table } = await this.load(actor, tableId, 'manage', context);
    const errors: FieldError[] = [];
    const name = this.text(input.name, 'name', 200, errors);
    const ids = Array.isArray(input.participantIds) ? input.participantIds.map(String) : [];
    if (input.participantIds !== undefined && !Array.isArray(input.participantIds))
      errors.push(TableException.fieldError('participantIds', tableTexts.participantIdsList()));
    const valid = ids.length
      ? await this.dataSource
          .getRepository(TableParticipant)
          .createQueryBuilder('p')
          .where('p.table_id = :t AND p.id = ANY(:ids)', { t: table.id, ids: ids.filter((i) => UUID.test(i)) })
          .getMany()
      : [];
    ids.forEach((id, i) => {
      if (!valid.some((p) => p.id === id))
        errors.push(
          TableException.fieldError(`participantIds[${i}]`, tableTexts.notParticipant({ at: `participantIds[${i}]` })),
        );
    });
    if (errors.length) throw TableException.invalid(errors);
    const axis = await this.dataSource.transaction(async (em) => {
      // under the table's lock: two people adding the same axis at once get one axis and a message
      await em.query(`SELECT id FROM mesa WHERE id = $1 FOR UPDATE`, [table.id]);
      if (await em.getRepository(TableAxis).findOneBy({ tableId: table.id, nameKey: foldForSearch(name) }))
        throw TableException.field('name', tableTexts.axisExists({ name }));
      const saved = await em.save(
        TableAxis,
        em.create(TableAxis, { tableId: table.id, name, nameKey: foldForSearch(name) }),
      );
      if (valid.length)
        await em.insert(
          TableAxisMember,
          [...new Set(valid.map((p) => p.id))].map((participantId) => ({ axisId: saved.id, participantId })),
        );
      await this.audit.record(
        context,
        {
          action: 'table.axis_added',
          objectType: 'table',
          objectId: table.id,
          scopeType: table.communeCode ? 'commune' : 'platform',
          scopeId: table.communeCode ?? undefined,
          details: { axisId: saved.id, name },
        },
        em,
      );
      return saved;
    });
    return { id: axis.id, tableId: table.id, name, participantIds: [...new Set(valid.map((p) => p.id))] };
  }

  /** 404 when the table does not exist or lies outside the caller's scope (audited), 403 without the right. */
  async load(
    actor: Actor,
    tableId: string,
    right: keyof TableRights,
    context: AuditContext,
  ): Promise<{ table: Mesa & { convener?: Institution }; rights: TableRights }> {
    // one statement (findOne with a relation issues two)
    const table = UUID.test(tableId)
      ? await this.dataSource
          .getRepository(Mesa)
          .createQueryBuilder('t')
          .leftJoinAndSelect('t.convener', 'convener')
          .where('t.id = :tableId', { tableId })
          .getOne()
      : null;
    if (!table) throw TableException.notFound();
    const rights = tableRights(actor, table);
    if (!rights.read) {
      await this.audit.record(
        { ...context, userId: actor.id },
        {
          action: 'access.denied',
          objectType: 'table',
          objectId: table.id,
          scopeType: table.communeCode ? 'commune' : 'platform',
          scopeId: table.communeCode ?? undefined,
          details: { reason: 'outside_scope' },
        },
        this.dataSource.manager,
      );
      throw TableException.notFound();
    }
    if (!rights[right]) throw TableException.forbidden(tableTexts.roleForbidden());
    return { table, rights };
  }

  /** The table row (after `load` has checked access). */
  async entity(tableId: string): Promise<Mesa> {
    return (await this.dataSource.getRepository(Mesa).findOneBy({ id: tableId })) as Mesa;
  }

  /** DOM-TBL-2: the communes whose security plans the actor sees: where they are a municipal officer, or sit at a table. */
  async communesSeenBy(actor: Actor): Promise<string[]> {
    const tableIds = actor.roles
      .filter((r) => (r.role === 'table_coordinator' || r.role === 'table_participant') && r.scopeId)
      .map((r) => r.scopeId as string);
    const viaTables: { code: string }[] = tableIds.length
      ? await this.dataSource.query(
          `SELECT DISTINCT commune_code AS code FROM mesa WHERE id = ANY($1::uuid[]) AND commune_code IS NOT NULL`,
          [tableIds],
        )
      : [];
    return [...new Set([...officerCommunes(actor), ...viaTables.map((r) => r.code)])];
  }

  async exists(tableId: string): Promise<boolean> {
    return (await this.dataSource.getRepository(Mesa).countBy({ id: tableId })) > 0;
  }

  /** The commune of a table (for role grants), or null for province and region tables or an unknown id. */
  async communeOf(tableId: string): Promise<string | null> {
    return (await this.dataSource.getRepository(Mesa).findOneBy({ id: tableId }))?.communeCode ?? null;
  }

  async idsInCommunes(codes: string[]): Promise<string[]> {
    if (!codes.length) return [];
    return (await this.dataSource.query(`SELECT id FROM mesa WHERE commune_code = ANY($1)`, [codes])).map(
      (r: { id: string }) => r.id,
    );
  }

  /** Communes by code with their names, for the new-table form (null: every onboarded municipality). */
  async communeNames(codes: string[] | null): Promise<{ code: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT c.code, c.name FROM commune c JOIN municipality m ON m.commune_code = c.code WHERE ($1::text[] IS NULL OR c.code = ANY($1)) AND ($1::text[] IS NOT NULL OR m.onboarded_at IS NOT NULL) ORDER BY c.name`,
      [codes],
    );
  }

  /** The communes of the commune tables the actor coordinates. */
  async coordinatedCommunes(actor: Actor): Promise<string[]> {
    const ids = actor.roles.filter((r) => r.role === 'table_coordinator' && r.scopeId).map((r) => r.scopeId as string);
    if (!ids.length) return [];
    return (
      await this.dataSource.query(
        `SELECT DISTINCT commune_code FROM mesa WHERE id = ANY($1::uuid[]) AND commune_code IS NOT NULL`,
        [ids],
      )
    ).map((r: { commune_code: string }) => r.commune_code);
  }

  /** The scope's existence and the time zone its sessions use (the commune's; for a province or region, its first municipality's). */
  private async scope(level: Mesa['scopeLevel'], code: string): Promise<{ timeZone: string } | null> {
    if (!code || code.length > 20) return null;
    const column = level === 'commune' ? 'c.code' : level === 'province' ? 'c.province_code' : 'c.region_code';
    const [row] = await this.dataSource.query(
      `SELECT m.time_zone AS "timeZone" FROM commune c JOIN municipality m ON m.commune_code = c.code WHERE ${column} = $1 ORDER BY c.code LIMIT 1`,
      [code],
    );
    return row ?? null;
  }

  private async scopeNames(tables: Mesa[]): Promise<Map<string, string>> {
    const codes = [...new Set(tables.map((t) => t.scopeCode))];
    if (!codes.length) return new Map();
    const rows: { code: string; name: string }[] = await this.dataSource.query(
      `SELECT code, name FROM commune WHERE code = ANY($1) UNION ALL SELECT code, name FROM province WHERE code = ANY($1) UNION ALL SELECT code, name FROM region WHERE code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  private view(t: Mesa & { convener?: Institution | null }, names: Map<string, string>): TableView {
    return {
      id: t.id,
      kind: t.kind,
      name: t.name,
      scopeLevel: t.scopeLevel,
      scopeCode: t.scopeCode,
      scopeName: names.get(t.scopeCode) ?? t.scopeCode,
      communeCode: t.communeCode,
      timeZone: t.timeZone,
      convener: t.convener ? institutionView(t.convener) : null,
      securityCouncil: t.securityCouncil,
      description: t.description,
      version: t.version,
    };
  }

  private text(value: unknown, field: string, max: number, errors: FieldError[]): string {
    const text = typeof value === 'string' ? value.trim() : '';
    if (!text) errors.push(TableException.fieldError(field, tableTexts.fieldRequired({ field })));
    else if (text.length > max)
      errors.push(
        TableException.fieldError(
          field,
          inEachLanguage((locale) => tableTexts.fieldMaxLength({ field, max: grouped(max, locale) })),
        ),
      );
    return text;
  }
}
