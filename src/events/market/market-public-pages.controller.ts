import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/access/decorators';
import { MarketPublicService } from './market-public.service';

/** The public page of a venue's published month (DOM-MKT-4), without signing in. */
@ApiExcludeController()
@Public()
@Controller()
export class MarketPublicPagesController {
  constructor(private readonly publicMonths: MarketPublicService) {}

  @Get('semanas-de-venta/:id/publico/:month')
  async month(@Param('id') id: string, @Param('month') month: string, @Res() res: Response): Promise<void> {
    const view = await this.publicMonths.month(id, month);
    res.render('market/operations/public-month', { title: `${view.venueName}: ${view.monthLabel}`, view });
  }
}
