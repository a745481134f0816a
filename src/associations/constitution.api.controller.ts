import { contentDisposition } from '../common/format/file-name';
import { CurrentCaller, type Caller } from '../audit/caller';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { AllowRoles, CurrentActor } from '../common/access/decorators';
import { ConstitutionAssemblyService } from './constitution-assembly.service';
import { ConstitutionCertificationService } from './constitution-certification.service';
import { ConstitutionDepositService } from './constitution-deposit.service';
import { ConstitutionDocumentsService } from './constitution-documents.service';
import { ConstitutionRequestService } from './constitution-request.service';
import { ConstitutionService } from './constitution.service';
import { ConstitutionStatutesService } from './constitution-statutes.service';
import { BoardsService } from './boards.service';
import {
  AssemblyDto,
  BoardTermDto,
  CertifyDto,
  ConstitutionRequestDto,
  CorrectionDto,
  DepositDto,
  FaithMinisterDto,
  ObjectionDto,
} from './dto/constitution.dto';

/** The constitution before the faith minister (API.md): request, assignment, assembly, certification, documents. */
@ApiTags('constitución')
@ApiBearerAuth()
@Controller('api/v1/associations/:id')
export class ConstitutionApiController {
  constructor(
    private readonly constitution: ConstitutionService,
    private readonly requests: ConstitutionRequestService,
    private readonly assembly: ConstitutionAssemblyService,
    private readonly certification: ConstitutionCertificationService,
    private readonly deposits: ConstitutionDepositService,
    private readonly constitutionDocuments: ConstitutionDocumentsService,
    private readonly boards: BoardsService,
    private readonly statutes: ConstitutionStatutesService,
  ) {}

  @Put('constitution/statutes')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['statutes'],
      properties: { statutes: { type: 'string', format: 'binary', description: 'PDF de hasta 10 MB' } },
    },
  })
  @ApiOperation({
    summary:
      'Adjunta o reemplaza los estatutos en PDF (campo multipart `statutes`, hasta 10 MB) hasta la certificación; después 422 ALREADY_CERTIFIED',
  })
  uploadStatutes(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    const upload = req as Request & { file?: { originalname: string; buffer: Buffer }; uploadError?: string };
    return this.statutes.upload(actor, id, upload.file ?? null, auditContextFrom(req, actor), upload.uploadError);
  }

  @Get('constitution/statutes')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Los estatutos en PDF, como se adjuntaron (y se emitieron con el certificado)' })
  async statutesPdf(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response) {
    const file = await this.statutes.download(who.actor, id, who.audit);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.send(file.content);
  }

  @Get('constitution')
  @ApiOperation({
    summary:
      'La constitución de una organización: solicitud, ministro de fe, asamblea, directorio provisorio, certificación',
  })
  get(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.constitution.get(who.actor, id, who.audit);
  }

  @Post('constitution/request')
  @HttpCode(200)
  @ApiOperation({ summary: 'La directiva pide un ministro de fe para una fecha, hora y lugar' })
  request(@Param('id') id: string, @Body() dto: ConstitutionRequestDto, @CurrentCaller() who: Caller) {
    return this.requests.request(who.actor, id, dto, who.audit);
  }

  @Put('constitution/faith-minister')
  @ApiOperation({ summary: 'La municipalidad asigna un ministro de fe de la comuna (DOM-ORG-2)' })
  assign(@Param('id') id: string, @Body() dto: FaithMinisterDto, @CurrentCaller() who: Caller) {
    return this.requests.assignFaithMinister(who.actor, id, dto.faithMinisterUserId, who.audit);
  }

  @Post('constitution')
  @ApiOperation({
    summary:
      'Registrar la asamblea constitutiva realizada: fundadores, estatutos, directorio provisorio (DOM-ORG-3, -4, -5); queda por certificar',
  })
  record(@Param('id') id: string, @Body() dto: AssemblyDto, @CurrentCaller() who: Caller) {
    return this.assembly.recordAssembly(who.actor, id, dto, who.audit);
  }

  @Post('constitution/certify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'El ministro de fe asignado certifica: emite el acta constitutiva y el certificado (DOM-ORG-7)',
  })
  certify(@Param('id') id: string, @Body() dto: CertifyDto, @CurrentCaller() who: Caller) {
    return this.certification.certify(who.actor, id, dto, who.audit);
  }

  @Get('constitution/acta.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'El acta constitutiva en PDF' })
  acta(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    return this.send('acta', id, actor, req, res);
  }

  @Get('constitution/certificate.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'El certificado de constitución en PDF' })
  certificate(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    return this.send('certificate', id, actor, req, res);
  }

  @Post('deposit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'La municipalidad registra el depósito del acta (dentro de 30 días de la asamblea): la organización queda vigente (DOM-ORG-6)',
  })
  deposit(@Param('id') id: string, @Body() dto: DepositDto, @CurrentCaller() who: Caller) {
    return this.deposits.deposit(who.actor, id, dto, who.audit);
  }

  @Post('objection')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'La municipalidad objeta dentro de 30 días del depósito; la organización tiene 90 días para subsanar (DOM-ORG-6)',
  })
  objection(@Param('id') id: string, @Body() dto: ObjectionDto, @CurrentCaller() who: Caller) {
    return this.deposits.object(who.actor, id, dto, who.audit);
  }

  @Post('objection/correction')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'La municipalidad registra que la organización subsanó las observaciones dentro de 90 días: vuelve a estar vigente (DOM-ORG-6)',
  })
  correction(@Param('id') id: string, @Body() dto: CorrectionDto, @CurrentCaller() who: Caller) {
    return this.deposits.correct(who.actor, id, dto, who.audit);
  }

  @Get('board-terms')
  @ApiOperation({ summary: 'Los períodos del directorio, del más reciente al más antiguo, con sus cargos' })
  terms(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.boards.list(who.actor, id, who.audit);
  }

  @Post('board-terms')
  @ApiOperation({
    summary:
      'Registrar un directorio: provisorio (60 días) o definitivo (3 años), con presidente, secretario, tesorero y suplentes (DOM-ORG-8)',
  })
  recordTerm(@Param('id') id: string, @Body() dto: BoardTermDto, @CurrentCaller() who: Caller) {
    return this.boards.record(who.actor, id, dto, who.audit);
  }

  private async send(
    which: 'acta' | 'certificate',
    id: string,
    actor: Actor,
    req: Request,
    res: Response,
  ): Promise<void> {
    const doc = await this.constitutionDocuments.document(actor, id, which, auditContextFrom(req, actor));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(doc.filename));
    res.end(doc.content);
  }
}

/** The faith minister's assigned assemblies (the dashboard's data). */
@ApiTags('constitución')
@ApiBearerAuth()
@Controller('api/v1/faith-minister')
export class FaithMinisterApiController {
  constructor(private readonly constitution: ConstitutionService) {}

  @Get('assemblies')
  @AllowRoles('faith_minister')
  @ApiOperation({
    summary:
      'Las asambleas constitutivas asignadas al ministro de fe que consulta: por certificar primero, las más próximas primero',
  })
  assemblies(@CurrentActor() actor: Actor) {
    return this.constitution.assignments(actor);
  }
}
