import { downloadName } from '../common/format/file-name';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { excel } from '../common/format/excel';
import { DataSource, EntityManager } from 'typeorm';
import { csvLine } from '../common/format/spreadsheet';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { DomainException, type FieldError } from '../common/errors/domain.exception';
import { formatDate, localDate, parseCalendarDate } from '../common/format/dates';
import { paging } from '../common/paging';
import { CommitmentRemindersService } from './commitment-reminders.service';
import type { Mesa } from './entities/mesa.entity';
import { TableAccess, type TableRights, tableAuditEntry } from './table-access.service';
import { boardItem, type BoardItem, type BoardRow } from './board-rows';

/** Dates in exports are written one way, as the roster's (aaaa-mm-dd, which every import reads; issue 20 item 6). */
const exportDate = (date: string | null) => (date ? (parseCalendarDate(date) ?? date) : '');

export type { BoardItem } from './board-rows';

export interface BoardQuery {
  institutionId?: string;
  axisId?: string;
  status?: string;
  overdue?: string | boolean;
  page?: string | number;
  pageSize?: string | number;
}

/** DOM-TBL-3: per institution, its open, overdue and done commitments and the fulfilment rate. */
export interface InstitutionFulfilment {
  institutionId: string;
  name: string;
  total: number;
  open: number;
  inProgress: number;
  overdue: number;
  done: number;
  cancelled: number;
  /** Done over those not cancelled, in whole percent (null with none to count). */
  rate: number | null;
}

export interface Board {
  table: { id: string; name: string; kind: Mesa['kind']; securityCouncil: boolean; timeZone: string };
  today: string;
  items: BoardItem[];
  total: number;
  page: number;
  pageSize: number;
  fulfilment: InstitutionFulfilment[];
  institutions: { id: string; name: string }[];
  axes: { id: string; name: string }[];
  filter: { institutionId: string | null; axisId: string | null; status: string | null; overdue: boolean };
}

const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
const STATUS_ES: Record<string, string> = {
  open: 'Pendiente',
  in_progress: 'En curso',
  done: 'Cumplido',
  cancelled: 'Cancelado',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPORT_MAX = 50_000;
const COLLATOR = new Intl.Collator('es', { sensitivity: 'base' });
/** Boards kept per instance (each a page of 50 and its counts, some 30 KB). */
const BOARD_CACHE_ENTRIES = 500;

/** Per institution ($1 the table, $2 today): the board's counts and the base of its rate. */
const FULFILMENT_SELECT = `SELECT i.id AS "institutionId", i.name, f.total, f.open, f."inProgress", f.overdue, f.done, f.cancelled
  FROM (SELECT c.owner_institution_id, count(*)::int AS total,
               count(*) FILTER (WHERE c.status = 'open')::int AS open, count(*) FILTER (WHERE c.status = 'in_progress')::int AS "inProgress",
               count(*) FILTER (WHERE c.status IN ('open', 'in_progress') AND c.due_on < $2::date)::int AS overdue,
               count(*) FILTER (WHERE c.status = 'done')::int AS done, count(*) FILTER (WHERE c.status = 'cancelled')::int AS cancelled
          FROM commitment c WHERE c.table_id = $1 GROUP BY c.owner_institution_id) f -- IX_commitment_board_institution, index only
  JOIN institution i ON i.id = f.owner_institution_id`;

/**
 * The commitments board of a table (DOM-TBL-3, issue 9): filters by institution, axis, status and overdue, a page
 * of 50 in a bounded number of queries, the fulfilment rate per institution, CSV and XLSX export; the security
 * council's monthly warning and plan measures (DOM-TBL-2). Share links are TableShareLinksService's, reminders
 * CommitmentRemindersService's, progress updates with evidence CommitmentProgressService's.
 */
@Injectable()
export class TableBoardService {
  /** Boards by table, board version, day and filter (see boardOf); most recently used last. */
  private readonly cache = new Map<string, Board>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TableAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly reminders: CommitmentRemindersService,
  ) {}

  /** GET /api/v1/tables/:id/commitments (and /api/v1/commitments?tableId=): the board in the caller's scope. */
  async board(
    actor: Actor,
    tableId: string,
    query: BoardQuery,
    context: AuditContext,
  ): Promise<Board & { rights: TableRights }> {
    const filter = this.filter(query);
    const { table, rights } = await this.access.load(actor, tableId, 'read', context);
    return { ...(await this.boardOf(table, filter)), rights };
  }

  private filter(query: BoardQuery) {
    const errors: FieldError[] = [];
    const q = query ?? {};
    const id = (value: unknown, field: string): string | null => {
      if (value === undefined || value === '' || value === null) return null;
      if (typeof value !== 'string' || !UUID.test(value))
        errors.push(TableException.fieldError(field, tableTexts.idInvalid({ field })));
      return typeof value === 'string' ? value : null;
    };
    const institutionId = id(q.institutionId, 'institutionId');
    const axisId = id(q.axisId, 'axisId');
    const status = q.status === undefined || q.status === '' ? null : String(q.status);
    if (status && !STATUSES.includes(status as (typeof STATUSES)[number]))
      errors.push(TableException.fieldError('status', tableTexts.boardStatusInvalid()));
    const overdue = q.overdue === true || q.overdue === 'true' || q.overdue === '1';
    if (q.overdue !== undefined && !overdue && q.overdue !== 'false' && q.overdue !== false && q.overdue !== '')
      errors.push(TableException.fieldError('overdue', tableTexts.overdueInvalid()));
    let page: { limit: number; offset: number } = { limit: 50, offset: 0 };
    try {
      page = paging(q);
    } catch (err) {
      if (err instanceof DomainException) errors.push(...err.errors);
      else throw err;
    }
    if (errors.length) throw TableException.invalid(errors);
    return { institutionId, axisId, status, overdue, ...page };
  }

  /**
   * The board in one statement whatever the table's size (one round trip, one plan): the page read in the board's
   * order from IX_commitment_board_order with its joins and update counts for its own rows only, the total and
   * the per-institution counts from IX_commitment_board_institution, the filters' options; as JSON.
   */
  private async boardOf(
    table: Pick<Mesa, 'id' | 'name' | 'kind' | 'securityCouncil' | 'timeZone' | 'boardVersion'>,
    f: ReturnType<TableBoardService['filter']>,
    cached = true,
  ): Promise<Board> {
    const today = localDate(this.clock.now(), table.timeZone);
    // The table's board_version (read with the table in this request) changes with anything the board shows, by
    // any writer, through database triggers: a board cached under the same version, day and filter is the board
    // now. Each instance keeps its own; none is ever stale.
    const key = `${table.id}|${table.boardVersion}|${today}|${f.institutionId}|${f.axisId}|${f.status}|${f.overdue}|${f.limit}|${f.offset}|${table.name}`;
    const hit = cached ? this.cache.get(key) : undefined;
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const board = await this.queryBoard(table, f, today);
    if (cached) {
      this.cache.set(key, board);
      if (this.cache.size > BOARD_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    }
    return board;
  }

  private async queryBoard(
    table: Pick<Mesa, 'id' | 'name' | 'kind' | 'securityCouncil' | 'timeZone'>,
    f: ReturnType<TableBoardService['filter']>,
    today: string,
  ): Promise<Board> {
    const where = ['c.table_id = $1'];
    const params: unknown[] = [table.id, today];
    if (f.institutionId) where.push(`c.owner_institution_id = $${params.push(f.institutionId)}`);
    if (f.axisId) where.push(`c.axis_id = $${params.push(f.axisId)}`);
    if (f.status) where.push(`c.status = $${params.push(f.status)}`);
    if (f.overdue) where.push(`c.status IN ('open', 'in_progress') AND c.due_on < $2::date`);
    const filter = where.join(' AND ');
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM commitment c WHERE ${filter}) AS total,
              (SELECT coalesce(json_agg(x ORDER BY x.k1 DESC, x.k2, x.k3, x.k4, x.id), '[]') FROM (
                 SELECT (c.status IN ('open', 'in_progress')) AS k1, c.due_on AS k2, c.created_at AS k3, c.position AS k4,
                        c.id, c.description, to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.status, c.progress, c.origin_meeting_id AS "originMeetingId",
                        c.owner_kind AS "ownerKind", coalesce(c.owner_participant_id, c.owner_institution_id) AS "ownerId", coalesce(tp.name, i.name) AS "ownerName",
                        i.id AS "institutionId", i.name AS "institutionName", ax.id AS "axisId", ax.name AS "axisName",
                        to_char(o.starts_at AT TIME ZONE o.time_zone, 'DD-MM-YYYY') AS "sessionDate",
                        (c.status IN ('open', 'in_progress') AND c.due_on < $2::date) AS overdue, u.updates, u.last AS "lastUpdateAt"
                   FROM commitment c
                   JOIN institution i ON i.id = c.owner_institution_id
                   JOIN meeting o ON o.id = c.origin_meeting_id
                   LEFT JOIN table_participant tp ON tp.id = c.owner_participant_id
                   LEFT JOIN table_axis ax ON ax.id = c.axis_id
                   LEFT JOIN LATERAL (SELECT count(*)::int AS updates, max(cu.created_at) AS last FROM commitment_update cu WHERE cu.commitment_id = c.id) u ON true
                  WHERE ${filter}
                  -- IX_commitment_board_order: the page is read in this order from the index, the joins done for its rows only
                  ORDER BY (c.status IN ('open', 'in_progress')) DESC, c.due_on, c.created_at, c.position, c.id LIMIT ${f.limit} OFFSET ${f.offset}
              ) x) AS items,
              (SELECT coalesce(json_agg(f), '[]') FROM (${FULFILMENT_SELECT}) f) AS fulfilment,
              (SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (SELECT DISTINCT i.id, i.name FROM table_participant p JOIN institution i ON i.id = p.institution_id WHERE p.table_id = $1) x) AS institutions,
              (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.name), '[]') FROM table_axis a WHERE a.table_id = $1) AS axes`,
      params,
    );
    const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    return {
      table: {
        id: table.id,
        name: table.name,
        kind: table.kind,
        securityCouncil: table.securityCouncil,
        timeZone: table.timeZone,
      },
      today,
      items: json<BoardRow[]>(row.items).map((r) => boardItem(r)),
      total: Number(row.total),
      page: f.offset / f.limit + 1,
      pageSize: f.limit,
      fulfilment: this.rates(json(row.fulfilment)),
      institutions: json(row.institutions),
      axes: json(row.axes),
      filter: { institutionId: f.institutionId, axisId: f.axisId, status: f.status, overdue: f.overdue },
    };
  }

  private rates(rows: Omit<InstitutionFulfilment, 'rate'>[]): InstitutionFulfilment[] {
    return rows
      .map((r) => {
        const counted = r.total - r.cancelled;
        return { ...r, rate: counted > 0 ? Math.round((100 * r.done) / counted) : null };
      })
      .sort((a, b) => COLLATOR.compare(a.name, b.name));
  }

  /** DOM-TBL-3: per institution owning commitments at the table: open, in progress, overdue, done, cancelled and the rate. */
  async fulfilment(tableId: string, today: string, em?: EntityManager): Promise<InstitutionFulfilment[]> {
    return this.rates(await (em ?? this.dataSource.manager).query(FULFILMENT_SELECT, [tableId, today]));
  }

  /** CSV or XLSX of the whole filtered board (no paging, at most 50,000 rows), with formula-looking cells protected. */
  async export(
    actor: Actor,
    tableId: string,
    format: 'csv' | 'xlsx',
    query: BoardQuery,
    context: AuditContext,
  ): Promise<{ filename: string; contentType: string; content: Buffer; rows: number }> {
    const f = { ...this.filter({ ...query, page: undefined, pageSize: undefined }), limit: EXPORT_MAX, offset: 0 };
    const { table } = await this.access.load(actor, tableId, 'read', context);
    await this.audit.record(
      context,
      tableAuditEntry(table, 'table.board_exported', { format }),
      this.dataSource.manager,
    );
    const { items } = await this.boardOf(table, f, false);
    const header = [
      'Compromiso',
      'Responsable',
      'Institución',
      'Eje',
      'Plazo',
      'Estado',
      'Vencido',
      'Avance (%)',
      'Sesión',
      'Avances registrados',
    ];
    const cells = (i: BoardItem) => [
      i.description,
      i.owner.name,
      i.owner.institutionName,
      i.axis?.name ?? '',
      i.dueOn,
      STATUS_ES[i.status],
      i.overdue ? 'Sí' : 'No',
      String(i.progress),
      exportDate(i.sessionDate),
      String(i.updates),
    ];
    const today = localDate(this.clock.now(), table.timeZone);
    if (format === 'csv') {
      const content = Buffer.from('\uFEFF' + csvLine(header) + items.map((i) => csvLine(cells(i))).join(''), 'utf8');
      return {
        filename: downloadName('compromisos', today, table.name, 'csv'),
        contentType: 'text/csv; charset=utf-8',
        content,
        rows: items.length,
      };
    }
    const workbook = new (await excel()).Workbook();
    const sheet = workbook.addWorksheet('Compromisos');
    sheet.addRow(header);
    // exceljs writes strings as text cells, never formulas
    for (const i of items) sheet.addRow([...cells(i).slice(0, 7), i.progress, exportDate(i.sessionDate), i.updates]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    return {
      filename: downloadName('compromisos', today, table.name, 'xlsx'),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content,
      rows: items.length,
    };
  }

  /** The board of a table already found (a share link's): the query's filters checked as the API's are. */
  boardOfTable(
    table: Pick<Mesa, 'id' | 'name' | 'kind' | 'securityCouncil' | 'timeZone' | 'boardVersion'>,
    query: BoardQuery,
  ): Promise<Board> {
    return this.boardOf(table, this.filter(query));
  }

  /** Queues the reminders that are due (CommitmentRemindersService.queueReminders). */
  queueReminders(): Promise<number> {
    return this.reminders.queueReminders();
  }

  // ---- security council (DOM-TBL-2) ---------------------------------------------------------------

  /** DOM-TBL-2: a council meets at least monthly: the last session held and whether a month has passed without one. */
  async councilStatus(
    table: Pick<Mesa, 'id' | 'securityCouncil' | 'timeZone' | 'createdAt'>,
  ): Promise<{ lastSession: string | null; overdue: boolean; since: string } | null> {
    if (!table.securityCouncil) return null;
    const now = this.clock.now();
    const [row] = await this.dataSource.query(
      `SELECT max(starts_at) AS last FROM meeting WHERE table_id = $1 AND status <> 'cancelled' AND starts_at <= $2`,
      [table.id, now],
    );
    const last: Date | null = row?.last ? new Date(row.last) : null;
    const reference = last ?? new Date(table.createdAt);
    // a calendar month in the table's zone: from 31 January, the last day of February
    const [y, m, d] = localDate(reference, table.timeZone).split('-').map(Number);
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const monthLater = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
    return {
      lastSession: last ? formatDate(last, table.timeZone) : null,
      overdue: localDate(now, table.timeZone) > monthLater,
      since: formatDate(reference, table.timeZone),
    };
  }

  /** DOM-TBL-2: the communal security plan's measures (the councils' commitments) per commune, with how many are implemented. */
  async planMeasures(communeCodes: string[] | null): Promise<
    {
      communeCode: string;
      communeName: string;
      tableId: string;
      tableName: string;
      measures: number;
      implemented: number;
      inProgress: number;
      overdue: number;
    }[]
  > {
    return this.dataSource.query(
      `SELECT t.commune_code AS "communeCode", co.name AS "communeName", t.id AS "tableId", t.name AS "tableName", count(c.id)::int AS measures,
              count(c.id) FILTER (WHERE c.status = 'done')::int AS implemented, count(c.id) FILTER (WHERE c.status = 'in_progress')::int AS "inProgress",
              count(c.id) FILTER (WHERE c.status IN ('open', 'in_progress') AND c.due_on < ($2::timestamptz AT TIME ZONE t.time_zone)::date)::int AS overdue
         FROM mesa t JOIN commune co ON co.code = t.commune_code LEFT JOIN commitment c ON c.table_id = t.id AND c.status <> 'cancelled'
        WHERE t.security_council AND ($1::text[] IS NULL OR t.commune_code = ANY($1))
        GROUP BY t.commune_code, co.name, t.id, t.name ORDER BY co.name, t.name`,
      [communeCodes, this.clock.now()],
    );
  }
}
