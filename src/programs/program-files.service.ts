import { downloadName } from '../common/format/file-name';
import { translate } from '../common/i18n/i18n';
import { localDate } from '../common/format/dates';
import { Clock } from '../common/clock';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { TABLE_CONTENT_TYPES, type TableFormat, writeTableFile } from '../common/format/table-file';
import { BeneficiariesService } from './beneficiaries.service';
import { SEX_OUT, TEMPLATE_HEADER } from './beneficiary-columns';
import { BeneficiaryImportService } from './beneficiary-import.service';
import { BenefitsService } from './benefits.service';
import { PortfolioService } from './portfolio.service';
import { ProgramsService } from './programs.service';

export interface TableDownload {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * The program's files (issue 17 item 7 and DOM-PRG-2): beneficiaries, benefits and the portfolio as CSV and XLSX
 * (formula-looking cells protected), and the beneficiaries' template; their import is BeneficiaryImportService's.
 */
@Injectable()
export class ProgramFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly benefits: BenefitsService,
    private readonly portfolios: PortfolioService,
    private readonly imports: BeneficiaryImportService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
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
      downloadName('plantilla-beneficiarios', null, null, format),
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
    return this.programFile(program, format, 'beneficiarios', 'Beneficiarios', header, rows);
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
      translate('es', `programs.benefitKinds.${b.kind}`),
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
    return this.programFile(program, format, 'beneficios', 'Beneficios', header, rows);
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
    return this.programFile(program, format, 'cartera', 'Cartera', header, rows);
  }

  /** The beneficiaries' import, all or nothing (BeneficiaryImportService; the API's route reaches it here). */
  importBeneficiaries(
    ...args: Parameters<BeneficiaryImportService['importBeneficiaries']>
  ): Promise<{ imported: number }> {
    return this.imports.importBeneficiaries(...args);
  }

  /** A file of the program, named after it and today's date in its time zone. */
  private async programFile(
    program: { name: string; timeZone: string },
    format: TableFormat,
    name: string,
    sheet: string,
    header: string[],
    rows: (string | number | null)[][],
  ): Promise<TableDownload> {
    return download(
      format,
      downloadName(name, localDate(this.clock.now(), program.timeZone), program.name, format),
      await writeTableFile(format, sheet, header, rows),
    );
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

function download(format: TableFormat, name: string, content: Buffer): TableDownload {
  return { filename: name, contentType: TABLE_CONTENT_TYPES[format], content };
}
