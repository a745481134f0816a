import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { DomainException } from '../../common/errors/domain.exception';
import {
  readTableFile,
  writeTableFile,
  tableFileProblemText,
  type TableFileProblem,
  type TableFormat,
} from '../../common/format/table-file';
import type { LocalizedText } from '../../common/i18n/messages';
import { foldForSearch } from '../../common/text';
import {
  CALL_COLUMNS,
  CALL_HEADER,
  callColumnOf,
  callRow,
  categoryIn,
  kindIn,
  list,
  localIn,
  NO,
  SCOPE_IN,
  SEX_IN,
  TARGET_IN,
  YES,
  type CallColumn,
} from './fund-call-columns';
import { FundCallEditorService, type FundCallCreate, type PreparedCall } from './fund-call-editor.service';
import { FundCallDto } from './fund-calls.dto';
import { validateBody } from '../../common/validation.pipe';
import { REQUIREMENT_LABELS } from './fund-call-input';
import { fundTexts as T } from './funds.messages';
import { ImportRefusedException, type LineProblem } from '../../common/errors/import-refused';

export const MAX_CALL_ROWS = 2_000;
/** A refused import of fund calls (API.md `IMPORT_INVALID`), nothing written. */
export class FundCallImportException extends ImportRefusedException {
  constructor(lines: LineProblem[]) {
    super(lines, { refused: T.importRefused, line: T.importLine });
  }
}

/** Why a file could not be read at all, in both languages (an empty file in the module's words). */
function fileProblem(problem: TableFileProblem['problem']): LocalizedText {
  return problem === 'empty' ? T.importFileEmpty() : tableFileProblemText(problem, MAX_CALL_ROWS);
}

/** The template's one example row (it imports back as it is). */
const EXAMPLE = callRow({
  id: '',
  institution: { name: 'Ministerio Secretaría General de Gobierno' },
  name: 'Fondo de ejemplo (bórrelo)',
  year: 2027,
  scope: 'national',
  regionCodes: [],
  communeCodes: [],
  category: 'social',
  targetApplicant: 'organizations',
  associationKinds: null,
  amountMinClp: 1_000_000,
  amountMaxClp: 15_000_000,
  opensAt: '2027-04-01T09:00',
  closesAt: '2027-05-15T17:00',
  timeZone: 'America/Santiago',
  opensAtUtc: '',
  closesAtUtc: '',
  state: 'upcoming',
  url: 'https://fondos.gob.cl',
  requirements: {
    legalPersonalityInForce: true,
    boardInForce: true,
    minOrganizationAgeYears: 2,
    other: ['Carta Gantt'],
  },
  description: 'Una fila por fondo; las listas de una celda se separan con punto y coma.',
  ownerProgramId: null,
  ownerCommuneCode: null,
  version: 1,
});

/**
 * The fund calls' import (issue 18 item 1): a CSV (or XLSX) with the Spanish header of the template, all or nothing:
 * every row goes through the same rules and territory checks as a call created by hand, every problem is reported
 * with its line (the header is line 1), and the calls are written in one transaction.
 */
@Injectable()
export class FundCallImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editor: FundCallEditorService,
    private readonly audit: AuditService,
  ) {}

  async template(format: TableFormat): Promise<{ filename: string; contentType: string; content: Buffer }> {
    return {
      filename: `plantilla-fondos.${format}`,
      contentType:
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: await writeTableFile(format, 'Fondos', CALL_HEADER, [EXAMPLE]),
    };
  }

  async importCalls(
    actor: Actor,
    file: { content: Buffer; format: TableFormat },
    context: AuditContext,
  ): Promise<{ imported: number; ids: string[] }> {
    const read = await readTableFile(file.content, file.format, MAX_CALL_ROWS);
    if ('problem' in read)
      throw new FundCallImportException([{ line: read.line, field: null, message: fileProblem(read.problem) }]);
    const [header, ...data] = read.rows;
    const columns = header.cells.map((h) => callColumnOf(h));
    const problems: LineProblem[] = [];
    header.cells.forEach((h, i) => {
      if (!columns[i])
        problems.push({
          line: header.line,
          field: h,
          message: T.importColumnUnknown({ column: h, columns: CALL_HEADER.join(', ') }),
        });
    });
    for (const [column, label] of CALL_COLUMNS.slice(0, 13))
      if (
        !columns.includes(column) &&
        !['regionCodes', 'communeCodes', 'associationKinds', 'amountMinClp', 'amountMaxClp'].includes(column)
      )
        problems.push({ line: header.line, field: column, message: T.importColumnMissing({ column: label }) });
    if (problems.length) throw new FundCallImportException(problems);
    if (!data.length) throw new FundCallImportException([{ line: 2, field: null, message: fileProblem('empty') }]);

    const prepared: { line: number; call: PreparedCall }[] = [];
    const seen = new Map<string, number>();
    for (const row of data) {
      const cells: Partial<Record<CallColumn, string>> = {};
      columns.forEach((c, i) => {
        if (c) cells[c] = (row.cells[i] ?? '').trim();
      });
      const before = problems.length;
      const input = this.inputOf(cells, row.line, problems);
      const key = `${foldForSearch(input.institutionName ?? '')}|${input.name}|${input.year}`;
      const first = seen.get(key);
      if (first) problems.push({ line: row.line, field: 'name', message: T.importSameCall({ first }) });
      else seen.set(key, row.line);
      if (problems.length > before) continue;
      try {
        // the body's own rules (text that prints, lengths), as for a call created through the API
        await validateBody(FundCallDto, JSON.parse(JSON.stringify(input)));
      } catch (err) {
        if (!(err instanceof DomainException)) throw err;
        for (const e of err.errors) problems.push({ line: row.line, field: e.field, message: e.text ?? e.message });
        continue;
      }
      const result = await this.editor.prepare(actor, input, context);
      if (!result.ok)
        for (const e of result.errors) problems.push({ line: row.line, field: e.field, message: e.text ?? e.message });
      else prepared.push({ line: row.line, call: result.call });
      if (problems.length >= 200) break;
    }
    if (problems.length) throw new FundCallImportException(problems);
    const ids = await this.dataSource.transaction(async (em) => {
      const out: string[] = [];
      for (const { line, call } of prepared) {
        try {
          out.push(...(await this.editor.write(actor, [call], context, em)));
        } catch (err) {
          if (!(err instanceof DomainException) || err.status >= 500) throw err;
          const fields = err.errors.length ? err.errors : [{ field: null, message: err.detail, text: err.text }];
          throw new FundCallImportException(
            fields.map((e) => ({ line, field: e.field, message: e.text ?? e.message })),
          );
        }
      }
      await this.audit.record(
        context,
        {
          action: 'fund_call.imported',
          objectType: 'fund_call',
          objectId: out[0],
          scopeType: 'platform',
          details: { rows: out.length, format: file.format },
        },
        em,
      );
      return out;
    });
    return { imported: ids.length, ids };
  }

  /** A row's cells as a call to create; cells that are not of their kind are reported with the line. */
  private inputOf(cells: Partial<Record<CallColumn, string>>, line: number, problems: LineProblem[]): FundCallCreate {
    const number = (column: CallColumn, label: string): number | undefined => {
      const v = (cells[column] ?? '').replace(/^\$\s*/, '').replace(/\./g, '');
      if (!v) return undefined;
      if (!/^\d{1,13}$/.test(v)) {
        problems.push({ line, field: column, message: T.importNumber({ label }) });
        return undefined;
      }
      return Number(v);
    };
    const flag = (column: keyof typeof REQUIREMENT_LABELS): boolean | undefined => {
      const v = foldForSearch(cells[column as CallColumn] ?? '').trim();
      if (YES.includes(v)) return true;
      if (NO.includes(v)) return undefined;
      problems.push({
        line,
        field: column,
        message: T.importBoolean({ label: REQUIREMENT_LABELS[column] }),
      });
      return undefined;
    };
    const sexCell = foldForSearch(cells.ownerSex ?? '').trim();
    if (sexCell && !SEX_IN[sexCell]) problems.push({ line, field: 'ownerSex', message: T.importOwnerSex() });
    const requirements = {
      legalPersonalityInForce: flag('legalPersonalityInForce'),
      boardInForce: flag('boardInForce'),
      minOrganizationAgeYears: number('minOrganizationAgeYears', 'antigüedad mínima (años)'),
      noPendingExpenseReport: flag('noPendingExpenseReport'),
      organizationRut: flag('organizationRut'),
      publicFundsRegistry: flag('publicFundsRegistry'),
      ownerSex: SEX_IN[sexCell] as 'female' | undefined,
      minAgeYears: number('minAgeYears', 'edad mínima'),
      noActivityStart: flag('noActivityStart'),
      other: list(cells.other),
    };
    if (!cells.name) problems.push({ line, field: 'name', message: T.importNameMissing() });
    const year = number('year', 'año');
    if (year === undefined && !problems.some((p) => p.line === line && p.field === 'year'))
      problems.push({ line, field: 'year', message: T.importYearMissing() });
    return {
      institutionName: cells.institutionName || undefined,
      name: cells.name ?? '',
      year,
      scope: SCOPE_IN[foldForSearch(cells.scope ?? '').trim()] ?? cells.scope,
      regionCodes: list(cells.regionCodes).map((c) => (/^\d$/.test(c) ? `0${c}` : c)),
      communeCodes: list(cells.communeCodes).map((c) => (/^\d{4}$/.test(c) ? `0${c}` : c)),
      category: categoryIn(cells.category ?? ''),
      targetApplicant: TARGET_IN[foldForSearch(cells.targetApplicant ?? '').trim()] ?? cells.targetApplicant,
      associationKinds: list(cells.associationKinds).map(kindIn),
      amountMinClp: number('amountMinClp', 'monto mínimo') ?? null,
      amountMaxClp: number('amountMaxClp', 'monto máximo') ?? null,
      opensAt: localIn(cells.opensAt ?? ''),
      closesAt: localIn(cells.closesAt ?? ''),
      timeZone: cells.timeZone || undefined,
      url: cells.url || null,
      requirements: Object.fromEntries(Object.entries(requirements).filter(([, v]) => v !== undefined)),
      description: cells.description || null,
    };
  }
}
