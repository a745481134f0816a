import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { type Actor, isAdmin } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { validateBody } from '../common/validation.pipe';
import { TerritoryService } from '../territory/territory.service';
import { EnrolmentDto, ProgramDto, ProgramOfficerDto } from './dto/programs.dto';
import { PortfolioService } from './portfolio.service';
import { ProgramFilesService } from './program-files.service';
import { download, locale, postedOn, programToday, submitForm, tableFormat } from './program-pages';
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

  private async listPage(actor: Actor, req: Request, res: Response, refused?: FormRefusal): Promise<void> {
    const items = await this.programs.list(actor);
    const canCreate = isAdmin(actor);
    const regions = canCreate ? (await this.territory.communesByRegion({})).regions : [];
    res
      .status(refused?.status ?? 200)
      .render(
        'programs/list',
        programListView(
          locale(res),
          { items, canCreate, regions, year: Number(localDate(this.clock.now(), 'America/Santiago').slice(0, 4)) },
          postedOn(req, refused),
          refused,
        ),
      );
  }

  @Get('programas')
  async list(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const own = programScope(actor);
    // a program officer of one program starts on its portfolio
    if (own && own.length === 1) return res.redirect(`/programas/${own[0]}`);
    return this.listPage(actor, req, res);
  }

  @Post('programas')
  async create(
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!isAdmin(actor)) throw ProgramException.forbidden();
    await submitForm(
      res,
      async () => {
        const dto = await validateBody(ProgramDto, body);
        const program = await this.programs.create(actor, dto, auditContextFrom(req, actor));
        return [`/programas/${program.id}`, { key: 'flash.programCreated', params: { name: program.name } }];
      },
      (refused) => this.listPage(actor, req, res, refused),
    );
  }

  // ---- the portfolio ----

  private async portfolioPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: FormRefusal & { form?: PortfolioForm },
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const program = await this.programs.get(actor, id, context);
    const portfolio = await this.portfolios.portfolio(actor, id, context);
    const enrollable = await this.programs.enrollable(await this.programs.load(actor, id, context));
    const officers = await this.programs.officers(actor, id, context);
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
        postedOn(req, refused),
        refused,
      ),
    );
  }

  @Get('programas/:id')
  portfolio(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.portfolioPage(actor, id, req, res);
  }

  @Post('programas/:id/organizaciones')
  async enrol(
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
        const dto = await validateBody(EnrolmentDto, body);
        const enrolled = await this.programs.enrol(actor, id, dto, auditContextFrom(req, actor));
        return [
          `/programas/${id}#portfolio`,
          { key: 'flash.programAssociationEnrolled', params: { name: enrolled.name } },
        ];
      },
      (refused) => this.portfolioPage(actor, id, req, res, refused),
    );
  }

  /** The admin names a program officer (issue 17 item 1): an existing account gets the role, a new person an invitation. */
  @Post('programas/:id/ejecutivos')
  async nameOfficer(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programs.load(actor, id, auditContextFrom(req, actor));
    if (!isAdmin(actor)) throw ProgramException.forbidden();
    await submitForm(
      res,
      async () => {
        const dto = await validateBody(ProgramOfficerDto, body);
        const { invited } = await this.programs.addOfficer(actor, id, dto, auditContextFrom(req, actor));
        const key = invited ? 'flash.programOfficerInvited' : 'flash.programOfficerNamed';
        return [`/programas/${id}#ejecutivos`, { key, params: { name: dto.name.trim() } }];
      },
      (refused) => this.portfolioPage(actor, id, req, res, { ...refused, form: 'officer' }),
    );
  }

  // ---- downloads: the lists as CSV or XLSX, an association's yearly report (DOM-PRG-7) ----

  @Get('programas/:id/:list.:format')
  async listFile(
    @Param('id') id: string,
    @Param('list') list: string,
    @Param('format') format: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const exporter = LIST_EXPORTS.get(list);
    if (!exporter) throw ProgramException.notFound();
    download(res, await this.files[exporter](actor, id, tableFormat(format), auditContextFrom(req, actor)));
  }

  @Get('programas/:id/organizaciones/:associationId/cuenta-anual.pdf')
  async yearlyReport(
    @Param('id') id: string,
    @Param('associationId') associationId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const report = await this.reports.report(actor, id, associationId, undefined, auditContextFrom(req, actor));
    res.setHeader('X-Verification-Code', report.verificationCode);
    download(res, { filename: report.filename, contentType: 'application/pdf', content: report.content });
  }
}
