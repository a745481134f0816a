import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommuneQueryDto } from './dto/commune-query.dto';
import { TerritoryService } from './territory.service';
import type { CommuneView } from './territory.view-model';
import { Public } from '../common/access/decorators';

@ApiTags('territorio')
@Public()
@Controller('api/v1/communes')
export class CommunesApiController {
  constructor(private readonly territory: TerritoryService) {}

  @Get()
  @ApiOperation({ summary: 'Comunas (Chile) y distritos (Perú) con código, población y zona horaria del municipio' })
  @ApiOkResponse({ description: '{ items: [{ code, name, provinceCode, regionCode, population, timeZone }] }' })
  async list(@Query() query: CommuneQueryDto): Promise<{ items: CommuneView[]; total: number }> {
    const items = await this.territory.listCommunes({ q: query.q, regionCode: query.regionCode });
    return { items, total: items.length };
  }
}
