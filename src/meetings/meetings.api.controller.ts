import { ConvocationService } from './convocation.service';
import { CalendarFeedService } from './calendar-feed.service';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { AgendaItemDto, AgendaOrderDto, CallDto, CancelDto, MeetingDto, MoveDto, SeriesDto } from './dto/meetings.dto';
import { MeetingsService } from './meetings.service';
import { MeetingAgenda } from './meeting-agenda.service';
import { type AttendanceMark, MeetingAttendance } from './meeting-attendance.service';
import { MeetingMoves } from './meeting-moves.service';
import { MinutesService } from './minutes.service';
import { MeetingBodies } from './meeting-bodies';

/** Meetings of associations (API.md): series, one-off meetings, the calendar, moving and cancelling, the ICS feed. */
@ApiTags('reuniones')
@ApiBearerAuth()
@Controller('api/v1')
export class MeetingsApiController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly convocations: ConvocationService,
    private readonly feeds: CalendarFeedService,
    private readonly minutes: MinutesService,
    private readonly bodies: MeetingBodies,
    private readonly agenda: MeetingAgenda,
    private readonly attendances: MeetingAttendance,
    private readonly moves: MeetingMoves,
  ) {}

  @Post('associations/:id/meeting-series')
  @ApiOperation({
    summary:
      'Una serie de reuniones (cada 1 o 2 semanas, mensual o una regla rrule como 1.er y 3.er martes), hasta 200, en la zona horaria de la organización (DOM-MTG-1)',
  })
  series(@Param('id') id: string, @Body() dto: SeriesDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.meetings.createSeries(actor, id, dto, auditContextFrom(req, actor));
  }

  @Post('associations/:id/meetings')
  @ApiOperation({ summary: 'Una reunión; con fecha pasada registra una reunión ya realizada' })
  create(@Param('id') id: string, @Body() dto: MeetingDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.meetings.createMeeting(actor, id, dto, auditContextFrom(req, actor));
  }

  @Get('associations/:id/meetings')
  @ApiOperation({ summary: 'El calendario: próximas reuniones y las pasadas' })
  async calendar(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    const { upcoming, past } = await this.meetings.calendar(actor, id, auditContextFrom(req, actor));
    return { upcoming, past };
  }

  @Post('associations/:id/calendar-feed')
  @ApiOperation({
    summary: 'Una dirección secreta nueva del calendario ICS (la anterior deja de funcionar); se muestra una vez',
  })
  feed(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.feeds.newFeed(actor, id, auditContextFrom(req, actor));
  }

  @Delete('associations/:id/calendar-feed')
  @ApiOperation({ summary: 'Revoca la dirección del calendario ICS' })
  revokeFeed(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.feeds.revokeFeed(actor, id, auditContextFrom(req, actor));
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'Una reunión' })
  async get(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    const context = auditContextFrom(req, actor);
    const table = await this.bodies.forMeeting(id);
    if (table) return table.get(actor, id, context);
    const { meeting, rights } = await this.meetings.getWithRights(actor, id, context);
    return { ...meeting, minutes: await this.minutes.summaryFor(meeting.id, rights) };
  }

  @Patch('meetings/:id')
  @ApiOperation({ summary: 'Mover una reunión (fecha y hora local, lugar o enlace); el resto de la serie no cambia' })
  move(@Param('id') id: string, @Body() dto: MoveDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.moves.move(actor, id, dto, auditContextFrom(req, actor));
  }

  @Put('meetings/:id/attendance')
  @ApiOperation({
    summary:
      'Asistencia: [{ memberId, status: present|excused|absent, mode?: in_person|online, arrivedAt?: "19:45", leftAt? }]; los no listados conservan la suya (al inicio, ausentes). Responde el quórum (DOM-MTG-5, -6)',
  })
  @ApiBody({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          memberId: { type: 'string' },
          status: { type: 'string', enum: ['present', 'excused', 'absent'] },
          mode: { type: 'string', enum: ['in_person', 'online'] },
          arrivedAt: { type: 'string', example: '19:45' },
          leftAt: { type: 'string', example: '21:10' },
        },
      },
    },
  })
  async attendance(
    @Param('id') id: string,
    @Body() marks: AttendanceMark[],
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    // a table session: attendance per representative ({ participantId, status, mode }), no quorum
    const table = await this.bodies.forMeeting(id);
    if (table) return table.setAttendance(actor, id, marks, auditContextFrom(req, actor));
    return this.attendances.setAttendance(actor, id, marks, auditContextFrom(req, actor));
  }

  @Post('meetings/:id/agenda')
  @ApiOperation({
    summary:
      'Agrega un punto a la tabla (al final); la tabla empieza con el acta anterior y los compromisos pendientes (DOM-MTG-4)',
  })
  async addItem(
    @Param('id') id: string,
    @Body() dto: AgendaItemDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    const table = await this.bodies.forMeeting(id);
    if (table) return table.addAgendaItem(actor, id, dto, auditContextFrom(req, actor));
    return this.agenda.addAgendaItem(actor, id, dto, auditContextFrom(req, actor));
  }

  @Put('meetings/:id/agenda/order')
  @ApiOperation({ summary: 'Reordena los puntos propios de la tabla: { itemIds: [...] } con cada uno una vez' })
  reorder(@Param('id') id: string, @Body() dto: AgendaOrderDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.agenda.reorderAgenda(actor, id, dto.itemIds, auditContextFrom(req, actor));
  }

  @Delete('meetings/:id/agenda/:itemId')
  @ApiOperation({ summary: 'Quita un punto propio de la tabla' })
  removeItem(
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    return this.agenda.removeAgendaItem(actor, id, itemId, auditContextFrom(req, actor));
  }

  @Get('meetings/:id/convocation')
  @ApiOperation({
    summary:
      'Vista previa de la convocatoria: el aviso, el texto para el grupo de chat, destinatarios, socios sin correo y si se respeta el plazo del estatuto (DOM-MTG-3)',
  })
  convocation(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.convocations.convocation(actor, id, auditContextFrom(req, actor));
  }

  @Post('meetings/:id/convene')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Convoca: el aviso con su invitación ICS a cada socio con correo (bandeja de salida); enviado dos veces sin cambios, nadie lo recibe dos veces (DOM-MTG-3)',
  })
  async convene(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    // a table session: to every representative with an e-mail
    const table = await this.bodies.forMeeting(id);
    if (table) return table.convene(actor, id, auditContextFrom(req, actor));
    return this.convocations.convene(actor, id, auditContextFrom(req, actor));
  }

  @Put('meetings/:id/call')
  @ApiOperation({ summary: 'Primera o segunda citación (DOM-MTG-6)' })
  call(@Param('id') id: string, @Body() dto: CallDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.attendances.setCall(actor, id, dto.call, auditContextFrom(req, actor));
  }

  @Post('meetings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancelar una reunión, con el motivo' })
  cancel(@Param('id') id: string, @Body() dto: CancelDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.convocations.cancel(actor, id, dto, auditContextFrom(req, actor));
  }
}
