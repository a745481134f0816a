import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { CurrentActor } from '../../common/access/decorators';
import type { Locale } from '../../common/i18n/i18n';
import { validateBody } from '../../common/validation.pipe';
import { setFlash } from '../../common/web/flash';
import { formRefusal } from '../../common/web/form-errors.filter';
import type { ApplicantRef } from './fund-application-access';
import { FundApplicationChangeDto, FundApplicationDto, FundDeclarationDto } from './fund-application.dto';
import { FundApplicationsService } from './fund-applications.service';
import { FundDeclarationsService } from './fund-declarations.service';
import { FundMatchingPageService } from './fund-matching-page.service';
import { FundCallQualifiers } from './fund-call-qualifiers.service';
import { fundsPageView, qualifiersPageView, type FundsFormRefusal } from './fund-matching.view-model';
import { matchTexts } from './fund-matching.messages';
import { FundException } from './funds.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
type Posted = Record<string, unknown>;

/**
 * "Fondos para esta organización" (issue 18 item 3) and the same for a program's beneficiary: the calls by outcome
 * with every reason, the applications (an overdue expense report warned), the declarations and the forms to record
 * them. A refused form comes back with its 4xx, its messages and the input.
 */
@ApiExcludeController()
@Controller()
export class FundMatchingPagesController {
  constructor(
    private readonly pages: FundMatchingPageService,
    private readonly applications: FundApplicationsService,
    private readonly declarations: FundDeclarationsService,
    private readonly qualifiers: FundCallQualifiers,
  ) {}

  /** For a program officer: which of their programs' enrolled associations qualify for a call (issue 18). */
  @Get('fondos/:id/organizaciones')
  async qualifying(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    if (!UUID.test(id)) throw FundException.notFound();
    res.render('funds/matching/qualifiers', qualifiersPageView(locale(res), await this.qualifiers.forCall(actor, id)));
  }

  @Get('organizaciones/:id/fondos')
  association(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    return this.page(actor, { associationId: id }, `/organizaciones/${id}/fondos`, req, res);
  }

  @Post('organizaciones/:id/fondos/declaracion')
  declareAssociation(
    @Param('id') id: string,
    @Body() body: Posted,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.declare(actor, { associationId: id }, `/organizaciones/${id}/fondos`, body, req, res);
  }

  @Post('organizaciones/:id/fondos/postulaciones')
  applyAssociation(
    @Param('id') id: string,
    @Body() body: Posted,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.apply(actor, { associationId: id }, `/organizaciones/${id}/fondos`, body, req, res);
  }

  @Post('organizaciones/:id/fondos/postulaciones/:applicationId')
  changeAssociation(
    @Param('id') id: string,
    @Param('applicationId') applicationId: string,
    @Body() body: Posted,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.change(actor, { associationId: id }, `/organizaciones/${id}/fondos`, applicationId, body, req, res);
  }

  @Get('programas/:id/beneficiarios/:beneficiaryId/fondos')
  beneficiary(
    @Param('id') id: string,
    @Param('beneficiaryId') beneficiaryId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.page(actor, { beneficiaryId }, beneficiaryBase(id, beneficiaryId), req, res, id);
  }

  @Post('programas/:id/beneficiarios/:beneficiaryId/fondos/declaracion')
  declareBeneficiary(
    @Param('id') id: string,
    @Param('beneficiaryId') beneficiaryId: string,
    @Body() body: Posted,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.declare(actor, { beneficiaryId }, beneficiaryBase(id, beneficiaryId), body, req, res, id);
  }

  @Post('programas/:id/beneficiarios/:beneficiaryId/fondos/postulaciones')
  applyBeneficiary(
    @Param('id') id: string,
    @Param('beneficiaryId') beneficiaryId: string,
    @Body() body: Posted,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.apply(actor, { beneficiaryId }, beneficiaryBase(id, beneficiaryId), body, req, res, id);
  }

  @Post('programas/:id/beneficiarios/:beneficiaryId/fondos/postulaciones/:applicationId')
  changeBeneficiary(
    @Param('id') id: string,
    @Param('beneficiaryId') beneficiaryId: string,
    @Param('applicationId') applicationId: string,
    @Body() body: Posted,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const base = beneficiaryBase(id, beneficiaryId);
    return this.change(actor, { beneficiaryId }, base, applicationId, body, req, res, id);
  }

  private async page(
    actor: Actor,
    ref: ApplicantRef,
    base: string,
    req: Request,
    res: Response,
    programId?: string,
    refused?: FundsFormRefusal,
  ): Promise<void> {
    const data = await this.pages.overview(actor, ref, auditContextFrom(req, actor), programId);
    res.status(refused?.status ?? 200).render('funds/matching/page', fundsPageView(locale(res), data, base, refused));
  }

  private async submit(
    actor: Actor,
    ref: ApplicantRef,
    base: string,
    form: string,
    body: Posted,
    req: Request,
    res: Response,
    programId: string | undefined,
    save: () => Promise<unknown>,
  ): Promise<void> {
    // the beneficiary's address names its program: another program's path is not this page
    if (programId !== undefined) await this.pages.assertProgram(actor, ref, programId, auditContextFrom(req, actor));
    try {
      await save();
    } catch (err) {
      const r = formRefusal(err, res);
      return this.page(actor, ref, base, req, res, programId, { ...r, form, posted: body ?? {} });
    }
    setFlash(res, { type: 'success', key: 'flash.saved' });
    res.redirect(303, base);
  }

  private declare(
    actor: Actor,
    ref: ApplicantRef,
    base: string,
    body: Posted,
    req: Request,
    res: Response,
    pid?: string,
  ) {
    return this.submit(actor, ref, base, 'declaration', body, req, res, pid, async () => {
      const dto = await validateBody(FundDeclarationDto, body);
      await this.declarations.record(actor, ref, dto, auditContextFrom(req, actor));
    });
  }

  private apply(
    actor: Actor,
    ref: ApplicantRef,
    base: string,
    body: Posted,
    req: Request,
    res: Response,
    pid?: string,
  ) {
    return this.submit(actor, ref, base, 'application', body, req, res, pid, async () => {
      const { fundCallId, ...rest } = (body ?? {}) as Posted;
      if (typeof fundCallId !== 'string' || !UUID.test(fundCallId))
        throw FundException.field('fundCallId', matchTexts.callRequired());
      const dto = await validateBody(FundApplicationDto, { ...rest, ...ref });
      await this.applications.create(actor, fundCallId, dto, auditContextFrom(req, actor));
    });
  }

  private change(
    actor: Actor,
    ref: ApplicantRef,
    base: string,
    applicationId: string,
    body: Posted,
    req: Request,
    res: Response,
    pid?: string,
  ) {
    if (!UUID.test(applicationId)) throw FundException.notFound();
    return this.submit(actor, ref, base, `application:${applicationId}`, body, req, res, pid, async () => {
      const dto = await validateBody(FundApplicationChangeDto, body);
      await this.applications.update(actor, applicationId, dto, auditContextFrom(req, actor), ref);
    });
  }
}

function beneficiaryBase(programId: string, beneficiaryId: string): string {
  return `/programas/${programId}/beneficiarios/${beneficiaryId}/fondos`;
}
