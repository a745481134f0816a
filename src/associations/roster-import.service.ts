import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type ExcelJS from 'exceljs';
import { streamWorkbook } from '../common/format/excel';
import { cellText } from '../common/format/table-file';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/errors/domain.exception';
import type { PersonDocumentType } from '../common/format/identity';
import { foldForSearch } from '../common/text';
import type { Person } from '../people/entities/person.entity';
import { PersonRegistry } from '../people/person-registry.service';
import type { MunicipalityContext } from '../territory/territory.service';
import { AssociationAccess } from './association-access';
import { AssociationException, RosterImportException } from './associations.exception';
import { AssociationsRepository } from './associations.repository';
import { AssociationsService } from './associations.service';
import type { Association } from './entities/association.entity';
import type { MembershipEvent } from './entities/membership-event.entity';
import { associationTexts as T } from './associations.messages';
import {
  lineError,
  MAX_ROSTER_ROWS,
  parseRosterCsv,
  ParsedRoster,
  RosterFileError,
  RosterRow,
  RosterRowContext,
  validateRosterTable,
} from './roster-file';
import { assertOpen, refreshMinimum, uniqueViolation, UUID } from './roster-rules';
import { RosterRepository } from './roster.repository';

export interface ImportPreviewRow {
  line: number;
  fullName: string;
  document: string;
  businessName: string;
  joinedOn: string;
  errors: string[];
}

export interface ImportPreview {
  importId: string;
  filename: string;
  total: number;
  /** Former members (status ended) of an exported roster: not imported. */
  skipped: number;
  valid: number;
  rows: ImportPreviewRow[];
  fileErrors: RosterFileError[];
}

const IMPORT_KEEP_MS = 24 * 3_600_000;
const BLANK_ROW = { fullName: '', document: '', businessName: '' };

/**
 * The roster import (CSV or XLSX, the format of an export): all or nothing. The API imports a file at once; the
 * HTML page keeps the upload for a day, previews every row with its errors, then confirms. Each file is checked
 * row by row (roster-file.ts) and against the stored roster and the person registry (DOM-RUT-3, DOM-ORG-12).
 */
@Injectable()
export class RosterImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AssociationsRepository,
    private readonly roster: RosterRepository,
    private readonly persons: PersonRegistry,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async parseFile(
    association: Association,
    municipality: MunicipalityContext,
    content: Buffer,
    format: 'csv' | 'xlsx',
  ): Promise<ParsedRoster> {
    const ctx: RosterRowContext = {
      documentType: municipality.settings.identity.person,
      kind: association.kind,
      settings: municipality.settings,
      today: this.associations.today(municipality),
    };
    if (format === 'csv') return parseRosterCsv(content, ctx);
    // Read as a stream, stopping past the row limit: a workbook is never held whole in memory (a 6 MB file
    // of 200,000 rows would take about 1 GB loaded at once).
    const table: { line: number; cells: string[] }[] = [];
    let sheets = 0;
    try {
      const reader = await streamWorkbook(content);
      for await (const sheet of reader) {
        sheets++;
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
          const cells = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText); // empty cells are holes: Array.from fills them
          while (cells.length && cells[cells.length - 1] === '') cells.pop();
          if (cells.length) table.push({ line: row.number, cells });
          if (table.length > MAX_ROSTER_ROWS + 1) break;
        }
        break; // the first sheet is the roster
      }
    } catch {
      return {
        rows: [],
        total: 0,
        errors: [lineError(1, null, T.xlsxInvalid())],
      };
    }
    if (!sheets) return { rows: [], total: 0, errors: [lineError(1, null, T.xlsxNoSheets())] };
    // Trailing empty cells are not columns; short rows are padded to the header's width.
    const width = table[0]?.cells.length ?? 0;
    for (const r of table) while (r.cells.length < width) r.cells.push('');
    return validateRosterTable(table, ctx);
  }

  /** Checks against the stored roster (already a member here, another JJVV, a RUT under another name). */
  private async crossCheck(
    association: Association,
    documentType: PersonDocumentType,
    rows: RosterRow[],
    em: EntityManager,
  ): Promise<{ errors: RosterFileError[]; people: Map<string, Person> }> {
    const people = new Map(
      (
        await this.persons.findByDocuments(
          documentType,
          rows.map((r) => r.document),
          em,
        )
      ).map((p) => [p.documentNumber as string, p]),
    );
    const { here, otherCouncil } = await this.roster.rosterConflicts(
      association.id,
      [...people.values()].map((p) => p.id),
      em,
    );
    const errors: RosterFileError[] = [];
    const label = documentType.toUpperCase();
    for (const row of rows) {
      const person = people.get(row.document);
      if (!person) continue;
      if (here.has(person.id)) errors.push(lineError(row.line, documentType, T.alreadyMember({ document: label })));
      else if (association.kind === 'neighbourhood_council' && otherCouncil.has(person.id))
        errors.push(lineError(row.line, documentType, T.otherCouncilImport()));
      else if (
        foldForSearch(person.fullName) !== foldForSearch(row.fullName) ||
        (person.birthDate && person.birthDate !== row.birthDate)
      ) {
        errors.push(lineError(row.line, documentType, T.identityMismatchImport({ document: label })));
      }
    }
    return { errors, people };
  }

  /** API import: all or nothing (API.md); any bad row refuses the whole file with every error and its line. */
  async importFile(
    actor: Actor,
    associationId: string,
    content: unknown,
    format: 'csv' | 'xlsx',
    context: AuditContext,
    filename = 'socios.csv',
    keptImportId?: string,
  ): Promise<{ imported: number; skipped?: number }> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    if (!Buffer.isBuffer(content))
      throw new ValidationFailedException([AssociationException.fieldError('body', T.importSendCsv())]);
    assertOpen(association);
    const municipality = await this.associations.municipality(association.communeCode);
    const parsed = await this.parseFile(association, municipality, content, format);
    if (parsed.errors.length) {
      // Every problem at once: the well-formed rows are checked against the roster as well.
      const cross = parsed.rows.length
        ? (
            await this.crossCheck(
              association,
              municipality.settings.identity.person,
              parsed.rows,
              this.dataSource.manager,
            )
          ).errors
        : [];
      throw new RosterImportException([...parsed.errors, ...cross].sort((a, b) => a.line - b.line));
    }
    const documentType = municipality.settings.identity.person;
    const now = this.clock.now();
    const today = this.associations.today(municipality);
    return this.dataSource.transaction(async (em) => {
      await this.repo.lockAssociation(association.id, em);
      const { errors, people } = await this.crossCheck(association, documentType, parsed.rows, em);
      if (errors.length) throw new RosterImportException(errors.sort((a, b) => a.line - b.line));
      const fresh = parsed.rows.filter((r) => !people.has(r.document));
      const newIds = await this.persons.insertMany(
        fresh.map((r) => ({
          documentType,
          documentNumber: r.document,
          fullName: r.fullName,
          nameKey: foldForSearch(r.fullName),
          birthDate: r.birthDate,
          email: r.email,
          phone: r.phone,
          address: r.address,
        })),
        em,
      );
      // Known people: an import fills contact fields they lack, never overwrites them (the form does).
      for (const row of parsed.rows) {
        const person = people.get(row.document);
        if (!person) continue;
        const fill: Partial<Person> = {};
        if (!person.email && row.email) fill.email = row.email;
        if (!person.phone && row.phone) fill.phone = row.phone;
        if (!person.address && row.address) fill.address = row.address;
        if (!person.birthDate) fill.birthDate = row.birthDate;
        if (Object.keys(fill).length) await this.persons.update(person.id, fill, em);
      }
      const membershipIds = await this.roster
        .insertMemberships(
          parsed.rows.map((r) => ({
            associationId: association.id,
            personId: people.get(r.document)?.id ?? (newIds.get(r.document) as string),
            neighbourhoodCouncil: association.kind === 'neighbourhood_council',
            status: 'active' as const,
            joinedOn: r.joinedOn,
            businessName: r.businessName,
            businessCategory: r.businessCategory,
          })),
          em,
        )
        .catch((err: unknown) => uniqueViolation(err, documentType));
      const events: Partial<MembershipEvent>[] = membershipIds.map((id, i) => ({
        membershipId: id,
        action: 'imported',
        effectiveOn: parsed.rows[i].joinedOn,
        at: now,
        byUserId: actor.id,
        byName: actor.name,
        reason: `Importado desde ${filename.slice(0, 150)}, línea ${parsed.rows[i].line}.`,
      }));
      await this.roster.insertEvents(events, em);
      await refreshMinimum(this.repo, association, municipality, today, em);
      // A kept file (HTML preview) is marked in the same transaction: a second confirmation imports nothing.
      if (keptImportId && !(await this.roster.markImported(keptImportId, now, em)))
        throw AssociationException.conflict('IMPORT_ALREADY_DONE', T.importAlreadyDone());
      await this.audit.record(
        context,
        {
          action: 'roster.imported',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'association',
          scopeId: association.id,
          details: { imported: membershipIds.length, format, filename: filename.slice(0, 150) },
        },
        em,
      );
      return { imported: membershipIds.length, ...(parsed.skipped ? { skipped: parsed.skipped } : {}) };
    });
  }

  /** HTML import, step 1: keeps the file and shows every row with its errors; nothing is imported yet. */
  async preview(
    actor: Actor,
    associationId: string,
    file: { content: Buffer; filename: string },
    context: AuditContext,
  ): Promise<ImportPreview> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    assertOpen(association);
    const format: 'csv' | 'xlsx' = file.content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
      ? 'xlsx'
      : 'csv';
    const saved = await this.roster.saveImport(
      {
        associationId: association.id,
        userId: actor.id,
        filename: file.filename.slice(0, 200) || 'socios',
        format,
        content: file.content,
      },
      new Date(this.clock.now().getTime() - IMPORT_KEEP_MS),
    );
    return this.previewOf(association, saved.id, saved.filename, file.content, format);
  }

  /** The preview of a kept file (to show it again). */
  async showPreview(
    actor: Actor,
    associationId: string,
    importId: string,
    context: AuditContext,
  ): Promise<ImportPreview> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    const saved = UUID.test(importId) ? await this.roster.findImport(importId, association.id) : null;
    if (!saved || saved.userId !== actor.id || saved.importedAt) throw AssociationException.notFound();
    return this.previewOf(association, saved.id, saved.filename, saved.content, saved.format);
  }

  private async previewOf(
    association: Association,
    importId: string,
    filename: string,
    content: Buffer,
    format: 'csv' | 'xlsx',
  ): Promise<ImportPreview> {
    const municipality = await this.associations.municipality(association.communeCode);
    const parsed = await this.parseFile(association, municipality, content, format);
    const documentType = municipality.settings.identity.person;
    // Rows that read well are checked against the roster too, so one upload shows every problem.
    const cross = !parsed.rows.length
      ? { errors: [] }
      : await this.crossCheck(association, documentType, parsed.rows, this.dataSource.manager);
    const all = [...parsed.errors, ...cross.errors];
    const byLine = new Map<number, string[]>();
    for (const e of all) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e.message]);
    const validLines = new Set(parsed.rows.map((r) => r.line));
    const rows: ImportPreviewRow[] = parsed.rows.map((r) => ({
      line: r.line,
      fullName: r.fullName,
      document: r.document,
      businessName: r.businessName ?? '',
      joinedOn: r.joinedOn,
      errors: byLine.get(r.line) ?? [],
    }));
    // Lines that did not become rows (bad cells) are listed with their errors too.
    for (const [line, messages] of byLine)
      if (!validLines.has(line))
        rows.push({ line, joinedOn: '', errors: messages, ...(parsed.typed?.[line] ?? BLANK_ROW) });
    rows.sort((a, b) => a.line - b.line);
    const fileErrors = all.filter((e) => e.field === null && !validLines.has(e.line));
    const skipped = parsed.skipped ?? 0;
    return {
      importId,
      filename,
      total: parsed.total - skipped,
      skipped,
      valid: parsed.rows.filter((r) => !byLine.has(r.line)).length,
      rows,
      fileErrors,
    };
  }

  /** HTML import, step 2: imports the kept file (validated again against the roster as it is now). */
  async confirm(
    actor: Actor,
    associationId: string,
    importId: string,
    context: AuditContext,
  ): Promise<{ imported: number; skipped?: number }> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    const saved = UUID.test(importId) ? await this.roster.findImport(importId, association.id) : null;
    if (!saved || saved.userId !== actor.id) throw AssociationException.notFound();
    if (saved.importedAt) throw AssociationException.conflict('IMPORT_ALREADY_DONE', T.importAlreadyDone());
    return this.importFile(actor, association.id, saved.content, saved.format, context, saved.filename, saved.id);
  }

  /** Deletes kept upload files (personal data) older than a day, whether confirmed or not. */
  purgeKeptImports(): Promise<number> {
    return this.roster.deleteImportsOlderThan(new Date(this.clock.now().getTime() - IMPORT_KEEP_MS));
  }
}
