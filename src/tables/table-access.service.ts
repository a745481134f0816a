import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, type AuditEntry, AuditService } from '../audit/audit.service';
import { Actor, hasRole, isAdmin } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import type { Institution } from '../institutions/entities/institution.entity';
import { entityColumns, toEntity } from '../database/entity-reads';
import { Mesa } from './entities/mesa.entity';
import { TableException } from './tables.exception';
import { grouped, inEachLanguage, tableTexts } from './tables.messages';

/** What a caller may do with one table (API.md "Who may do what"). */
export interface TableRights {
  read: boolean;
  /** Participants, axes, sessions, minutes, commitments: the coordinator (and the municipality of a commune table, and administrators). */
  manage: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** Where a table's audit rows go: its commune, or the platform for province and region tables. */
export const auditScopeOf = (table: {
  communeCode: string | null;
}): { scopeType: 'commune' | 'platform'; scopeId: string | undefined } =>
  table.communeCode
    ? { scopeType: 'commune', scopeId: table.communeCode }
    : { scopeType: 'platform', scopeId: undefined };

/** An audit row about a table, filed in its scope (its commune, or the platform). */
export function tableAuditEntry(
  table: { id: string; communeCode: string | null },
  action: string,
  details?: Record<string, unknown>,
): AuditEntry {
  return { action, objectType: 'table', objectId: table.id, ...auditScopeOf(table), ...(details ? { details } : {}) };
}

/** An audit row about one of a table's sessions, filed in the table's scope. */
export function sessionAuditEntry(
  table: { communeCode: string | null },
  meetingId: string,
  action: string,
  details?: Record<string, unknown>,
): AuditEntry {
  return {
    ...tableAuditEntry({ id: meetingId, communeCode: table.communeCode }, action, details),
    objectType: 'meeting',
  };
}

/** A required text field of a table's forms, trimmed; its refusal (empty, too long) goes into `errors`. */
export function requiredTableText(value: unknown, field: string, max: number, errors: FieldError[]): string {
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

/** Who may see and manage a table (API.md "Who may do what"): every service of the module asks here first. */
@Injectable()
export class TableAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** 404 when the table does not exist or lies outside the caller's scope (audited), 403 without the right. */
  async load(
    actor: Actor,
    tableId: string,
    right: keyof TableRights,
    context: AuditContext,
  ): Promise<{ table: Mesa & { convener?: Institution }; rights: TableRights }> {
    const table = UUID.test(tableId) ? await this.withConvener(tableId) : null;
    if (!table) throw TableException.notFound();
    const rights = tableRights(actor, table);
    if (!rights.read) {
      await this.audit.record(
        { ...context, userId: actor.id },
        tableAuditEntry(table, 'access.denied', { reason: 'outside_scope' }),
        this.dataSource.manager,
      );
      throw TableException.notFound();
    }
    if (!rights[right]) throw TableException.forbidden(tableTexts.roleForbidden());
    return { table, rights };
  }

  /**
   * The table with its convening institution in one fixed statement (issue 21: building it through the query builder
   * was 6% of the board API's CPU at 32 connections; findOne with a relation issued two).
   */
  private async withConvener(tableId: string): Promise<(Mesa & { convener?: Institution }) | null> {
    const em = this.dataSource.manager;
    const mesa = entityColumns(em, Mesa, 't');
    const convener = entityColumns(em, 'Institution', 'c', 'c_'); // by name: its class is the institutions module's
    const [row] = (await em.query(
      `SELECT ${mesa.select}, ${convener.select} FROM ${mesa.table} t
         LEFT JOIN ${convener.table} c ON c.id = t.convener_institution_id
        WHERE t.id = $1`,
      [tableId],
    )) as Record<string, unknown>[];
    if (!row) return null;
    const table: Mesa & { convener?: Institution } = toEntity(em, Mesa, 't', row);
    // none is null, as TypeORM's join leaves it
    table.convener =
      row.c_id === null || row.c_id === undefined
        ? (null as unknown as undefined)
        : toEntity<Institution>(em, 'Institution', 'c', row, 'c_');
    return table;
  }
}
