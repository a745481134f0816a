import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { contentDisposition, downloadName } from '../common/format/file-name';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { excel } from '../common/format/excel';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { csvLine } from '../common/format/spreadsheet';
import type { MunicipalityContext } from '../territory/territory.service';
import { AssociationAccess, AssociationRights } from './association-access';
import { RosterMemberRow, RosterRepository } from './roster.repository';
import { AssociationsService } from './associations.service';
import type { Association } from './entities/association.entity';
import { rosterHeader, rosterTemplateHeader } from './roster-file';
import { writeTableFile } from '../common/format/table-file';

const EXPORT_BATCH = 1000;

/** An export's columns: the import's (API.md format), then the membership's status and end date. */
const exportHeader = (municipality: MunicipalityContext): string[] => [
  ...rosterHeader(municipality.settings.identity.person),
  'status',
  'leftOn',
];

/** A member's cells in the order of exportHeader (null: an empty cell). */
const exportCells = (r: RosterMemberRow): (string | null)[] => [
  r.documentNumber,
  r.fullName,
  r.birthDate,
  r.email,
  r.phone,
  r.address,
  r.businessName,
  r.businessCategory,
  r.joinedOn,
  r.status,
  r.leftOn,
];

/**
 * Runs a streamed export into an HTTP response: ends it when done; when the client went away, or the stream
 * broke after the headers were sent, the connection is closed (a half file never gets an error page appended).
 */
export async function streamExport(
  res: { headersSent: boolean; end(): void; destroy(): void },
  run: () => Promise<unknown>,
  log: (message: string) => void,
): Promise<void> {
  try {
    await run();
    res.end();
  } catch (err) {
    if (err instanceof ExportAbortedError) return res.destroy();
    if (!res.headersSent) throw err;
    log(`export interrupted: ${(err as Error).message}`);
    res.destroy();
  }
}

const EXPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const EXPORT_CONTENT_TYPES: Record<'csv' | 'xlsx', string> = EXPORT_TYPES;

/** Streams a roster export (CSV or XLSX) as an attachment: the one path of the HTML page and the API. */
export function sendRosterExport(
  roster: RosterExportService,
  format: keyof typeof EXPORT_TYPES,
  args: { actor: Actor; associationId: string; context: AuditContext },
  res: Writable & {
    headersSent: boolean;
    end(): void;
    destroy(): void;
    setHeader(name: string, value: string): unknown;
  },
  log: (message: string) => void,
): Promise<void> {
  const onStart = (filename: string) => {
    res.setHeader('Content-Type', EXPORT_TYPES[format]);
    res.setHeader('Content-Disposition', contentDisposition(filename));
  };
  const run =
    format === 'csv'
      ? () => roster.exportCsv(args.actor, args.associationId, res, args.context, onStart)
      : () => roster.exportXlsx(args.actor, args.associationId, res, args.context, onStart);
  return streamExport(res, run, log);
}

/** The client closed the connection during an export: nothing to answer. */
export class ExportAbortedError extends Error {
  constructor() {
    super('export aborted by the client');
  }
}

/**
 * The roster's exports (CSV and XLSX, the format of an import): streamed in batches with backpressure, so memory
 * stays flat whatever the roster's size; every export leaves an audit row (personal data, ARCHITECTURE.md §5).
 */
@Injectable()
export class RosterExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: RosterRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The import template (issue 20 item 4): the Spanish header of the association's document (RUT, or DNI in Peru)
   * and one example row, as CSV or XLSX. No personal data: not audited.
   */
  async template(
    actor: Actor,
    associationId: string,
    format: 'csv' | 'xlsx',
    context: AuditContext,
  ): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    const documentType = (await this.associations.municipality(association.communeCode)).settings.identity.person;
    const example = [
      documentType === 'rut' ? '12.345.678-5' : '12345678',
      'María Pérez Soto',
      '23-04-1985',
      'maria.perez@example.cl',
      '+56 9 1234 5678',
      'Prat 450',
      'Almacén Doña María',
      'Almacén',
      '01-03-2026',
    ];
    return {
      filename: downloadName('plantilla-socios', null, association.name, format),
      contentType: EXPORT_CONTENT_TYPES[format],
      content: await writeTableFile(format, 'Socios', rosterTemplateHeader(documentType), [example]),
    };
  }

  /** Streams the roster as CSV (API.md format, formula cells protected), in batches: memory stays flat. */
  async exportCsv(
    actor: Actor,
    associationId: string,
    out: Writable,
    context: AuditContext,
    onStart?: (filename: string) => void,
  ): Promise<number> {
    const { association, rights, municipality } = await this.exportable(actor, associationId, context, 'csv', onStart);
    await this.write(out, '\uFEFF' + csvLine(exportHeader(municipality)));
    return this.eachBatch(association.id, rights, async (rows) => {
      let chunk = '';
      for (const r of rows) chunk += csvLine(exportCells(r));
      await this.write(out, chunk);
    });
  }

  /** Streams the roster as an XLSX workbook (exceljs streaming writer). */
  async exportXlsx(
    actor: Actor,
    associationId: string,
    out: Writable,
    context: AuditContext,
    onStart?: (filename: string) => void,
  ): Promise<number> {
    const { association, rights, municipality } = await this.exportable(actor, associationId, context, 'xlsx', onStart);
    const workbook = new (await excel()).stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('Socios');
    sheet.addRow(exportHeader(municipality)).commit();
    const count = await this.eachBatch(association.id, rights, async (rows) => {
      for (const r of rows) sheet.addRow(exportCells(r).map((c) => c ?? '')).commit();
    });
    sheet.commit();
    await workbook.commit();
    return count;
  }

  /** The roster an export may read (audited), the download's name handed to `onStart` before the first byte. */
  private async exportable(
    actor: Actor,
    associationId: string,
    context: AuditContext,
    format: 'csv' | 'xlsx',
    onStart?: (filename: string) => void,
  ): Promise<{ association: Association; rights: AssociationRights; municipality: MunicipalityContext }> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    const municipality = await this.associations.municipality(association.communeCode);
    // Every export of personal data leaves an audit row (ARCHITECTURE.md §5).
    await this.audit.record(
      context,
      {
        action: 'roster.exported',
        objectType: 'association',
        objectId: association.id,
        scopeType: 'association',
        scopeId: association.id,
      },
      this.dataSource.manager,
    );
    onStart?.(downloadName('socios', localDate(this.clock.now(), municipality.timeZone), association.name, format));
    return { association, rights, municipality };
  }

  /**
   * The roster in batches of 1,000 rows: the order is computed once (ids only), then each batch is read by
   * primary key, so neither memory nor the database's work grows with the roster's size per batch.
   */
  private async eachBatch(
    associationId: string,
    rights: AssociationRights,
    handle: (rows: RosterMemberRow[]) => Promise<void>,
  ): Promise<number> {
    const ids = await this.repo.rosterOrder(associationId);
    for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
      const rows = await this.repo.rosterRows(associationId, ids.slice(i, i + EXPORT_BATCH));
      await handle(rights.seeIdentity ? rows : rows.map((r) => ({ ...r, documentNumber: null })));
    }
    return ids.length;
  }

  /** Writes with backpressure; a client that goes away ends the export (ExportAbortedError), leaving no listener behind. */
  private write(out: Writable, text: string): Promise<void> {
    if (out.destroyed || out.writableEnded) return Promise.reject(new ExportAbortedError());
    if (out.write(text)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = (err?: unknown) => {
        out.off('drain', onDrain);
        out.off('close', onClose);
        out.off('error', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(new ExportAbortedError());
      out.on('drain', onDrain);
      out.on('close', onClose);
      out.on('error', onClose);
    });
  }
}
