import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AssociationDirectory } from '../associations/association-directory.service';
import { CurrentCaller, type Caller } from '../audit/caller';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { validateBody } from '../common/validation.pipe';
import { doneTo, submitForm } from '../common/web/page-form';
import { BeneficiariesService } from './beneficiaries.service';
import { BenefitsService } from './benefits.service';
import { BenefitDto } from './dto/programs.dto';
import { ProgramConsentService } from './program-consent.service';
import { enrolledAssociations, locale, postedOn, programToday } from './program-pages';
import { ProgramsService } from './programs.service';
import { benefitsView, type FormRefusal } from './programs.view-model';

type BenefitsRefusal = FormRefusal & { overBudget: boolean };

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

  private async benefitsPage(who: Caller, id: string, res: Response, refused?: BenefitsRefusal, posted?: unknown) {
    const program = await this.programs.get(who.actor, id, who.audit);
    const benefits = await this.benefits.list(id);
    const visible = await this.beneficiaries.list(who.actor, id, {}, who.audit);
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
        postedOn(refused, posted),
        refused,
      ),
    );
  }

  @Get('programas/:id/beneficios')
  benefitList(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.benefitsPage(who, id, res);
  }

  @Post('programas/:id/beneficios')
  async record(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    await this.programs.load(who.actor, id, who.audit);
    const act = async () => {
      await this.benefits.record(who.actor, id, await validateBody(BenefitDto, body), who.audit);
      return doneTo(`/programas/${id}/beneficios`, 'flash.programBenefitRecorded');
    };
    // DOM-PRG-4: past the budget, the form comes back asking for the explicit confirmation
    const overBudget = (err: unknown) => err instanceof DomainException && err.code === 'PROGRAM_BUDGET_EXCEEDED';
    await submitForm(res, act, (refused, err) =>
      this.benefitsPage(who, id, res, { ...refused, overBudget: overBudget(err) }, body),
    );
  }
}
