import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentCaller, type Caller } from '../../audit/caller';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor';
import { CurrentActor } from '../../common/access/decorators';
import { validateBody } from '../../common/validation.pipe';
import { MarketAllocationDto, MarketApplicationDto, MarketMonthQueryDto, MarketVenueDto } from './dto/market-venue.dto';
import { MarketAllocationService } from './market-allocation.service';
import { MarketApplicationsService } from './market-applications.service';
import { MarketVenuesService } from './market-venues.service';

/** Market venues, applications and the draft allocation (API.md phase 2; DOMAIN.md §7, DOM-MKT-1, DOM-MKT-2). */
@ApiTags('semanas de venta')
@ApiBearerAuth()
@Controller('api/v1/market-venues')
export class MarketVenuesApiController {
  constructor(
    private readonly venues: MarketVenuesService,
    private readonly applications: MarketApplicationsService,
    private readonly allocation: MarketAllocationService,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Crea un lugar de venta de un programa (y de una mesa): puestos por semana, máximo por rubro, fechas propias (DOM-MKT-1)',
  })
  create(@Body() dto: MarketVenueDto, @CurrentCaller() who: Caller) {
    return this.venues.create(who.actor, dto, who.audit);
  }

  @Get()
  @ApiOperation({ summary: 'Los lugares de venta que administra el usuario (todos para la administración)' })
  async list(@CurrentActor() actor: Actor) {
    return { items: await this.venues.list(actor) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Un lugar de venta; con ?month=aaaa-mm, las semanas de ese mes (DOM-MKT-1)' })
  get(@Param('id') id: string, @Query() query: MarketMonthQueryDto, @CurrentActor() actor: Actor) {
    return this.venues.get(actor, id, query.month);
  }

  @Post(':id/applications')
  @ApiOperation({
    summary:
      'Postula a una persona beneficiaria del programa a un mes, con semanas preferidas (DOM-MKT-2); la propia persona emprendedora puede postular; una segunda postulación al mes: 409',
  })
  apply(@Param('id') id: string, @Body() dto: MarketApplicationDto, @CurrentCaller() who: Caller) {
    return this.applications.apply(who.actor, id, dto, who.audit);
  }

  @Get(':id/applications')
  @ApiOperation({ summary: 'Las postulaciones de un mes (?month=aaaa-mm) con el negocio y rubro de cada una' })
  async applicationsOf(@Param('id') id: string, @Query() query: MarketMonthQueryDto, @CurrentActor() actor: Actor) {
    const month = (await validateBody(MarketAllocationDto, { month: query.month ?? '' })).month;
    const venue = await this.venues.load(actor, id);
    return { month, items: await this.applications.ofMonth(venue, month) };
  }

  @Post(':id/allocations')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Ejecuta (o vuelve a ejecutar) el sorteo del mes como borrador (DOM-MKT-2): mismo resultado con las mismas postulaciones; un mes publicado: 422 ALLOCATION_PUBLISHED',
  })
  run(@Param('id') id: string, @Body() dto: MarketAllocationDto, @CurrentCaller() who: Caller) {
    return this.allocation.run(who.actor, id, dto.month, who.audit);
  }

  @Get(':id/allocations/:month')
  @ApiOperation({ summary: 'El mes tal como está guardado: semanas por puestos, lista de espera y estado' })
  async month(@Param('id') id: string, @Param('month') month: string, @CurrentActor() actor: Actor) {
    const dto = await validateBody(MarketAllocationDto, { month });
    return this.allocation.month(actor, id, dto.month);
  }
}
