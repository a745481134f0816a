import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Actor, hasRole, isAdmin, officerCommunes } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import { Clock } from '../common/clock';
import { paging } from '../common/paging';
import type { Institution } from '../institutions/entities/institution.entity';
import { institutionView, InstitutionsService, type InstitutionView } from '../institutions/institutions.service';
import { Mesa, SCOPE_LEVELS, TABLE_KINDS } from './entities/mesa.entity';
import { requiredTableText, TableAccess, type TableRights, tableAuditEntry } from './table-access.service';
import { TableParticipantsService } from './table-participants.service';
import { TableAxis, TableAxisMember } from './entities/table-axis.entity';
import { COUNCIL_SEATS, type CouncilSeat, TableParticipant } from './entities/table-participant.entity';

export { auditScopeOf, tableRights, type TableRights } from './table-access.service';

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

/** DOM-TBL-2: each seat the law gives a communal security council, how many it needs and how many are filled. */
export function councilChecklist(seats: (CouncilSeat | null)[]): CouncilChecklist {
  const list = (Object.entries(COUNCIL_SEATS) as [CouncilSeat, number][]).map(([seat, required]) => {
    const filled = seats.filter((s) => s === seat).length;
    return { seat, required, filled, complete: filled >= required };
  });
  return { seats: list, complete: list.every((s) => s.complete) };
}

/**
 * Inter-institutional tables (DOMAIN.md §6): the shared list of institutions, tables with their territorial scope
 * and convener, participants (representatives of institutions, not users) and axes with their members.
 */

/**
 * Inter-institutional tables (DOMAIN.md §6): tables with their territorial scope and convener, the list a caller
 * sees and one table with its participants, axes and a council's composition. Who sits at a table is
 * TableParticipantsService's; who may see a table, TableAccess's.
 */
@Injectable()
export class TablesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly institutions: InstitutionsService,
    private readonly access: TableAccess,
    private readonly participants: TableParticipantsService,
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
    const name = requiredTableText(input.name, 'name', 200, errors);
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
    const description = input.description ? requiredTableText(input.description, 'description', 10_000, errors) : null;
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
        tableAuditEntry({ id: saved.id, communeCode }, 'table.created', {
          name,
          kind: input.kind,
          scopeLevel: input.scopeLevel,
          scopeCode,
        }),
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
    const { table, rights } = await this.access.load(actor, tableId, 'read', context);
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

  /** 404 when the table does not exist or lies outside the caller's scope (audited), 403 without the right. */
  load(
    actor: Actor,
    tableId: string,
    right: keyof TableRights,
    context: AuditContext,
  ): Promise<{ table: Mesa & { convener?: Institution }; rights: TableRights }> {
    return this.access.load(actor, tableId, right, context);
  }

  /** POST /api/v1/tables/:id/participants (TableParticipantsService; the start-up demo adds them here). */
  addParticipant(...args: Parameters<TableParticipantsService['addParticipant']>) {
    return this.participants.addParticipant(...args);
  }

  /** POST /api/v1/tables/:id/axes (TableParticipantsService; the start-up demo adds them here). */
  addAxis(...args: Parameters<TableParticipantsService['addAxis']>) {
    return this.participants.addAxis(...args);
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

  /** Tables' names by id: how a table role's scope is named on the pages and in the invitation. */
  async namesById(ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM mesa WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The tables (all, or those of some communes) by name, for the list a table role's scope is picked from. */
  choicesIn(codes: string[] | null): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(
      `SELECT id, name FROM mesa WHERE $1::text[] IS NULL OR commune_code = ANY($1) ORDER BY name, id`,
      [codes],
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
}
