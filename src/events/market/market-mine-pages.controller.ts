import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../../audit/audit.service';
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
  async newFeed(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { url } = await this.mine.newFeed(actor, auditContextFrom(req, actor));
    return this.page(actor, res, url);
  }

  @Post('calendario/revocar')
  @HttpCode(200)
  async revoke(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.mine.revokeFeed(actor, auditContextFrom(req, actor));
    return this.page(actor, res, null, true);
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
