import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CurrentCaller, type Caller } from '../../audit/caller';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MarketAttendanceDto, MarketCancelDto } from './dto/market-operations.dto';
import { MarketAttendanceService } from './market-attendance.service';
import { MarketOfferService } from './market-offer.service';

/** A published stand: its cancellation (offered to the waitlist, DOM-MKT-3) and its attendance (DOM-MKT-4). */
@ApiTags('semanas de venta')
@ApiBearerAuth()
@Controller('api/v1/market-slots')
export class MarketSlotsApiController {
  constructor(
    private readonly offers: MarketOfferService,
    private readonly attendance: MarketAttendanceService,
  ) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancela un puesto publicado y lo ofrece a la primera persona de la lista de espera, con un enlace válido 48 horas (DOM-MKT-3); cancelado dos veces: 409',
  })
  cancel(@Param('id') id: string, @Body() dto: MarketCancelDto, @CurrentCaller() who: Caller) {
    return this.offers.cancel(who.actor, id, dto.reason.trim(), who.audit);
  }

  @Put(':id/attendance')
  @ApiOperation({
    summary:
      'Marca la asistencia del puesto en su semana: attended, excused o no_show (DOM-MKT-4); una semana que no ha comenzado: 422 WEEK_NOT_STARTED',
  })
  mark(@Param('id') id: string, @Body() dto: MarketAttendanceDto, @CurrentCaller() who: Caller) {
    return this.attendance.mark(who.actor, id, dto.status, who.audit);
  }
}
