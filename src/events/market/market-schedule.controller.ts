import { contentDisposition } from '../../common/format/file-name';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../common/access/actor';
import { CurrentActor } from '../../common/access/decorators';
import { validateBody } from '../../common/validation.pipe';
import { MarketAllocationDto } from './dto/market-venue.dto';
import { MarketScheduleService } from './market-schedule.service';

/** A generated file as an attachment, never cached. */
function send(res: Response, file: { filename: string; content: Buffer }): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', contentDisposition(file.filename));
  res.setHeader('Cache-Control', 'no-store');
  res.end(file.content);
}

/** The month's schedule as a PDF (DOM-MKT-4), for the venue. */
@ApiTags('semanas de venta')
@ApiBearerAuth()
@Controller('api/v1/market-venues')
export class MarketScheduleApiController {
  constructor(private readonly schedules: MarketScheduleService) {}

  @Get(':id/schedule.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'El programa del mes (?month=aaaa-mm) en PDF: semanas, puestos, negocios y rubros (DOM-MKT-4)',
  })
  async schedule(
    @Param('id') id: string,
    @Query('month') month: unknown,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const dto = await validateBody(MarketAllocationDto, { month: month ?? '' });
    send(res, await this.schedules.schedule(actor, id, dto.month));
  }
}

/** The same PDF from the venue page (a session, not a token). */
@ApiExcludeController()
@Controller('semanas-de-venta')
export class MarketSchedulePagesController {
  constructor(private readonly schedules: MarketScheduleService) {}

  @Get(':id/programa.pdf')
  async schedule(
    @Param('id') id: string,
    @Query('mes') month: unknown,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    const dto = await validateBody(MarketAllocationDto, { month: month ?? '' });
    send(res, await this.schedules.schedule(actor, id, dto.month));
  }
}
