import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { DomainException } from '../common/errors/domain.exception';
import {
  readTableFile,
  tableFileProblemText,
  type TableFileProblem,
  type TableFormat,
} from '../common/format/table-file';
import type { LocalizedText } from '../common/i18n/messages';
import { documentProblemText, parsePersonDocument } from '../common/format/identity';
import { foldForSearch } from '../common/text';
import { validateBody } from '../common/validation.pipe';
import { TerritoryService } from '../territory/territory.service';
import { BeneficiariesService } from './beneficiaries.service';
import { COLUMNS, EXPORT_ONLY, SEX_IN, TEMPLATE_HEADER } from './beneficiary-columns';
import { BeneficiaryDto } from './dto/programs.dto';
import type { Program } from './entities/program.entity';
import { touchProgram } from './program-access';
import { programTexts as T } from './programs.messages';
import { ProgramsService } from './programs.service';
import { ImportRefusedException, type LineProblem } from '../common/errors/import-refused';

export const MAX_BENEFICIARY_ROWS = 10_000;

/** A refused import of a program's beneficiaries (API.md `IMPORT_INVALID`), nothing written. */
export class BeneficiaryImportException extends ImportRefusedException {
  constructor(lines: LineProblem[]) {
    super(lines, { refused: T.importRefused, line: T.importLine });
  }
}

/**
 * The beneficiaries' import (DOM-PRG-2): a CSV or XLSX file, all or nothing with each problem's line, Spanish column
 * names.
 */
@Injectable()
export class BeneficiaryImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly territory: TerritoryService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Imports beneficiaries from a file, all or nothing (DOM-PRG-2): every row is checked first and every problem
   * reported with its line; then all rows are written in one transaction, each with the consent the officer
   * recorded for the file (`consentTextVersion`, DOM-PRG-3).
   */
  async importBeneficiaries(
    actor: Actor,
    programId: string,
    file: { content: Buffer; format: TableFormat },
    consentTextVersion: string | undefined,
    context: AuditContext,
  ): Promise<{ imported: number }> {
    const program = await this.programs.load(actor, programId, context);
    if (!consentTextVersion?.trim())
      throw new BeneficiaryImportException([
        {
          line: 1,
          field: 'consentTextVersion',
          message: T.importConsentRequired(),
        },
      ]);
    const read = await readTableFile(file.content, file.format, MAX_BENEFICIARY_ROWS);
    if ('problem' in read)
      throw new BeneficiaryImportException([{ line: read.line, field: null, message: fileProblem(read.problem) }]);
    const [header, ...data] = read.rows;
    const errors: LineProblem[] = [];
    const columns = header.cells.map((h) => columnOf(h));
    header.cells.forEach((h, i) => {
      if (columns[i] === undefined)
        errors.push({
          line: header.line,
          field: h,
          message: T.importColumnUnknown({ column: h, columns: TEMPLATE_HEADER.join(', ') }),
        });
    });
    for (const required of ['fullName', 'businessName', 'businessCategory', 'communeCode', 'enrolledOn'] as const)
      if (!columns.includes(required))
        errors.push({
          line: header.line,
          field: required,
          message: T.importColumnMissing({ column: COLUMNS[required][0] }),
        });
    if (!columns.includes('rut') && !columns.includes('dni'))
      errors.push({ line: header.line, field: 'rut', message: T.importDocumentColumnMissing() });
    if (errors.length) throw new BeneficiaryImportException(errors);
    if (!data.length) throw new BeneficiaryImportException([{ line: 2, field: null, message: fileProblem('empty') }]);
    const communes = await this.communesOf(program);
    const dtos: { line: number; dto: BeneficiaryDto }[] = [];
    for (const row of data) {
      const values: Record<string, string> = {};
      columns.forEach((c, i) => {
        if (c && c !== 'ignored' && row.cells[i] !== undefined && row.cells[i] !== '') values[c] = row.cells[i];
      });
      const sex = SEX_IN[foldForSearch(values.ownerSex ?? '')];
      if (sex === undefined)
        errors.push({
          line: row.line,
          field: 'ownerSex',
          message: T.importSexInvalid({ value: String(values.ownerSex) }),
        });
      const commune = values.communeCode
        ? (communes.get(values.communeCode) ?? communes.get(foldForSearch(values.communeCode)))
        : undefined;
      if (values.communeCode && !commune)
        errors.push({
          line: row.line,
          field: 'communeCode',
          message: T.importCommuneOutside({ value: values.communeCode }),
        });
      const before = errors.length;
      for (const field of ['fullName', 'businessName', 'businessCategory', 'communeCode', 'enrolledOn'] as const)
        if (!values[field])
          errors.push({ line: row.line, field, message: T.importCellMissing({ column: COLUMNS[field][0] }) });
      const documentType = values.dni && !values.rut ? 'dni' : 'rut';
      const document = values[documentType];
      if (!document) errors.push({ line: row.line, field: 'rut', message: T.importDocumentMissing() });
      else {
        const parsed = parsePersonDocument(documentType, document);
        if (!parsed.ok)
          errors.push({
            line: row.line,
            field: documentType,
            message: documentProblemText(documentType, documentType, parsed.reason),
          });
      }
      try {
        const dto = await validateBody(BeneficiaryDto, {
          ...values,
          ownerSex: sex ?? 'undisclosed',
          communeCode: commune,
          birthDate: values.birthDate ? isoDate(values.birthDate) : undefined,
          enrolledOn: values.enrolledOn ? isoDate(values.enrolledOn) : undefined,
          consentTextVersion,
        });
        if (errors.length === before) dtos.push({ line: row.line, dto });
      } catch (err) {
        if (!(err instanceof DomainException)) throw err;
        const named = new Set(errors.slice(before).map((e) => e.field));
        for (const e of err.errors)
          if (!named.has(e.field)) errors.push({ line: row.line, field: e.field, message: e.text ?? e.message });
      }
      if (errors.length >= 200) break;
    }
    if (errors.length) throw new BeneficiaryImportException(errors);
    const people = new Map<string, number>();
    for (const { line, dto } of dtos) {
      const key = `${dto.rut ?? ''}|${dto.dni ?? ''}`.replace(/[.\s-]/g, '').toUpperCase();
      const first = people.get(key);
      if (first)
        errors.push({
          line,
          field: dto.rut ? 'rut' : 'dni',
          message: T.importSamePerson({ first }),
        });
      else people.set(key, line);
    }
    if (errors.length) throw new BeneficiaryImportException(errors);
    await this.dataSource.transaction(async (em) => {
      await touchProgram(program.id, em);
      for (const { line, dto } of dtos) {
        try {
          await this.beneficiaries.insert(actor, program, dto, 'import', context, em);
        } catch (err) {
          if (!(err instanceof DomainException) || err.status >= 500) throw err;
          const fields = err.errors.length ? err.errors : [{ field: null, message: err.detail, text: err.text }];
          throw new BeneficiaryImportException(
            fields.map((e) => ({ line, field: e.field, message: e.text ?? e.message })),
          );
        }
      }
      await this.audit.record(
        context,
        {
          action: 'program.beneficiaries_imported',
          objectType: 'program',
          objectId: program.id,
          scopeType: 'program',
          scopeId: program.id,
          details: { rows: dtos.length, format: file.format },
        },
        em,
      );
    });
    return { imported: dtos.length };
  }

  /** Commune codes and folded names of the program's territory. */
  private async communesOf(program: Program): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const list = program.regionCode ? await this.territory.listCommunes({ regionCode: program.regionCode }) : [];
    for (const c of list) {
      out.set(c.code, c.code);
      out.set(foldForSearch(c.name), c.code);
    }
    for (const code of program.communeCodes) {
      const m = await this.territory.municipalityContext(code);
      out.set(code, code);
      if (m) out.set(foldForSearch(m.communeName), code);
    }
    return out;
  }
}

/** Why a file could not be read at all, in both languages (an empty file in the module's words). */
function fileProblem(problem: TableFileProblem['problem']): LocalizedText {
  return problem === 'empty' ? T.importFileEmpty() : tableFileProblemText(problem, MAX_BENEFICIARY_ROWS);
}

function columnOf(header: string): keyof typeof COLUMNS | 'ignored' | undefined {
  const key = foldForSearch(header).replace(/\s+/g, ' ').trim();
  if (EXPORT_ONLY.includes(key)) return 'ignored';
  for (const [column, names] of Object.entries(COLUMNS))
    if ((names as readonly string[]).includes(key)) return column as keyof typeof COLUMNS;
  return undefined;
}

/** dd-mm-yyyy (as people write dates, DOM-FMT-1) or yyyy-mm-dd. */
function isoDate(value: string): string {
  const m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(value.trim());
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : value.trim();
}
