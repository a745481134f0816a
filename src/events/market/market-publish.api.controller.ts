import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentCaller, type Caller } from '../../audit/caller';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { validateBody } from '../../common/validation.pipe';
import { MarketAllocationDto } from './dto/market-venue.dto';
import { MarketPublishService } from './market-publish.service';

/** Publishing a venue's month (API.md phase 2; DOM-MKT-3). */
@ApiTags('semanas de venta')
@ApiBearerAuth()
@Controller('api/v1/market-venues')
export class MarketPublishApiController {
  constructor(private readonly publisher: MarketPublishService) {}

  @Post(':id/allocations/:month/publish')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Publica el mes (DOM-MKT-3): envía a cada persona emprendedora su semana con un evento ICS; publicado dos veces o sin borrador: 422 (ALLOCATION_PUBLISHED, ALLOCATION_NOT_DRAFTED)',
  })
  async publish(@Param('id') id: string, @Param('month') month: string, @CurrentCaller() who: Caller) {
    const dto = await validateBody(MarketAllocationDto, { month });
    return this.publisher.publish(who.actor, id, dto.month, who.audit);
  }
}
