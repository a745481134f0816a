import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AssociationDirectory } from '../associations/association-directory.service';
import { CurrentCaller, type Caller } from '../audit/caller';
import { validateBody } from '../common/validation.pipe';
import { doneTo, submitForm } from '../common/web/page-form';
import { ProgramConsentDto } from './dto/programs.dto';
import { ProgramConsentService } from './program-consent.service';
import { locale, UUID } from './program-pages';
import { ProgramException } from './programs.exception';
import { consentsView, type FormRefusal, type PostedForm } from './programs.view-model';

/** A consent's address: the association and the program. */
type ConsentPath = { id: string; programId: string };

/** An association's programs and its consent to share its roster with each (HTML, issue 17; DOM-PRG-3). */
@ApiExcludeController()
@Controller()
export class ConsentPagesController {
  constructor(
    private readonly consent: ProgramConsentService,
    private readonly directory: AssociationDirectory,
  ) {}

  private async consentsPage(who: Caller, id: string, res: Response, refused?: FormRefusal) {
    const state = await this.consent.consentsOf(who.actor, id, who.audit);
    const summary = (await this.directory.summaries([id])).get(id);
    const view = consentsView(locale(res), { association: { id, name: summary?.name ?? '' }, ...state }, refused);
    res.status(refused?.status ?? 200).render('programs/consents', view);
  }

  @Get('organizaciones/:id/programas')
  consents(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.consentsPage(who, id, res);
  }

  /** Shares or withdraws, then back to the association's programs with the outcome (or the refusal shown). */
  private async changeConsent(
    p: ConsentPath,
    who: Caller,
    res: Response,
    change: () => Promise<unknown>,
    flash: string,
  ) {
    if (!UUID.test(p.programId)) throw ProgramException.notFound();
    const act = async () => {
      await change();
      return doneTo(`/organizaciones/${p.id}/programas`, flash);
    };
    await submitForm(res, act, (refused) => this.consentsPage(who, p.id, res, refused));
  }

  @Post('organizaciones/:id/programas/:programId/compartir')
  share(@Param() p: ConsentPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    // the version of the text the officer read on the page (a stale page is refused by the service)
    const change = async () => {
      const dto = await validateBody(ProgramConsentDto, { ...((body ?? {}) as PostedForm), programId: p.programId });
      await this.consent.share(who.actor, p.id, dto, who.audit);
    };
    return this.changeConsent(p, who, res, change, 'flash.programRosterShared');
  }

  @Post('organizaciones/:id/programas/:programId/retirar')
  withdraw(@Param() p: ConsentPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const change = () => this.consent.withdraw(who.actor, p.id, p.programId, who.audit);
    return this.changeConsent(p, who, res, change, 'flash.programRosterWithdrawn');
  }
}
