import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CurrentCaller, type Caller } from '../../audit/caller';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../common/access/actor';
import { CurrentActor, Public } from '../../common/access/decorators';
import { MarketException } from './market.exception';
import { MarketMineService } from './market-mine.service';

/** "Mis semanas" (issue 19 item 6): the entrepreneur's weeks, offers and history, and their secret ICS feed. */
@ApiExcludeController()
@Controller('mis-semanas')
export class MarketMinePagesController {
  constructor(private readonly mine: MarketMineService) {}

  private async page(actor: Actor, res: Response, feedUrl: string | null = null, revoked = false): Promise<void> {
    res.render('market/operations/mine', { title: 'Mis semanas', view: await this.mine.mine(actor), feedUrl, revoked });
  }

  @Get()
  show(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    return this.page(actor, res);
  }

  @Post('calendario')
  @HttpCode(200)
  async newFeed(@CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const { url } = await this.mine.newFeed(who.actor, who.audit);
    return this.page(who.actor, res, url);
  }

  @Post('calendario/revocar')
  @HttpCode(200)
  async revoke(@CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.mine.revokeFeed(who.actor, who.audit);
    return this.page(who.actor, res, null, true);
  }

  /** The feed itself: the secret address is the credential (calendars do not sign in). */
  @Public()
  @Get('calendario/:file')
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const ics = file.endsWith('.ics') ? await this.mine.feed(file.slice(0, -4)) : null;
    if (!ics) throw MarketException.notFound();
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.send(ics);
  }
}
