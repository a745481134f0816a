import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { translate } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import type { Actor } from '../common/access/actor';
import { AuthService } from './auth.service';
import { CurrentActor } from '../common/access/decorators';

/** The signed-in user's own page: who they are, their roles and their API tokens (revocable). */
@ApiExcludeController()
@Controller('cuenta')
export class AccountController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    res.render('account/index', {
      title: translate(res.locals.locale, 'account.title'),
      me: actor,
      tokens: await this.auth.tokensOf(actor),
    });
  }

  @Post('tokens/:id/revocar')
  async revoke(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.auth.revokeToken(actor, id, auditContextFrom(req, actor));
    setFlash(res, { type: 'success', key: 'flash.tokenRevoked' });
    res.redirect(303, '/cuenta');
  }
}
