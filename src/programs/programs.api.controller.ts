import { contentDisposition } from '../common/format/file-name';
import { CurrentCaller, type Caller } from '../audit/caller';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  PipeTransform,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { validateBody } from '../common/validation.pipe';
import { ActivitiesService } from './activities.service';
import { BeneficiariesService } from './beneficiaries.service';
import { BenefitsService } from './benefits.service';
import {
  ActivityAttendanceDto,
  ActivityDto,
  AttendanceMarkDto,
  BeneficiaryDto,
  BeneficiaryQueryDto,
  BenefitDto,
  EnrolmentDto,
  ProgramConsentDto,
  ProgramDto,
  ProgramOfficerDto,
  ReportQueryDto,
} from './dto/programs.dto';
import { PortfolioService } from './portfolio.service';
import { ProgramFilesService, type TableDownload } from './program-files.service';
import { ProgramReportService } from './program-report.service';
import { ProgramConsentService } from './program-consent.service';
import { ProgramsService } from './programs.service';

/** `.csv` or `.xlsx`; any other extension is a path that does not exist. */
class TableFormatPipe implements PipeTransform<string, 'csv' | 'xlsx'> {
  transform(value: string): 'csv' | 'xlsx' {
    if (value === 'csv' || value === 'xlsx') return value;
    throw new NotFoundException();
  }
}

/** Programs and beneficiaries (API.md phase 2; DOMAIN.md §7, DOM-PRG-1 to 7). */
@ApiTags('programas')
@ApiBearerAuth()
@Controller('api/v1')
export class ProgramsApiController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly consent: ProgramConsentService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly benefits: BenefitsService,
    private readonly activities: ActivitiesService,
    private readonly portfolios: PortfolioService,
    private readonly files: ProgramFilesService,
    private readonly reports: ProgramReportService,
  ) {}

  @Post('programs')
  @ApiOperation({
    summary:
      'Crea un programa (administración) con su institución ejecutora, territorio, presupuesto y líneas (DOM-PRG-1)',
  })
  create(@Body() dto: ProgramDto, @CurrentCaller() who: Caller) {
    return this.programs.create(who.actor, dto, who.audit);
  }

  @Get('programs')
  @ApiOperation({ summary: 'Los programas del usuario (todos para la administración)' })
  async list(@CurrentActor() actor: Actor) {
    return { items: await this.programs.list(actor) };
  }

  @Get('programs/:id')
  @ApiOperation({ summary: 'Un programa con lo entregado contra su presupuesto' })
  get(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.programs.get(who.actor, id, who.audit);
  }

  @Get('programs/:id/officers')
  @ApiOperation({ summary: 'Los ejecutivos del programa (rol program_officer del programa)' })
  async officers(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return { items: await this.programs.officers(who.actor, id, who.audit) };
  }

  @Post('programs/:id/officers')
  @ApiOperation({
    summary: 'La administración nombra un ejecutivo del programa por correo (se le invita si no tiene cuenta)',
  })
  addOfficer(@Param('id') id: string, @Body() dto: ProgramOfficerDto, @CurrentCaller() who: Caller) {
    return this.programs.addOfficer(who.actor, id, dto, who.audit);
  }

  @Post('programs/:id/associations')
  @ApiOperation({ summary: 'Inscribe una organización del territorio del programa (DOM-PRG-2); ya inscrita: 409' })
  enrol(@Param('id') id: string, @Body() dto: EnrolmentDto, @CurrentCaller() who: Caller) {
    return this.programs.enrol(who.actor, id, dto, who.audit);
  }

  @Post('associations/:id/program-consents')
  @ApiOperation({
    summary: 'La directiva comparte el registro de socios con un programa en que está inscrita (DOM-PRG-3)',
  })
  share(@Param('id') id: string, @Body() dto: ProgramConsentDto, @CurrentCaller() who: Caller) {
    return this.consent.share(who.actor, id, dto, who.audit);
  }

  @Delete('associations/:id/program-consents/:programId')
  @ApiOperation({ summary: 'Retira el consentimiento: el programa deja de ver los datos de los socios de inmediato' })
  withdraw(@Param('id') id: string, @Param('programId') programId: string, @CurrentCaller() who: Caller) {
    return this.consent.withdraw(who.actor, id, programId, who.audit);
  }

  @Get('associations/:id/program-consents')
  @ApiOperation({
    summary: 'Los programas en que la organización está inscrita y si comparte su registro con cada uno',
  })
  consents(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.consent.consentsOf(who.actor, id, who.audit);
  }

  @Post('programs/:id/beneficiaries')
  @ApiOperation({
    summary:
      'Una persona beneficiaria: directa con su consentimiento, o un socio (memberId) de una organización que compartió su registro; la misma persona dos veces: 409',
  })
  addBeneficiary(@Param('id') id: string, @Body() dto: BeneficiaryDto, @CurrentCaller() who: Caller) {
    return this.beneficiaries.add(who.actor, id, dto, who.audit);
  }

  @Get('programs/:id/beneficiaries')
  @ApiOperation({ summary: 'Las personas beneficiarias visibles (los socios de registros retirados solo se cuentan)' })
  listBeneficiaries(@Param('id') id: string, @Query() query: BeneficiaryQueryDto, @CurrentCaller() who: Caller) {
    return this.beneficiaries.list(who.actor, id, query, who.audit);
  }

  @Post('programs/:id/benefits')
  @ApiOperation({
    summary: 'Un beneficio entregado (DOM-PRG-4); sobre el presupuesto sin confirmación: 422 PROGRAM_BUDGET_EXCEEDED',
  })
  recordBenefit(@Param('id') id: string, @Body() dto: BenefitDto, @CurrentCaller() who: Caller) {
    return this.benefits.record(who.actor, id, dto, who.audit);
  }

  @Get('programs/:id/benefits')
  @ApiOperation({ summary: 'Los beneficios entregados del programa' })
  async listBenefits(@Param('id') id: string, @CurrentCaller() who: Caller) {
    await this.programs.load(who.actor, id, who.audit);
    return { items: await this.benefits.list(id) };
  }

  @Post('programs/:id/activities')
  @ApiOperation({
    summary: 'Una actividad (capacitación, feria, visita) con fecha y hora local, lugar y línea (DOM-PRG-5)',
  })
  createActivity(@Param('id') id: string, @Body() dto: ActivityDto, @CurrentCaller() who: Caller) {
    return this.activities.create(who.actor, id, dto, who.audit);
  }

  @Get('programs/:id/activities')
  @ApiOperation({ summary: 'Las actividades del programa con su asistencia' })
  async listActivities(@Param('id') id: string, @CurrentCaller() who: Caller) {
    await this.programs.load(who.actor, id, who.audit);
    return { items: await this.activities.list(id) };
  }

  @Get('program-activities/:id')
  @ApiOperation({ summary: 'Una actividad con la marca de cada persona beneficiaria' })
  activity(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.activities.get(who.actor, id, who.audit);
  }

  @Put('program-activities/:id/attendance')
  @ApiOperation({
    summary: 'La asistencia: [{ beneficiaryId, status }] (present, excused, absent), desde la hora de inicio',
  })
  @ApiBody({ type: [AttendanceMarkDto] })
  async attendance(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller) {
    const dto = await validateBody(ActivityAttendanceDto, Array.isArray(body) ? { marks: body } : body);
    return this.activities.setAttendance(who.actor, id, dto.marks, who.audit);
  }

  @Get('programs/:id/portfolio')
  @ApiOperation({
    summary:
      'La cartera (DOM-PRG-6): por organización, cumplimiento de reuniones, actas, compromisos, socios y directiva',
  })
  portfolio(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.portfolios.portfolio(who.actor, id, who.audit);
  }

  @Get('programs/:id/beneficiaries.:format')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Las personas beneficiarias visibles como CSV o XLSX (el formato de la importación)' })
  async beneficiariesFile(
    @Param('id') id: string,
    @Param('format', TableFormatPipe) format: 'csv' | 'xlsx',
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    send(res, await this.files.exportBeneficiaries(who.actor, id, format, who.audit));
  }

  @Get('programs/:id/benefits.:format')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Los beneficios entregados como CSV o XLSX' })
  async benefitsFile(
    @Param('id') id: string,
    @Param('format', TableFormatPipe) format: 'csv' | 'xlsx',
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    send(res, await this.files.exportBenefits(who.actor, id, format, who.audit));
  }

  @Get('programs/:id/portfolio.:format')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'La cartera como CSV o XLSX' })
  async portfolioFile(
    @Param('id') id: string,
    @Param('format', TableFormatPipe) format: 'csv' | 'xlsx',
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    send(res, await this.files.exportPortfolio(who.actor, id, format, who.audit));
  }

  @Get('program-beneficiaries/template.:format')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'La plantilla de importación de personas beneficiarias (columnas en español)' })
  async template(@Param('format', TableFormatPipe) format: 'csv' | 'xlsx', @Res() res: Response) {
    send(res, await this.files.template(format));
  }

  @Post('programs/:id/beneficiaries/import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiBody({
    description:
      'El archivo (CSV o XLSX) es el cuerpo; ?consentTextVersion= registra el consentimiento de cada persona',
  })
  @ApiOperation({
    summary: 'Importa personas beneficiarias: todo o nada; con errores, 422 IMPORT_INVALID con cada línea',
  })
  importBeneficiaries(
    @Param('id') id: string,
    @Query('consentTextVersion') consentTextVersion: string | undefined,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    const format = req.is('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') ? 'xlsx' : 'csv';
    const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    return this.files.importBeneficiaries(
      actor,
      id,
      { content, format },
      consentTextVersion,
      auditContextFrom(req, actor),
    );
  }

  @Get('programs/:id/associations/:associationId/report.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'La cuenta anual de una organización inscrita (DOM-PRG-7), PDF con código de verificación' })
  async report(
    @Param('id') id: string,
    @Param('associationId') associationId: string,
    @Query() query: ReportQueryDto,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    const report = await this.reports.report(who.actor, id, associationId, query.year, who.audit);
    res.setHeader('X-Verification-Code', report.verificationCode);
    send(res, { filename: report.filename, contentType: 'application/pdf', content: report.content });
  }
}

/** A generated file as an attachment, never cached (personal data). */
function send(res: Response, file: TableDownload): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', contentDisposition(file.filename));
  res.setHeader('Cache-Control', 'no-store');
  res.send(file.content);
}
