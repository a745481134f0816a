import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../../audit/caller';
import type { Actor } from '../../common/access/actor';
import { CurrentActor } from '../../common/access/decorators';
import { validateBody } from '../../common/validation.pipe';
import { formRefusal } from '../../common/web/form-errors.filter';
import { doneTo, submitForm } from '../../common/web/page-form';
import { MarketAttendanceDto, MarketCancelDto } from './dto/market-operations.dto';
import { MarketAllocationDto } from './dto/market-venue.dto';
import { MarketAttendanceService } from './market-attendance.service';
import { attendancePageView, type PageRefusal } from './market-attendance.view-model';
import { MarketOfferService } from './market-offer.service';
import { MarketPublishService } from './market-publish.service';

const localeOf = (res: Response) => (res.locals.locale === 'en' ? 'en' : 'es');
const one = (v: unknown) => (typeof v === 'string' ? v : '');
/** A stand's week slot on the venue's pages, and a form's body as posted. */
type SlotPath = { id: string; slotId: string };
type Posted = Record<string, unknown>;

/**
 * The officer's operations on a published month, on a phone (HTML, issue 19 items 4 and 5): publishing from the venue
 * page (views/market/operations/month-actions.hbs), and per week and stand the three attendance buttons and the
 * cancellation that offers the stand to the waitlist.
 */
@ApiExcludeController()
@Controller('semanas-de-venta/:id')
export class MarketAttendancePagesController {
  constructor(
    private readonly publisher: MarketPublishService,
    private readonly attendance: MarketAttendanceService,
    private readonly offers: MarketOfferService,
  ) {}

  private async page(
    actor: Actor,
    id: string,
    month: string,
    week: string,
    res: Response,
    done: string,
    refused?: PageRefusal,
  ): Promise<void> {
    const data = await this.attendance.weekPage(actor, id, month, week);
    res
      .status(refused?.status ?? 200)
      .render('market/operations/attendance', attendancePageView(localeOf(res), data, done, refused));
  }

  @Post('meses/:month/publicar')
  async publish(
    @Param('id') id: string,
    @Param('month') month: string,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ): Promise<void> {
    const dto = await validateBody(MarketAllocationDto, { month });
    try {
      await this.publisher.publish(who.actor, id, dto.month, who.audit);
    } catch (err) {
      const refused = formRefusal(err, res);
      return res.redirect(
        303,
        `/semanas-de-venta/${id}?mes=${dto.month}&error=${encodeURIComponent(refused.formError)}`,
      );
    }
    res.redirect(303, `/semanas-de-venta/${id}?mes=${dto.month}&hecho=publicado`);
  }

  @Get('asistencia')
  show(
    @Param('id') id: string,
    @Query('mes') mes: unknown,
    @Query('semana') semana: unknown,
    @Query('hecho') hecho: unknown,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ): Promise<void> {
    return this.page(actor, id, one(mes), one(semana), res, one(hecho));
  }

  /**
   * A stand's button on the week's page: done, back to the stand with what was done (`hecho`); refused, the week
   * again with the message at the stand (`kept`: what the form shows again).
   */
  private async standForm(
    [p, who, res]: [SlotPath, Caller, Response],
    done: string,
    save: () => Promise<unknown>,
    kept: { reason?: string } = {},
  ): Promise<void> {
    const { slot } = await this.offers.loadSlotOfVenue(who.actor, p.id, p.slotId);
    const week = `/semanas-de-venta/${p.id}/asistencia?mes=${slot.month}&semana=${slot.weekStartsOn}`;
    const act = async () => {
      await save();
      return doneTo(`${week}&hecho=${done}#puesto-${slot.stand}`);
    };
    await submitForm(res, act, (refused) =>
      this.page(who.actor, p.id, slot.month, slot.weekStartsOn, res, '', { ...refused, slotId: p.slotId, ...kept }),
    );
  }

  @Post('asistencia/:slotId')
  mark(@Param() p: SlotPath, @Body() body: Posted, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.standForm([p, who, res], 'asistencia', async () => {
      const dto = await validateBody(MarketAttendanceDto, { status: body.status });
      await this.attendance.mark(who.actor, p.slotId, dto.status, who.audit);
    });
  }

  @Post('puestos/:slotId/cancelar')
  cancel(
    @Param() p: SlotPath,
    @Body() body: Posted,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ): Promise<void> {
    const save = async () => {
      const dto = await validateBody(MarketCancelDto, { reason: body.reason });
      await this.offers.cancel(who.actor, p.slotId, dto.reason.trim(), who.audit);
    };
    return this.standForm([p, who, res], 'cancelado', save, { reason: one(body.reason) });
  }
}
