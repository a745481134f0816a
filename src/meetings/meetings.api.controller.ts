import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/decorators';
import { CancelDto, MeetingDto, MoveDto, SeriesDto } from './dto/meetings.dto';
import { MeetingsService } from './meetings.service';

/** Meetings of associations (API.md): series, one-off meetings, the calendar, moving and cancelling, the ICS feed. */
@ApiTags('reuniones')
@ApiBearerAuth()
@Controller('api/v1')
export class MeetingsApiController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post('associations/:id/meeting-series')
  @ApiOperation({ summary: 'Una serie de reuniones (cada 1 o 2 semanas, mensual o una regla rrule como 1.er y 3.er martes), hasta 200, en la zona horaria de la organización (DOM-MTG-1)' })
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
  @ApiOperation({ summary: 'Una dirección secreta nueva del calendario ICS (la anterior deja de funcionar); se muestra una vez' })
  feed(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.meetings.newFeed(actor, id, auditContextFrom(req, actor));
  }

  @Delete('associations/:id/calendar-feed')
  @ApiOperation({ summary: 'Revoca la dirección del calendario ICS' })
  revokeFeed(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.meetings.revokeFeed(actor, id, auditContextFrom(req, actor));
  }

  @Get('meetings/:id')
  @ApiOperation({ summary: 'Una reunión' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.meetings.get(actor, id, auditContextFrom(req, actor));
  }

  @Patch('meetings/:id')
  @ApiOperation({ summary: 'Mover una reunión (fecha y hora local, lugar o enlace); el resto de la serie no cambia' })
  move(@Param('id') id: string, @Body() dto: MoveDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.meetings.move(actor, id, dto, auditContextFrom(req, actor));
  }

  @Post('meetings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancelar una reunión, con el motivo' })
  cancel(@Param('id') id: string, @Body() dto: CancelDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.meetings.cancel(actor, id, dto, auditContextFrom(req, actor));
  }
}
