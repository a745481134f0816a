import { contentDisposition } from '../../common/format/file-name';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExcludeEndpoint,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { CurrentActor, Public } from '../../common/access/decorators';
import { localMessage } from '../../common/errors/validation-messages';
import { emptyToUndefined } from '../../common/form-values';
import { FundFeedService } from './fund-feed.service';
import { fundPageTexts, fundTexts } from './funds.messages';

/** POST /api/v1/fund-feeds: the actor's own calendar, or an association's (its officers). */
export class FundFeedDto {
  @ApiPropertyOptional({ description: 'La organización cuyo calendario de fondos se quiere (sus dirigentes)' })
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage(fundTexts.feedAssociationId()) })
  associationId?: string;
}

/**
 * Subscriptions to a call's reminders and the ICS feeds of fund calls (DOM-FND-3, issue 18 items 4 and 5): the JSON
 * API, the feed itself (public, behind its secret address) and the pages' buttons.
 */
@ApiTags('fondos')
@ApiBearerAuth()
@Controller()
export class FundDeliveryController {
  constructor(private readonly feeds: FundFeedService) {}

  @Post('api/v1/fund-calls/:id/subscription')
  @ApiOperation({ summary: 'Recibir los recordatorios de cierre de un fondo (7 y 1 días antes)' })
  subscribe(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.feeds.subscribe(actor, id);
  }

  @Delete('api/v1/fund-calls/:id/subscription')
  @ApiOperation({ summary: 'Dejar de recibir los recordatorios de un fondo' })
  unsubscribe(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.feeds.unsubscribe(actor, id);
  }

  @Post('api/v1/fund-feeds')
  @ApiOperation({
    summary:
      'Crea la dirección secreta del calendario ICS de fondos (propio, o de una organización para sus dirigentes); se muestra una vez y revoca la anterior',
  })
  createFeed(@Body() dto: FundFeedDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.feeds.create(actor, dto.associationId, auditContextFrom(req, actor));
  }

  @Delete('api/v1/fund-feeds/:id')
  @ApiOperation({ summary: 'Revoca una dirección de calendario (responde 404 desde entonces)' })
  revokeFeed(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.feeds.revoke(actor, id, auditContextFrom(req, actor));
  }

  @Get('fondos/calendario/:token.ics')
  @Public()
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'El calendario ICS de fondos detrás de su dirección secreta (revocada: 404)' })
  async feed(@Param('token') token: string, @Res() res: Response) {
    const { filename, ics } = await this.feeds.ics(token);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', contentDisposition(filename, 'inline'));
    res.setHeader('Cache-Control', 'no-store');
    res.send(ics);
  }

  // ---- pages ----

  @Post('fondos/:id/avisos')
  @ApiExcludeEndpoint()
  async toggleSubscription(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ) {
    if (body.subscribe === 'no') await this.feeds.unsubscribe(actor, id);
    else await this.feeds.subscribe(actor, id);
    res.redirect(303, `/fondos/${id}`);
  }

  @Get('mis-fondos')
  @ApiExcludeEndpoint()
  async myCalendar(@CurrentActor() actor: Actor, @Res() res: Response) {
    const tx = fundPageTexts(res.locals.locale === 'en' ? 'en' : 'es');
    res.render('funds/my-calendar', {
      title: tx.myCalendar,
      tx,
      feed: await this.feeds.ownFeed(actor.id),
      address: null,
    });
  }

  @Post('mis-fondos')
  @ApiExcludeEndpoint()
  @HttpCode(200)
  async newAddress(
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const tx = fundPageTexts(res.locals.locale === 'en' ? 'en' : 'es');
    const context = auditContextFrom(req, actor);
    if (body.action === 'revoke') {
      const own = await this.feeds.ownFeed(actor.id);
      if (own) await this.feeds.revoke(actor, own.id, context);
      return res.redirect(303, '/mis-fondos');
    }
    const address = await this.feeds.create(actor, undefined, context);
    res.setHeader('Cache-Control', 'no-store');
    res.render('funds/my-calendar', { title: tx.myCalendar, tx, feed: { id: address.id }, address });
  }
}
