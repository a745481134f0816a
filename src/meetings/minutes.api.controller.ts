import { contentDisposition } from '../common/format/file-name';
import { CurrentCaller, type Caller } from '../audit/caller';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MeetingException } from './meetings.exception';
import { meetingTexts } from './meetings.messages';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { CommitmentsService } from './commitments.service';
import { ApproveDto, CommitmentQueryDto, CommitmentUpdateDto, MinutesDto } from './dto/meetings.dto';
import { MinutesService } from './minutes.service';
import { MinutesDistribution } from './minutes-distribution.service';
import { MinutesChain } from './minutes-chain.service';
import { MeetingBodies } from './meeting-bodies';

/** Minutes (actas) and commitments (API.md; DOM-MTG-7 to -10). */
@ApiTags('actas')
@ApiBearerAuth()
@Controller('api/v1')
export class MinutesApiController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly distribution: MinutesDistribution,
    private readonly chains: MinutesChain,
    private readonly commitments: CommitmentsService,
    private readonly bodies: MeetingBodies,
  ) {}

  @Get('meetings/:id/minutes')
  @ApiOperation({
    summary: 'El acta de una reunión: borrador (para la directiva y el municipio) o aprobada (también para los socios)',
  })
  async get(@Param('id') id: string, @CurrentCaller() who: Caller) {
    const table = await this.bodies.forMeeting(id);
    if (table) return table.readMinutes(who.actor, id, who.audit);
    const {
      meeting: _m,
      association: _a,
      canEdit: _e,
      canApprove: _p,
      mayEditMeeting: _w,
      ...view
    } = await this.minutes.read(who.actor, id, who.audit);
    return view;
  }

  @Put('meetings/:id/minutes')
  @ApiOperation({
    summary:
      'Guarda el borrador completo: notas por punto, acuerdos con votos (resultado calculado), compromisos (vigentes desde ya) y enmiendas. Aprobada: 422 MINUTES_LOCKED; versión vieja: 409',
  })
  async save(@Param('id') id: string, @Body() dto: MinutesDto, @CurrentCaller() who: Caller) {
    // a table session: agreements by consensus, commitments owned by a representative or an institution of the table, with an axis
    const table = await this.bodies.forMeeting(id);
    if (table) return table.saveMinutes(who.actor, id, dto, who.audit);
    return this.minutes.save(who.actor, id, dto, who.audit);
  }

  @Post('meetings/:id/minutes/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Aprueba el acta: número, contenido congelado, hash encadenado al acta anterior, PDF con código de verificación. Ya aprobada: 409 (DOM-MTG-9)',
  })
  async approve(@Param('id') id: string, @Body() dto: ApproveDto, @CurrentCaller() who: Caller) {
    const table = await this.bodies.forMeeting(id);
    const { documentId: _d, ...result } = table
      ? await table.approve(who.actor, id, who.audit, dto?.version)
      : await this.minutes.approve(who.actor, id, who.audit, dto?.version);
    return result;
  }

  @Get('meetings/:id/minutes.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'El acta en PDF: la emitida al aprobarla, o el borrador con marca BORRADOR (DOM-MTG-10)' })
  async pdf(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const table = await this.bodies.forMeeting(id);
    const doc = table
      ? await table.pdfOf(who.actor, id, who.audit)
      : await this.minutes.pdfOf(who.actor, id, who.audit);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(doc.filename));
    res.end(doc.content);
  }

  @Post('meetings/:id/minutes/send')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Envía el acta aprobada, con el PDF, a cada socio con correo; cada socio la recibe una vez por versión aunque se envíe de nuevo',
  })
  send(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.distribution.send(who.actor, id, who.audit);
  }

  @Get('associations/:id/minutes')
  @ApiOperation({
    summary:
      'Las actas de la organización: aprobadas (los socios las leen) y, para la directiva y el municipio, los borradores',
  })
  async list(@Param('id') id: string, @CurrentCaller() who: Caller) {
    const { items } = await this.minutes.list(who.actor, id, who.audit);
    return { items, total: items.length };
  }

  @Get('associations/:id/minutes/chain')
  @ApiOperation({
    summary: 'Verifica la cadena de actas aprobadas: recalcula cada hash y sigue los enlaces (SECURITY.md)',
  })
  chain(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.chains.chainFor(who.actor, id, who.audit);
  }

  @Get('commitments')
  @ApiOperation({
    summary:
      'Compromisos de una organización, con filtros por estado y vencidos; `overdue` se deriva del plazo (DOM-MTG-8)',
  })
  async listCommitments(@Query() query: CommitmentQueryDto, @CurrentCaller() who: Caller) {
    // a table's board (DOM-TBL-3): the same filters plus axisId on /api/v1/tables/:id/commitments
    const tables = this.bodies.commitmentsOf('table');
    if (query.tableId && tables) {
      if (query.associationId) throw MeetingException.field('tableId', meetingTexts.associationOrTable());
      const { tableId, associationId: _a, ...filters } = query;
      const { items, total } = await tables.list(who.actor, tableId, filters, who.audit);
      return { items, total };
    }
    const { items, total } = await this.commitments.list(who.actor, query, who.audit);
    return { items, total };
  }

  @Get('commitments/:id')
  @ApiOperation({ summary: 'Un compromiso con su historial de avances' })
  async getCommitment(@Param('id') id: string, @CurrentCaller() who: Caller) {
    const table = await this.bodies.forCommitment(id);
    if (table) return table.get(who.actor, id, who.audit);
    const { canUpdate: _c, ...view } = await this.commitments.get(who.actor, id, who.audit);
    return view;
  }

  @Post('commitments/:id/updates')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({
    summary:
      'Un avance: nota, y opcionalmente estado (open, in_progress, done, cancelled) y porcentaje. En un compromiso de mesa, también multipart con un archivo de respaldo `evidence` (PDF, JPEG o PNG, máximo EVIDENCE_MAX_MB)',
  })
  async addUpdate(
    @Param('id') id: string,
    @Body() dto: CommitmentUpdateDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    const upload = req as Request & {
      file?: { originalname: string; buffer: Buffer; size: number };
      uploadError?: string;
    };
    const table = await this.bodies.forCommitment(id);
    if (table)
      return table.addUpdate(actor, id, dto, upload.file ?? null, auditContextFrom(req, actor), upload.uploadError);
    if (upload.file || upload.uploadError) throw MeetingException.field('evidence', meetingTexts.evidenceOnlyTables());
    return this.commitments.addUpdate(actor, id, dto, auditContextFrom(req, actor));
  }
}
