import { Controller, Get, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { translate } from '../common/i18n/i18n';
import { TerritoryService } from '../territory/territory.service';
import { Public } from '../common/access/decorators';

@ApiExcludeController()
@Public()
@Controller()
export class HomeController {
  constructor(private readonly territory: TerritoryService) {}

  /** What the portal is for and for whom, and the municipalities using it. */
  @Get()
  @Render('home')
  async home(@Res({ passthrough: true }) res: Response) {
    return {
      title: translate(res.locals.locale, 'nav.home'),
      municipalities: await this.territory.onboardedMunicipalities(),
    };
  }
}
