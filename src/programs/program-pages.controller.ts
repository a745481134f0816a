import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { isAdmin } from '../common/access/actor';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { validateBody } from '../common/validation.pipe';
import { doneTo, submitForm } from '../common/web/page-form';
import { TerritoryService } from '../territory/territory.service';
import { EnrolmentDto, ProgramDto, ProgramOfficerDto } from './dto/programs.dto';
import { PortfolioService } from './portfolio.service';
import { ProgramFilesService } from './program-files.service';
import { download, locale, postedOn, programToday, tableFormat } from './program-pages';
import { ProgramReportService } from './program-report.service';
import { programScope } from './program-access';
import { ProgramException } from './programs.exception';
import { ProgramsService } from './programs.service';
import { type PortfolioForm, portfolioView } from './portfolio.view-model';
import { type FormRefusal, programListView } from './programs.view-model';

/** The pages' list downloads: `/programas/:id/<list>.csv` (or .xlsx). */
const LIST_EXPORTS = new Map<string, 'exportBeneficiaries' | 'exportBenefits' | 'exportPortfolio'>([
  ['beneficiarios', 'exportBeneficiaries'],
  ['beneficios', 'exportBenefits'],
  ['cartera', 'exportPortfolio'],
]);

type PortfolioRefusal = FormRefusal & { form?: PortfolioForm };
/** A list download's address (`/programas/:id/<list>.<format>`) and a yearly report's. */
type ListFilePath = { id: string; list: string; format: string };
type ReportPath = { id: string; associationId: string };

/**
 * The program's own pages (HTML, issue 17): the admin's list and new program, the program officer's portfolio
 * (DOM-PRG-6) with the enrolment of an association, the lists as CSV or XLSX and an association's yearly report
 * (DOM-PRG-7). The services enforce who may see what: an officer of another program gets 404.
 */
@ApiExcludeController()
@Controller()
export class ProgramPagesController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly portfolios: PortfolioService,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
    private readonly files: ProgramFilesService,
    private readonly reports: ProgramReportService,
  ) {}

  // ---- the list of programs ----

  private async listPage(who: Caller, res: Response, refused?: FormRefusal, posted?: unknown): Promise<void> {
    const items = await this.programs.list(who.actor);
    const canCreate = isAdmin(who.actor);
    const regions = canCreate ? (await this.territory.communesByRegion({})).regions : [];
    const year = Number(localDate(this.clock.now(), 'America/Santiago').slice(0, 4));
    const view = programListView(locale(res), { items, canCreate, regions, year }, postedOn(refused, posted), refused);
    res.status(refused?.status ?? 200).render('programs/list', view);
  }

  @Get('programas')
  async list(@CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const own = programScope(who.actor);
    // a program officer of one program starts on its portfolio
    if (own && own.length === 1) return res.redirect(`/programas/${own[0]}`);
    return this.listPage(who, res);
  }

  @Post('programas')
  async create(@Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    if (!isAdmin(who.actor)) throw ProgramException.forbidden();
    const act = async () => {
      const program = await this.programs.create(who.actor, await validateBody(ProgramDto, body), who.audit);
      return doneTo(`/programas/${program.id}`, 'flash.programCreated', { name: program.name });
    };
    await submitForm(res, act, (refused) => this.listPage(who, res, refused, body));
  }

  // ---- the portfolio ----

  private async portfolioPage(who: Caller, id: string, res: Response, refused?: PortfolioRefusal, posted?: unknown) {
    const { actor, audit } = who;
    const program = await this.programs.get(actor, id, audit);
    const portfolio = await this.portfolios.portfolio(actor, id, audit);
    const enrollable = await this.programs.enrollable(await this.programs.load(actor, id, audit));
    const officers = await this.programs.officers(actor, id, audit);
    res.status(refused?.status ?? 200).render(
      'programs/portfolio',
      portfolioView(
        locale(res),
        {
          program,
          portfolio,
          enrollable,
          today: programToday(this.clock, program),
          officers,
          canNameOfficers: isAdmin(actor),
        },
        postedOn(refused, posted),
        refused,
      ),
    );
  }

  @Get('programas/:id')
  portfolio(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.portfolioPage(who, id, res);
  }

  @Post('programas/:id/organizaciones')
  async enrol(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    await this.programs.load(who.actor, id, who.audit);
    const act = async () => {
      const enrolled = await this.programs.enrol(who.actor, id, await validateBody(EnrolmentDto, body), who.audit);
      return doneTo(`/programas/${id}#portfolio`, 'flash.programAssociationEnrolled', { name: enrolled.name });
    };
    await submitForm(res, act, (refused) => this.portfolioPage(who, id, res, refused, body));
  }

  /** The admin names a program officer (issue 17 item 1): an existing account gets the role, a new person an invitation. */
  @Post('programas/:id/ejecutivos')
  async officer(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    await this.programs.load(who.actor, id, who.audit);
    if (!isAdmin(who.actor)) throw ProgramException.forbidden();
    const act = async () => {
      const dto = await validateBody(ProgramOfficerDto, body);
      const { invited } = await this.programs.addOfficer(who.actor, id, dto, who.audit);
      const key = invited ? 'flash.programOfficerInvited' : 'flash.programOfficerNamed';
      return doneTo(`/programas/${id}#ejecutivos`, key, { name: dto.name.trim() });
    };
    await submitForm(res, act, (refused) => this.portfolioPage(who, id, res, { ...refused, form: 'officer' }, body));
  }

  // ---- downloads: the lists as CSV or XLSX, an association's yearly report (DOM-PRG-7) ----

  @Get('programas/:id/:list.:format')
  async listFile(@Param() p: ListFilePath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const exporter = LIST_EXPORTS.get(p.list);
    if (!exporter) throw ProgramException.notFound();
    download(res, await this.files[exporter](who.actor, p.id, tableFormat(p.format), who.audit));
  }

  @Get('programas/:id/organizaciones/:associationId/cuenta-anual.pdf')
  async yearlyReport(@Param() p: ReportPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const report = await this.reports.report(who.actor, p.id, p.associationId, undefined, who.audit);
    res.setHeader('X-Verification-Code', report.verificationCode);
    download(res, { filename: report.filename, contentType: 'application/pdf', content: report.content });
  }
}
