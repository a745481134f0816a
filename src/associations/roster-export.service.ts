import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { downloadName } from '../common/format/file-name';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { MunicipalityContext } from '../territory/territory.service';
import { AssociationAccess, AssociationRights } from './association-access';
import { RosterMemberRow, RosterRepository } from './roster.repository';
import { AssociationsService } from './associations.service';
import type { Association } from './entities/association.entity';
import { rosterHeader, rosterTemplateHeader } from './roster-file';
import { writeTableFile } from '../common/format/table-file';
import {
  openTableStream,
  type SentResponse,
  sendTableExport,
  TABLE_CONTENT_TYPES,
  type TableFormat,
} from '../common/format/table-stream';

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

/** Streams a roster export (CSV or XLSX) as an attachment: the one path of the HTML page and the API. */
export function sendRosterExport<R extends Writable & SentResponse>(
  roster: RosterExportService,
  format: TableFormat,
  args: { actor: Actor; associationId: string; context: AuditContext },
  res: R,
  log: (message: string) => void,
): Promise<void> {
  return sendTableExport(
    res,
    format,
    (out, onStart) => roster.export(format, args.actor, args.associationId, out, args.context, onStart),
    log,
  );
}

/**
 * The roster's exports (CSV and XLSX, the format of an import): streamed in batches through openTableStream (its
 * backpressure and the XLSX's limit are described there); every export leaves an audit row (personal data,
 * ARCHITECTURE.md §5).
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
    format: TableFormat,
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
      contentType: TABLE_CONTENT_TYPES[format],
      content: await writeTableFile(format, 'Socios', rosterTemplateHeader(documentType), [example]),
    };
  }

  /**
   * Streams the roster as CSV (API.md format) or XLSX, formula cells protected, in batches of 1,000 members read by
   * primary key (openTableStream writes them). Returns how many members were written.
   */
  async export(
    format: TableFormat,
    actor: Actor,
    associationId: string,
    out: Writable,
    context: AuditContext,
    onStart?: (filename: string) => void,
  ): Promise<number> {
    const { association, rights, municipality } = await this.exportable(actor, associationId, context, format, onStart);
    const table = await openTableStream(format, 'Socios', exportHeader(municipality), out);
    const count = await this.eachBatch(association.id, rights, (rows) => table.rows(rows.map(exportCells)));
    await table.end();
    return count;
  }

  /** The roster an export may read (audited), the download's name handed to `onStart` before the first byte. */
  private async exportable(
    actor: Actor,
    associationId: string,
    context: AuditContext,
    format: TableFormat,
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
}
