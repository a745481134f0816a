import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { DomainException, type FieldError } from '../common/errors/domain.exception';
import { readTableFile, TABLE_CONTENT_TYPES, type TableFormat, writeTableFile } from '../common/format/table-file';
import type { Locale } from '../common/i18n/i18n';
import { documentProblem, parsePersonDocument } from '../common/format/identity';
import { foldForSearch } from '../common/text';
import { validateBody } from '../common/validation.pipe';
import { TerritoryService } from '../territory/territory.service';
import { BeneficiariesService } from './beneficiaries.service';
import { BenefitsService } from './benefits.service';
import { BeneficiaryDto } from './dto/programs.dto';
import type { Program } from './entities/program.entity';
import { PortfolioService } from './portfolio.service';
import { ProgramsService } from './programs.service';

export const MAX_BENEFICIARY_ROWS = 10_000;

/** The beneficiaries file's columns (import and export), Spanish first; the API's names are accepted too. */
const COLUMNS = {
  rut: ['rut'],
  dni: ['dni'],
  fullName: ['nombre', 'nombre completo', 'fullname'],
  birthDate: ['fecha de nacimiento', 'nacimiento', 'birthdate'],
  businessName: ['negocio', 'nombre del negocio', 'businessname'],
  businessCategory: ['rubro', 'categoria', 'businesscategory'],
  ownerSex: ['sexo', 'sexo de quien lo dirige', 'ownersex'],
  address: ['direccion', 'address'],
  communeCode: ['comuna', 'codigo comuna', 'communecode'],
  enrolledOn: ['fecha de inscripcion', 'inscripcion', 'enrolledon'],
} as const;
/** Columns of an export that an import reads past (so an export imports back as it is). */
const EXPORT_ONLY = ['organizacion', 'origen'];
const TEMPLATE_HEADER = [
  'rut',
  'nombre',
  'fecha de nacimiento',
  'negocio',
  'rubro',
  'sexo',
  'dirección',
  'comuna',
  'fecha de inscripción',
];
const SEX_OUT: Record<string, string> = {
  female: 'femenino',
  male: 'masculino',
  other: 'otro',
  undisclosed: 'no informa',
};
const SEX_IN: Record<string, string> = {
  femenino: 'female',
  mujer: 'female',
  f: 'female',
  female: 'female',
  masculino: 'male',
  hombre: 'male',
  m: 'male',
  male: 'male',
  otro: 'other',
  other: 'other',
  'no informa': 'undisclosed',
  'prefiere no decir': 'undisclosed',
  undisclosed: 'undisclosed',
  '': 'undisclosed',
};
const KIND_ES: Record<string, string> = {
  subsidy: 'Subsidio',
  training: 'Capacitación',
  technical_assistance: 'Asistencia técnica',
  equipment: 'Equipamiento',
  promotion: 'Promoción',
  other: 'Otro',
};

/** A line of a refused import (API.md `IMPORT_INVALID`: `errors: [{ line, field, message }]`). */
export class BeneficiaryImportException extends DomainException {
  constructor(readonly lines: { line: number; field: string | null; message: string }[]) {
    super(
      'IMPORT_INVALID',
      `El archivo no se importó: ${lines.length} ${lines.length === 1 ? 'problema' : 'problemas'}. Corrija cada línea indicada y vuelva a subirlo; no se guardó ninguna fila.`,
      422,
      BeneficiaryImportException.fieldErrors(lines),
    );
  }

  override errorsIn(_locale: Locale): FieldError[] {
    return BeneficiaryImportException.fieldErrors(this.lines);
  }

  /** API.md: `errors: [{ line, field, message }]`, the line also leading the message, for people. */
  private static fieldErrors(lines: { line: number; field: string | null; message: string }[]): FieldError[] {
    return lines.map((l) => ({
      line: l.line,
      field: l.field ?? 'file',
      message: `Línea ${l.line}: ${l.message}`,
    })) as FieldError[];
  }
}

export interface TableDownload {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * The program's files (issue 17 item 7 and DOM-PRG-2): beneficiaries, benefits and the portfolio as CSV and XLSX
 * (formula-looking cells protected), the beneficiaries' template, and their import, all or nothing with each
 * problem's line, Spanish column names.
 */
@Injectable()
export class ProgramFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly benefits: BenefitsService,
    private readonly portfolios: PortfolioService,
    private readonly territory: TerritoryService,
    private readonly audit: AuditService,
  ) {}

  async template(format: TableFormat): Promise<TableDownload> {
    const example = [
      '12.345.678-5',
      'María Pérez Soto',
      '1985-04-23',
      'Almacén Doña María',
      'Almacén',
      'femenino',
      'Prat 450',
      '04101',
      '2026-03-01',
    ];
    return download(
      format,
      'plantilla-beneficiarios',
      await writeTableFile(format, 'Beneficiarios', TEMPLATE_HEADER, [example]),
    );
  }

  /** The beneficiaries the officer may see (withdrawn rosters left out), audited as every read of them. */
  async exportBeneficiaries(
    actor: Actor,
    programId: string,
    format: TableFormat,
    context: AuditContext,
  ): Promise<TableDownload> {
    const program = await this.programs.load(actor, programId, context);
    const { items } = await this.beneficiaries.list(actor, programId, {}, context);
    await this.audited(context, programId, 'beneficiaries', format);
    const rows = items.map((b) => [
      b.rut ?? b.dni ?? '',
      b.fullName,
      b.birthDate,
      b.businessName,
      b.businessCategory,
      SEX_OUT[b.ownerSex],
      b.address,
      b.communeCode,
      b.enrolledOn,
      b.associationName,
      b.source === 'roster' ? 'registro de socios' : b.source === 'import' ? 'archivo' : 'directa',
    ]);
    const header = [...TEMPLATE_HEADER, 'organización', 'origen'];
    return download(
      format,
      `beneficiarios-${slug(program.name)}`,
      await writeTableFile(format, 'Beneficiarios', header, rows),
    );
  }

  async exportBenefits(
    actor: Actor,
    programId: string,
    format: TableFormat,
    context: AuditContext,
  ): Promise<TableDownload> {
    const program = await this.programs.load(actor, programId, context);
    await this.audited(context, programId, 'benefits', format);
    const rows = (await this.benefits.list(programId)).map((b) => [
      b.deliveredOn,
      b.recipientName,
      KIND_ES[b.kind],
      b.amountClp,
      b.line,
      b.description,
      b.overBudget ? 'Sí' : 'No',
    ]);
    const header = [
      'fecha',
      'quién lo recibe',
      'tipo',
      'monto (CLP)',
      'línea de acción',
      'descripción',
      'sobre el presupuesto',
    ];
    return download(
      format,
      `beneficios-${slug(program.name)}`,
      await writeTableFile(format, 'Beneficios', header, rows),
    );
  }

  async exportPortfolio(
    actor: Actor,
    programId: string,
    format: TableFormat,
    context: AuditContext,
  ): Promise<TableDownload> {
    const program = await this.programs.load(actor, programId, context);
    const portfolio = await this.portfolios.portfolio(actor, programId, context);
    const light = { green: 'verde', amber: 'amarillo', red: 'rojo' };
    const rows = portfolio.associations.map((a) => [
      a.name,
      a.communeName,
      light[a.light],
      a.meetingsHeld90d,
      a.meetingsPlanned90d,
      a.actasApproved,
      a.actasPending,
      a.commitmentsOverdue,
      a.membersActive,
      a.membersMinimum,
      a.boardInForce ? 'Sí' : 'No',
    ]);
    const header = [
      'organización',
      'comuna',
      'semáforo',
      'reuniones realizadas (90 días)',
      'reuniones planificadas (90 días)',
      'actas aprobadas',
      'actas pendientes',
      'compromisos vencidos',
      'socios activos',
      'mínimo legal',
      'directiva vigente',
    ];
    return download(format, `cartera-${slug(program.name)}`, await writeTableFile(format, 'Cartera', header, rows));
  }

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
          message: 'Registre el consentimiento de las personas del archivo (versión del texto que aceptaron).',
        },
      ]);
    const read = await readTableFile(file.content, file.format, MAX_BENEFICIARY_ROWS);
    if ('problem' in read)
      throw new BeneficiaryImportException([{ line: read.line, field: null, message: FILE_PROBLEMS[read.problem] }]);
    const [header, ...data] = read.rows;
    const errors: { line: number; field: string | null; message: string }[] = [];
    const columns = header.cells.map((h) => columnOf(h));
    header.cells.forEach((h, i) => {
      if (columns[i] === undefined)
        errors.push({
          line: header.line,
          field: h,
          message: `La columna «${h}» no es una de la plantilla: ${TEMPLATE_HEADER.join(', ')}.`,
        });
    });
    for (const required of ['fullName', 'businessName', 'businessCategory', 'communeCode', 'enrolledOn'] as const)
      if (!columns.includes(required))
        errors.push({ line: header.line, field: required, message: `Falta la columna «${COLUMNS[required][0]}».` });
    if (!columns.includes('rut') && !columns.includes('dni'))
      errors.push({ line: header.line, field: 'rut', message: 'Falta la columna «rut» (o «dni»).' });
    if (errors.length) throw new BeneficiaryImportException(errors);
    if (!data.length) throw new BeneficiaryImportException([{ line: 2, field: null, message: FILE_PROBLEMS.empty }]);
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
          message: `El sexo «${values.ownerSex}» no es válido: femenino, masculino, otro o no informa.`,
        });
      const commune = values.communeCode
        ? (communes.get(values.communeCode) ?? communes.get(foldForSearch(values.communeCode)))
        : undefined;
      if (values.communeCode && !commune)
        errors.push({
          line: row.line,
          field: 'communeCode',
          message: `La comuna «${values.communeCode}» no está en el territorio del programa.`,
        });
      const before = errors.length;
      for (const field of ['fullName', 'businessName', 'businessCategory', 'communeCode', 'enrolledOn'] as const)
        if (!values[field]) errors.push({ line: row.line, field, message: `Falta «${COLUMNS[field][0]}».` });
      const documentType = values.dni && !values.rut ? 'dni' : 'rut';
      const document = values[documentType];
      if (!document) errors.push({ line: row.line, field: 'rut', message: 'Falta el RUT (o el DNI).' });
      else {
        const parsed = parsePersonDocument(documentType, document);
        if (!parsed.ok)
          errors.push({
            line: row.line,
            field: documentType,
            message: documentProblem(documentType, documentType, parsed.reason),
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
          if (!named.has(e.field)) errors.push({ line: row.line, field: e.field, message: e.message });
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
          message: `La misma persona ya está en la línea ${first}.`,
        });
      else people.set(key, line);
    }
    if (errors.length) throw new BeneficiaryImportException(errors);
    await this.dataSource.transaction(async (em) => {
      for (const { line, dto } of dtos) {
        try {
          await this.beneficiaries.insert(actor, program, dto, 'import', context, em);
        } catch (err) {
          if (!(err instanceof DomainException) || err.status >= 500) throw err;
          const fields = err.errors.length ? err.errors : [{ field: null, message: err.detail }];
          throw new BeneficiaryImportException(fields.map((e) => ({ line, field: e.field, message: e.message })));
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

  private async audited(context: AuditContext, programId: string, what: string, format: TableFormat): Promise<void> {
    await this.audit.record(
      context,
      {
        action: 'program.exported',
        objectType: 'program',
        objectId: programId,
        scopeType: 'program',
        scopeId: programId,
        details: { what, format },
      },
      this.dataSource.manager,
    );
  }
}

const FILE_PROBLEMS: Record<string, string> = {
  empty: 'El archivo está vacío: use la plantilla y agregue una fila por persona.',
  not_utf8: 'El archivo no está en UTF-8: guárdelo como «CSV UTF-8» y vuelva a subirlo.',
  malformed_csv: 'El CSV está mal formado (comillas sin cerrar o columnas desalineadas).',
  xlsx_invalid: 'El archivo no es un XLSX que se pueda leer.',
  too_many_rows: `El archivo supera el máximo de ${MAX_BENEFICIARY_ROWS.toLocaleString('es-CL')} filas.`,
};

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

function slug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'programa'
  );
}

function download(format: TableFormat, name: string, content: Buffer): TableDownload {
  return { filename: `${name}.${format}`, contentType: TABLE_CONTENT_TYPES[format], content };
}
