import { Controller, Get, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { translate } from '../common/i18n/i18n';
import { CommuneQueryDto } from './dto/commune-query.dto';
import { TerritoryService } from './territory.service';
import { Public } from '../common/access/decorators';

@ApiExcludeController()
@Public()
@Controller('comunas')
export class CommunesController {
  constructor(private readonly territory: TerritoryService) {}

  @Get()
  @Render('territory/communes')
  async page(@Query() query: CommuneQueryDto, @Res({ passthrough: true }) res: Response) {
    const { regions, total } = await this.territory.communesByRegion({ q: query.q });
    return { title: translate(res.locals.locale, 'territory.title'), q: query.q ?? '', regions, total };
  }
}
