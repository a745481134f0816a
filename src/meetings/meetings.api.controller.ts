import { ConvocationService } from './convocation.service';
import { CurrentCaller, type Caller } from '../audit/caller';
import { CalendarFeedService } from './calendar-feed.service';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  series(@Param('id') id: string, @Body() dto: SeriesDto, @CurrentCaller() who: Caller) {
    return this.meetings.createSeries(who.actor, id, dto, who.audit);
  }

  @Post('associations/:id/meetings')
  @ApiOperation({ summary: 'Una reunión; con fecha pasada registra una reunión ya realizada' })
  create(@Param('id') id: string, @Body() dto: MeetingDto, @CurrentCaller() who: Caller) {
    return this.meetings.createMeeting(who.actor, id, dto, who.audit);
  }

  @Get('associations/:id/meetings')
  @ApiOperation({ summary: 'El calendario: próximas reuniones y las pasadas' })
  async calendar(@Param('id') id: string, @CurrentCaller() who: Caller) {
    const { upcoming, past } = await this.meetings.calendar(who.actor, id, who.audit);
    return { upcoming, past };
  }

  @Post('associations/:id/calendar-feed')
  @ApiOperation({
    summary: 'Una dirección secreta nueva del calendario ICS (la anterior deja de funcionar); se muestra una vez',
  })
  feed(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.feeds.newFeed(who.actor, id, who.audit);
  }

  @Delete('associations/:id/calendar-feed')
  @ApiOperation({ summary: 'Revoca la dirección del calendario ICS' })
  revokeFeed(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.feeds.revokeFeed(who.actor, id, who.audit);
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'Una reunión' })
  async get(@Param('id') id: string, @CurrentCaller() who: Caller) {
    const context = who.audit;
    const table = await this.bodies.forMeeting(id);
    if (table) return table.get(who.actor, id, context);
    const { meeting, rights } = await this.meetings.getWithRights(who.actor, id, context);
    return { ...meeting, minutes: await this.minutes.summaryFor(meeting.id, rights) };
  }

  @Patch('meetings/:id')
  @ApiOperation({ summary: 'Mover una reunión (fecha y hora local, lugar o enlace); el resto de la serie no cambia' })
  move(@Param('id') id: string, @Body() dto: MoveDto, @CurrentCaller() who: Caller) {
    return this.moves.move(who.actor, id, dto, who.audit);
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
  async attendance(@Param('id') id: string, @Body() marks: AttendanceMark[], @CurrentCaller() who: Caller) {
    // a table session: attendance per representative ({ participantId, status, mode }), no quorum
    const table = await this.bodies.forMeeting(id);
    if (table) return table.setAttendance(who.actor, id, marks, who.audit);
    return this.attendances.setAttendance(who.actor, id, marks, who.audit);
  }

  @Post('meetings/:id/agenda')
  @ApiOperation({
    summary:
      'Agrega un punto a la tabla (al final); la tabla empieza con el acta anterior y los compromisos pendientes (DOM-MTG-4)',
  })
  async addItem(@Param('id') id: string, @Body() dto: AgendaItemDto, @CurrentCaller() who: Caller) {
    const table = await this.bodies.forMeeting(id);
    if (table) return table.addAgendaItem(who.actor, id, dto, who.audit);
    return this.agenda.addAgendaItem(who.actor, id, dto, who.audit);
  }

  @Put('meetings/:id/agenda/order')
  @ApiOperation({ summary: 'Reordena los puntos propios de la tabla: { itemIds: [...] } con cada uno una vez' })
  reorder(@Param('id') id: string, @Body() dto: AgendaOrderDto, @CurrentCaller() who: Caller) {
    return this.agenda.reorderAgenda(who.actor, id, dto.itemIds, who.audit);
  }

  @Delete('meetings/:id/agenda/:itemId')
  @ApiOperation({ summary: 'Quita un punto propio de la tabla' })
  removeItem(@Param('id') id: string, @Param('itemId') itemId: string, @CurrentCaller() who: Caller) {
    return this.agenda.removeAgendaItem(who.actor, id, itemId, who.audit);
  }

  @Get('meetings/:id/convocation')
  @ApiOperation({
    summary:
      'Vista previa de la convocatoria: el aviso, el texto para el grupo de chat, destinatarios, socios sin correo y si se respeta el plazo del estatuto (DOM-MTG-3)',
  })
  convocation(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.convocations.convocation(who.actor, id, who.audit);
  }

  @Post('meetings/:id/convene')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Convoca: el aviso con su invitación ICS a cada socio con correo (bandeja de salida); enviado dos veces sin cambios, nadie lo recibe dos veces (DOM-MTG-3)',
  })
  async convene(@Param('id') id: string, @CurrentCaller() who: Caller) {
    // a table session: to every representative with an e-mail
    const table = await this.bodies.forMeeting(id);
    if (table) return table.convene(who.actor, id, who.audit);
    return this.convocations.convene(who.actor, id, who.audit);
  }

  @Put('meetings/:id/call')
  @ApiOperation({ summary: 'Primera o segunda citación (DOM-MTG-6)' })
  call(@Param('id') id: string, @Body() dto: CallDto, @CurrentCaller() who: Caller) {
    return this.attendances.setCall(who.actor, id, dto.call, who.audit);
  }

  @Post('meetings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancelar una reunión, con el motivo' })
  cancel(@Param('id') id: string, @Body() dto: CancelDto, @CurrentCaller() who: Caller) {
    return this.convocations.cancel(who.actor, id, dto, who.audit);
  }
}
