import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../../audit/caller';
import type { Actor } from '../../common/access/actor';
import { CurrentActor } from '../../common/access/decorators';
import type { Locale } from '../../common/i18n/i18n';
import { validateBody } from '../../common/validation.pipe';
import { doneTo, submitForm } from '../../common/web/page-form';
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
  association(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.page(who, ofAssociation(id), res);
  }

  @Post('organizaciones/:id/fondos/declaracion')
  declareAssociation(
    @Param('id') id: string,
    @Body() body: Posted,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    return this.declare(who, ofAssociation(id), body, res);
  }

  @Post('organizaciones/:id/fondos/postulaciones')
  applyAssociation(@Param('id') id: string, @Body() body: Posted, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.apply(who, ofAssociation(id), body, res);
  }

  @Post('organizaciones/:id/fondos/postulaciones/:applicationId')
  changeAssociation(
    @Param() p: AssociationApplication,
    @Body() body: Posted,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    return this.change(who, ofAssociation(p.id), [p.applicationId, body], res);
  }

  @Get('programas/:id/beneficiarios/:beneficiaryId/fondos')
  beneficiary(@Param() p: BeneficiaryPath, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.page(who, ofBeneficiary(p), res);
  }

  @Post('programas/:id/beneficiarios/:beneficiaryId/fondos/declaracion')
  declareBeneficiary(
    @Param() p: BeneficiaryPath,
    @Body() body: Posted,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    return this.declare(who, ofBeneficiary(p), body, res);
  }

  @Post('programas/:id/beneficiarios/:beneficiaryId/fondos/postulaciones')
  applyBeneficiary(
    @Param() p: BeneficiaryPath,
    @Body() body: Posted,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    return this.apply(who, ofBeneficiary(p), body, res);
  }

  @Post('programas/:id/beneficiarios/:beneficiaryId/fondos/postulaciones/:applicationId')
  changeBeneficiary(
    @Param() p: BeneficiaryPath & { applicationId: string },
    @Body() body: Posted,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    return this.change(who, ofBeneficiary(p), [p.applicationId, body], res);
  }

  private async page(who: Caller, at: Applicant, res: Response, refused?: FundsFormRefusal): Promise<void> {
    const data = await this.pages.overview(who.actor, at.ref, who.audit, at.programId);
    res
      .status(refused?.status ?? 200)
      .render('funds/matching/page', fundsPageView(locale(res), data, at.base, refused));
  }

  /** A form on the page: saved, back to it; refused, the page again with the form's messages and its input. */
  private async submit(
    who: Caller,
    at: Applicant,
    [form, body]: [string, Posted],
    res: Response,
    save: () => Promise<unknown>,
  ): Promise<void> {
    // the beneficiary's address names its program: another program's path is not this page
    if (at.programId !== undefined) await this.pages.assertProgram(who.actor, at.ref, at.programId, who.audit);
    const act = async () => {
      await save();
      return doneTo(at.base, 'flash.saved');
    };
    await submitForm(res, act, (refused) => this.page(who, at, res, { ...refused, form, posted: body ?? {} }));
  }

  private declare(who: Caller, at: Applicant, body: Posted, res: Response) {
    return this.submit(who, at, ['declaration', body], res, async () => {
      await this.declarations.record(who.actor, at.ref, await validateBody(FundDeclarationDto, body), who.audit);
    });
  }

  private apply(who: Caller, at: Applicant, body: Posted, res: Response) {
    return this.submit(who, at, ['application', body], res, async () => {
      const { fundCallId, ...rest } = (body ?? {}) as Posted;
      if (typeof fundCallId !== 'string' || !UUID.test(fundCallId))
        throw FundException.field('fundCallId', matchTexts.callRequired());
      const dto = await validateBody(FundApplicationDto, { ...rest, ...at.ref });
      await this.applications.create(who.actor, fundCallId, dto, who.audit);
    });
  }

  private change(who: Caller, at: Applicant, [applicationId, body]: [string, Posted], res: Response) {
    if (!UUID.test(applicationId)) throw FundException.notFound();
    return this.submit(who, at, [`application:${applicationId}`, body], res, async () => {
      const dto = await validateBody(FundApplicationChangeDto, body);
      await this.applications.update(who.actor, applicationId, dto, who.audit, at.ref);
    });
  }
}

/** Whose funds a page shows: the applicant, the page's address and, for a beneficiary, the program in its path. */
interface Applicant {
  ref: ApplicantRef;
  base: string;
  programId?: string;
}

type BeneficiaryPath = { id: string; beneficiaryId: string };
type AssociationApplication = { id: string; applicationId: string };

function ofAssociation(associationId: string): Applicant {
  return { ref: { associationId }, base: `/organizaciones/${associationId}/fondos` };
}

function ofBeneficiary({ id, beneficiaryId }: BeneficiaryPath): Applicant {
  return { ref: { beneficiaryId }, base: `/programas/${id}/beneficiarios/${beneficiaryId}/fondos`, programId: id };
}
