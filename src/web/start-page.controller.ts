import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import type { Locale } from '../common/i18n/i18n';
import { StartPageService } from './start-page.service';
import { startPageView } from './start-page.view-model';

/** "Inicio": where every signed-in person lands, with their own work (issue 20 item 1). Anonymous: to the login. */
@ApiExcludeController()
@Controller()
export class StartPageController {
  constructor(private readonly startPage: StartPageService) {}

  @Get('inicio')
  async show(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const locale: Locale = res.locals.locale === 'en' ? 'en' : 'es';
    res.render('home/start', startPageView(await this.startPage.pageFor(actor), actor, locale));
  }
}
