import { contentDisposition } from '../common/format/file-name';
import { CurrentCaller, type Caller } from '../audit/caller';
import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, isAdmin } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { SeriesDto } from '../meetings/dto/meetings.dto';
import {
  AxisDto,
  BoardQueryDto,
  PageDto,
  ParticipantDto,
  ShareLinkDto,
  TableDto,
  TableSessionDto,
} from './dto/tables.dto';
import { TableBoardService } from './table-board.service';
import { TableShareLinksService } from './table-share-links.service';
import { CommitmentProgressService } from './commitment-progress.service';
import { TableSessionsService } from './table-sessions.service';
import { TablesService } from './tables.service';
import { TableParticipantsService } from './table-participants.service';

/** Inter-institutional tables (API.md; DOMAIN.md §6). */
@ApiTags('mesas')
@ApiBearerAuth()
@Controller('api/v1')
export class TablesApiController {
  constructor(
    private readonly tables: TablesService,
    private readonly participants: TableParticipantsService,
    private readonly sessions: TableSessionsService,
    private readonly board: TableBoardService,
    private readonly shareLinks: TableShareLinksService,
    private readonly progress: CommitmentProgressService,
  ) {}

  @Post('tables')
  @ApiOperation({
    summary:
      'Crea una mesa: comunal (funcionario municipal de la comuna) o provincial o regional (administración) (DOM-TBL-1)',
  })
  createTable(@Body() dto: TableDto, @CurrentCaller() who: Caller) {
    return this.tables.createTable(who.actor, dto, who.audit);
  }

  @Get('tables')
  @ApiOperation({ summary: 'Las mesas que el usuario ve' })
  list(@Query() query: PageDto, @CurrentActor() actor: Actor) {
    return this.tables.list(actor, query);
  }

  @Get('tables/:id')
  @ApiOperation({ summary: 'Una mesa con sus participantes y ejes' })
  async get(@Param('id') id: string, @CurrentCaller() who: Caller) {
    const { rights: _r, ...table } = await this.tables.get(who.actor, id, who.audit);
    // DOM-TBL-2: a council also says when it last met and whether a month has passed without a session
    const status = table.council ? await this.board.councilStatus(await this.tables.entity(id)) : null;
    return {
      ...table,
      council:
        table.council && status
          ? { ...table.council, lastSession: status.lastSession, monthWithoutSession: status.overdue }
          : table.council,
    };
  }

  @Post('tables/:id/participants')
  @ApiOperation({
    summary:
      'Un representante de una institución (por id, o por nombre: se reutiliza o se crea con su tipo); no es usuario',
  })
  addParticipant(@Param('id') id: string, @Body() dto: ParticipantDto, @CurrentCaller() who: Caller) {
    return this.participants.addParticipant(who.actor, id, dto, who.audit);
  }

  @Post('tables/:id/axes')
  @ApiOperation({ summary: 'Un eje de trabajo de la mesa con sus integrantes (participantes de la mesa)' })
  addAxis(@Param('id') id: string, @Body() dto: AxisDto, @CurrentCaller() who: Caller) {
    return this.participants.addAxis(who.actor, id, dto, who.audit);
  }

  @Post('tables/:id/meeting-series')
  @ApiOperation({ summary: 'Una serie de sesiones de la mesa (hasta 200), en la zona horaria de la mesa' })
  createSeries(@Param('id') id: string, @Body() dto: SeriesDto, @CurrentCaller() who: Caller) {
    return this.sessions.createSeries(who.actor, id, dto, who.audit);
  }

  @Post('tables/:id/meetings')
  @ApiOperation({
    summary:
      'Una sesión de la mesa (kind table_session); una fecha pasada registra una sesión ya realizada. Asistencia, tabla y acta: /api/v1/meetings/:id/...',
  })
  createSession(@Param('id') id: string, @Body() dto: TableSessionDto, @CurrentCaller() who: Caller) {
    return this.sessions.createSession(who.actor, id, dto, who.audit);
  }

  @Get('tables/:id/meetings')
  @ApiOperation({ summary: 'Las sesiones de la mesa: próximas y pasadas, con el estado de su acta' })
  async sessionsOf(@Param('id') id: string, @CurrentCaller() who: Caller) {
    await this.tables.load(who.actor, id, 'read', who.audit);
    return this.sessions.sessionsOf(id);
  }

  @Get('tables/:id/commitments')
  @ApiOperation({
    summary:
      'Tablero de compromisos (DOM-TBL-3): filtros institutionId, axisId, status, overdue; páginas de 50; cumplimiento por institución',
  })
  async boardOf(@Param('id') id: string, @Query() query: BoardQueryDto, @CurrentCaller() who: Caller) {
    const { rights: _r, ...board } = await this.board.board(who.actor, id, query, who.audit);
    return board;
  }

  @Get('tables/:id/commitments.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'El tablero filtrado en CSV (celdas tipo fórmula protegidas)' })
  async csv(
    @Param('id') id: string,
    @Query() query: BoardQueryDto,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.board.export(who.actor, id, 'csv', query, who.audit));
  }

  @Get('tables/:id/commitments.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'El tablero filtrado en XLSX' })
  async xlsx(
    @Param('id') id: string,
    @Query() query: BoardQueryDto,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.board.export(who.actor, id, 'xlsx', query, who.audit));
  }

  @Get('evidence/:id')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOperation({ summary: 'Un archivo de respaldo de un avance, como adjunto, para quien ve la mesa' })
  async evidence(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const file = await this.progress.evidenceFile(who.actor, id, who.audit);
    sendFile(res, { filename: file.fileName, contentType: file.contentType, content: file.content });
  }

  @Get('tables/:id/share-links')
  @ApiOperation({ summary: 'Los enlaces de solo lectura al tablero (sin el token: se muestra una vez al crearlo)' })
  async shares(@Param('id') id: string, @CurrentCaller() who: Caller) {
    await this.tables.load(who.actor, id, 'manage', who.audit);
    return { items: await this.shareLinks.shares(id) };
  }

  @Post('tables/:id/share-links')
  @ApiOperation({
    summary: 'Crea un enlace de solo lectura al tablero para representantes sin cuenta (token impredecible, revocable)',
  })
  createShare(@Param('id') id: string, @Body() dto: ShareLinkDto, @CurrentCaller() who: Caller) {
    return this.shareLinks.createShare(who.actor, id, dto, who.audit);
  }

  @Delete('tables/:id/share-links/:linkId')
  @ApiOperation({ summary: 'Revoca un enlace: deja de funcionar de inmediato' })
  revokeShare(@Param('id') id: string, @Param('linkId') linkId: string, @CurrentCaller() who: Caller) {
    return this.shareLinks.revokeShare(who.actor, id, linkId, who.audit);
  }

  @Get('security-plans')
  @ApiOperation({
    summary:
      'Plan comunal de seguridad (DOM-TBL-2): las medidas (compromisos de los consejos comunales) y cuántas están implementadas, por comuna',
  })
  async securityPlans(@CurrentActor() actor: Actor) {
    return { items: await this.board.planMeasures(isAdmin(actor) ? null : await this.tables.communesSeenBy(actor)) };
  }
}

/** A download: always an attachment, never sniffed (evidence, exports). */
export function sendFile(res: Response, file: { filename: string; contentType: string; content: Buffer }): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', contentDisposition(file.filename));
  res.end(file.content);
}
