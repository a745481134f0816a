import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AssociationDirectory } from '../associations/association-directory.service';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { validateBody } from '../common/validation.pipe';
import { ProgramConsentDto } from './dto/programs.dto';
import { ProgramConsentService } from './program-consent.service';
import { locale, submitForm, UUID } from './program-pages';
import { ProgramException } from './programs.exception';
import { consentsView, type FormRefusal, type PostedForm } from './programs.view-model';

/** An association's programs and its consent to share its roster with each (HTML, issue 17; DOM-PRG-3). */
@ApiExcludeController()
@Controller()
export class ConsentPagesController {
  constructor(
    private readonly consent: ProgramConsentService,
    private readonly directory: AssociationDirectory,
  ) {}

  private async consentsPage(actor: Actor, id: string, req: Request, res: Response, refused?: FormRefusal) {
    const state = await this.consent.consentsOf(actor, id, auditContextFrom(req, actor));
    const summary = (await this.directory.summaries([id])).get(id);
    res
      .status(refused?.status ?? 200)
      .render(
        'programs/consents',
        consentsView(locale(res), { association: { id, name: summary?.name ?? '' }, ...state }, refused),
      );
  }

  @Get('organizaciones/:id/programas')
  consents(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.consentsPage(actor, id, req, res);
  }

  /** Shares or withdraws, then back to the association's programs with the outcome (or the refusal shown). */
  private async changeConsent(
    actor: Actor,
    id: string,
    programId: string,
    req: Request,
    res: Response,
    change: () => Promise<unknown>,
    flash: string,
  ): Promise<void> {
    if (!UUID.test(programId)) throw ProgramException.notFound();
    await submitForm(
      res,
      async () => {
        await change();
        return [`/organizaciones/${id}/programas`, { key: flash }];
      },
      (refused) => this.consentsPage(actor, id, req, res, refused),
    );
  }

  @Post('organizaciones/:id/programas/:programId/compartir')
  share(
    @Param('id') id: string,
    @Param('programId') programId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // the version of the text the officer read on the page (a stale page is refused by the service)
    const change = async () => {
      const dto = await validateBody(ProgramConsentDto, { ...((body ?? {}) as PostedForm), programId });
      await this.consent.share(actor, id, dto, auditContextFrom(req, actor));
    };
    return this.changeConsent(actor, id, programId, req, res, change, 'flash.programRosterShared');
  }

  @Post('organizaciones/:id/programas/:programId/retirar')
  withdraw(
    @Param('id') id: string,
    @Param('programId') programId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const change = () => this.consent.withdraw(actor, id, programId, auditContextFrom(req, actor));
    return this.changeConsent(actor, id, programId, req, res, change, 'flash.programRosterWithdrawn');
  }
}
