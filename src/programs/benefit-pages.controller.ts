import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AssociationDirectory } from '../associations/association-directory.service';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { validateBody } from '../common/validation.pipe';
import { BeneficiariesService } from './beneficiaries.service';
import { BenefitsService } from './benefits.service';
import { BenefitDto } from './dto/programs.dto';
import { ProgramConsentService } from './program-consent.service';
import { enrolledAssociations, locale, postedOn, programToday, submitForm } from './program-pages';
import { ProgramsService } from './programs.service';
import { benefitsView, type FormRefusal } from './programs.view-model';

/** The program's benefits against its budget (HTML, issue 17; DOM-PRG-4). */
@ApiExcludeController()
@Controller()
export class BenefitPagesController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly benefits: BenefitsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly consent: ProgramConsentService,
    private readonly directory: AssociationDirectory,
    private readonly clock: Clock,
  ) {}

  private async benefitsPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: FormRefusal & { overBudget: boolean },
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const program = await this.programs.get(actor, id, context);
    const benefits = await this.benefits.list(id);
    const visible = await this.beneficiaries.list(actor, id, {}, context);
    const associations = await enrolledAssociations(this.programs, this.directory, this.consent, id);
    res.status(refused?.status ?? 200).render(
      'programs/benefits',
      benefitsView(
        locale(res),
        {
          program,
          benefits,
          beneficiaries: visible.items.map((b) => ({ id: b.id, label: `${b.businessName} (${b.fullName})` })),
          associations,
          today: programToday(this.clock, program),
          overBudget: refused?.overBudget ?? false,
        },
        postedOn(req, refused),
        refused,
      ),
    );
  }

  @Get('programas/:id/beneficios')
  benefitList(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.benefitsPage(actor, id, req, res);
  }

  @Post('programas/:id/beneficios')
  async recordBenefit(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programs.load(actor, id, auditContextFrom(req, actor));
    await submitForm(
      res,
      async () => {
        const dto = await validateBody(BenefitDto, body);
        await this.benefits.record(actor, id, dto, auditContextFrom(req, actor));
        return [`/programas/${id}/beneficios`, { key: 'flash.programBenefitRecorded' }];
      },
      // DOM-PRG-4: past the budget, the form comes back asking for the explicit confirmation
      (refused, err) =>
        this.benefitsPage(actor, id, req, res, {
          ...refused,
          overBudget: err instanceof DomainException && err.code === 'PROGRAM_BUDGET_EXCEEDED',
        }),
    );
  }
}
