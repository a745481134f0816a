import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AssociationDirectory } from '../associations/association-directory.service';
import { auditContextFrom } from '../audit/audit.service';
import { type Actor, isAdmin } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { localDate } from '../common/format/dates';
import { type Locale, translate } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { type FlashMessage, setFlash } from '../common/web/flash';
import { formRefusal } from '../common/web/form-errors.filter';
import { TerritoryService } from '../territory/territory.service';
import { ActivitiesService } from './activities.service';
import { BeneficiariesService } from './beneficiaries.service';
import { BenefitsService } from './benefits.service';
import {
  ActivityAttendanceDto,
  ActivityDto,
  BeneficiaryDto,
  BeneficiaryQueryDto,
  BenefitDto,
  EnrolmentDto,
  ProgramConsentDto,
  ProgramDto,
} from './dto/programs.dto';
import { PortfolioService } from './portfolio.service';
import { ProgramFilesService, type TableDownload } from './program-files.service';
import { ProgramReportService } from './program-report.service';
import { ProgramConsentService } from './program-consent.service';
import { programScope } from './program-access';
import { ProgramException } from './programs.exception';
import { programTexts } from './programs.messages';
import { ProgramsService, type ProgramView } from './programs.service';
import {
  activitiesView,
  activityView,
  type BeneficiaryForm,
  beneficiariesView,
  benefitsView,
  consentsView,
  importView,
  type FormRefusal,
  type PostedForm,
  portfolioView,
  programListView,
} from './programs.view-model';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
/** What a refused form posted: only to show it again (programs.view-model). */
const postedOn = (req: Request, refused: unknown): PostedForm => (refused ? (req.body ?? {}) : {}) as PostedForm;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const one = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * The programs' pages (HTML, issue 17): the admin's list, the program officer's portfolio (DOM-PRG-6), beneficiaries
 * (DOM-PRG-2, DOM-PRG-3), benefits against the budget (DOM-PRG-4), activities with attendance taken on a phone
 * (DOM-PRG-5), and an association's consent to share its roster (DOM-PRG-3). The services enforce who may see what:
 * an officer of another program gets 404.
 */
@ApiExcludeController()
@Controller()
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly consent: ProgramConsentService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly benefits: BenefitsService,
    private readonly activities: ActivitiesService,
    private readonly portfolios: PortfolioService,
    private readonly directory: AssociationDirectory,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
    private readonly files: ProgramFilesService,
    private readonly reports: ProgramReportService,
  ) {}

  private today(program: ProgramView): string {
    return localDate(this.clock.now(), program.timeZone);
  }

  /** The enrolled associations by name, and whether each shares its roster with the program now. */
  private async enrolled(programId: string): Promise<{ id: string; name: string; sharing: boolean }[]> {
    const ids = (await this.programs.enrolments(programId)).map((e) => e.associationId);
    const [summaries, sharing] = await Promise.all([
      this.directory.summaries(ids),
      this.consent.sharingAssociations(programId),
    ]);
    return ids
      .filter((id) => summaries.has(id))
      .map((id) => ({ id, name: summaries.get(id)!.name, sharing: sharing.has(id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'es'));
  }

  // ---- 1. the list of programs ----

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

  // ---- 2. the portfolio ----

  private async portfolioPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: FormRefusal,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const program = await this.programs.get(actor, id, context);
    const portfolio = await this.portfolios.portfolio(actor, id, context);
    const enrollable = await this.programs.enrollable(await this.programs.load(actor, id, context));
    res
      .status(refused?.status ?? 200)
      .render(
        'programs/portfolio',
        portfolioView(
          locale(res),
          { program, portfolio, enrollable, today: this.today(program) },
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

  // ---- 3. beneficiaries ----

  private async beneficiariesPage(
    actor: Actor,
    id: string,
    query: Record<string, unknown>,
    req: Request,
    res: Response,
    refused?: FormRefusal & { form: BeneficiaryForm },
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const program = await this.programs.get(actor, id, context);
    // the list's filters (the roster picker's rosterAssociationId and the language switch are not filters)
    const { q, category, ownerSex, associationId } = query;
    const filter = refused ? {} : await validateBody(BeneficiaryQueryDto, { q, category, ownerSex, associationId });
    const list = await this.beneficiaries.list(actor, id, filter, context);
    const associations = await this.enrolled(id);
    const categories = Object.keys((await this.beneficiaries.counts(id)).byCategory).sort((a, b) =>
      a.localeCompare(b, 'es'),
    );
    // the roster form's second step: the members of the association picked (only while it shares its roster)
    const picked = one(refused?.form === 'roster' ? (req.body as PostedForm).associationId : query.rosterAssociationId);
    const sharing = associations.find((a) => a.id === picked && a.sharing);
    const roster = sharing
      ? { associationId: sharing.id, members: await this.beneficiaries.rosterToPick(actor, id, sharing.id, context) }
      : null;
    res
      .status(refused?.status ?? 200)
      .render(
        'programs/beneficiaries',
        beneficiariesView(
          locale(res),
          { program, list, filter, categories, associations, roster, today: this.today(program) },
          postedOn(req, refused),
          refused,
        ),
      );
  }

  @Get('programas/:id/beneficiarios')
  beneficiaryList(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.beneficiariesPage(actor, id, query, req, res);
  }

  /** Both beneficiary forms: direct (with the person's consent) and from a consenting roster (memberId). */
  private async addBeneficiary(
    form: BeneficiaryForm,
    id: string,
    body: unknown,
    actor: Actor,
    req: Request,
    res: Response,
  ): Promise<void> {
    await this.programs.load(actor, id, auditContextFrom(req, actor));
    await submitForm(
      res,
      async () => {
        const posted = (body ?? {}) as PostedForm;
        // the roster form always names a member: without one it is refused for that field, never taken as direct
        if (form === 'roster' && !one(posted.memberId))
          throw ProgramException.field('memberId', programTexts.memberUnknown(), 'VALIDATION_FAILED', 422);
        const dto = await validateBody(BeneficiaryDto, posted);
        if (form === 'direct') dto.memberId = undefined;
        const added = await this.beneficiaries.add(actor, id, dto, auditContextFrom(req, actor));
        return [
          `/programas/${id}/beneficiarios`,
          { key: 'flash.programBeneficiaryAdded', params: { name: added.fullName } },
        ];
      },
      (refused) => this.beneficiariesPage(actor, id, {}, req, res, { ...refused, form }),
      (f) => (f === 'dni' ? 'rut' : f),
    );
  }

  @Post('programas/:id/beneficiarios')
  addDirect(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.addBeneficiary('direct', id, body, actor, req, res);
  }

  @Post('programas/:id/beneficiarios/registro')
  addFromRoster(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.addBeneficiary('roster', id, body, actor, req, res);
  }

  // the import (all or nothing): the file comes as multipart (parsed before the CSRF check, app.setup.ts)

  private async importPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: { status: number; formError: string; lines: { field: string; message: string }[] },
  ): Promise<void> {
    const program = await this.programs.get(actor, id, auditContextFrom(req, actor));
    const consentChecked = !!refused && (req.body as PostedForm | undefined)?.consentTextVersion !== undefined;
    res
      .status(refused?.status ?? 200)
      .render('programs/import', importView(locale(res), { program, consentChecked }, refused));
  }

  @Get('programas/:id/beneficiarios/importar')
  importForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.importPage(actor, id, req, res);
  }

  @Post('programas/:id/beneficiarios/importar')
  async importFile(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.programs.load(actor, id, context);
    const file = (req as Request & { file?: { buffer: Buffer; originalname: string } }).file;
    if (!file) {
      const message = translate(locale(res), 'programs.noFile');
      return this.importPage(actor, id, req, res, { status: 400, formError: message, lines: [] });
    }
    const consent = one((req.body as PostedForm | undefined)?.consentTextVersion);
    const format = /\.xlsx$/i.test(file.originalname) ? 'xlsx' : 'csv';
    try {
      const { imported } = await this.files.importBeneficiaries(
        actor,
        id,
        { content: file.buffer, format },
        consent,
        context,
      );
      setFlash(res, { type: 'success', key: 'flash.programBeneficiariesImported', params: { n: imported } });
      res.redirect(303, `/programas/${id}/beneficiarios`);
    } catch (err) {
      const { status, formError } = formRefusal(err, res);
      // every refused line, in order (the summary alone would bury them)
      const lines = (err as DomainException).errorsIn(locale(res));
      await this.importPage(actor, id, req, res, {
        status,
        formError: (err as DomainException).detailIn(locale(res)) || formError,
        lines,
      });
    }
  }

  @Get('programas/:id/beneficiarios/plantilla.:format')
  async template(
    @Param('id') id: string,
    @Param('format') format: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programs.load(actor, id, auditContextFrom(req, actor));
    download(res, await this.files.template(tableFormat(format)));
  }

  // ---- 4. benefits ----

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
    const associations = await this.enrolled(id);
    res.status(refused?.status ?? 200).render(
      'programs/benefits',
      benefitsView(
        locale(res),
        {
          program,
          benefits,
          beneficiaries: visible.items.map((b) => ({ id: b.id, label: `${b.businessName} (${b.fullName})` })),
          associations,
          today: this.today(program),
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

  // ---- 5. activities and attendance ----

  private async activitiesPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: FormRefusal,
  ): Promise<void> {
    const program = await this.programs.get(actor, id, auditContextFrom(req, actor));
    const activities = await this.activities.list(id);
    res
      .status(refused?.status ?? 200)
      .render(
        'programs/activities',
        activitiesView(locale(res), { program, activities }, postedOn(req, refused), refused),
      );
  }

  @Get('programas/:id/actividades')
  activityList(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.activitiesPage(actor, id, req, res);
  }

  @Post('programas/:id/actividades')
  async createActivity(
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
        const dto = await validateBody(ActivityDto, body);
        const activity = await this.activities.create(actor, id, dto, auditContextFrom(req, actor));
        return [`/programas/${id}/actividades/${activity.id}`, { key: 'flash.programActivityCreated' }];
      },
      (refused) => this.activitiesPage(actor, id, req, res, refused),
    );
  }

  private async activityPage(
    actor: Actor,
    id: string,
    activityId: string,
    req: Request,
    res: Response,
    refused?: FormRefusal,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const program = await this.programs.get(actor, id, context);
    const activity = await this.activities.get(actor, activityId, context);
    if (activity.programId !== program.id) throw ProgramException.notFound();
    res
      .status(refused?.status ?? 200)
      .render('programs/activity', activityView(locale(res), { program, activity }, postedOn(req, refused), refused));
  }

  @Get('programas/:id/actividades/:activityId')
  activity(
    @Param('id') id: string,
    @Param('activityId') activityId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.activityPage(actor, id, activityId, req, res);
  }

  @Post('programas/:id/actividades/:activityId/asistencia')
  async attendance(
    @Param('id') id: string,
    @Param('activityId') activityId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.programs.load(actor, id, context);
    const found = await this.activities.get(actor, activityId, context);
    if (found.programId !== id) throw ProgramException.notFound();
    await submitForm(
      res,
      async () => {
        // the radios are named status[<beneficiaryId>]: one mark per row that has one
        const status = ((body ?? {}) as PostedForm).status;
        const marks =
          status && typeof status === 'object' && !Array.isArray(status)
            ? Object.entries(status as Record<string, unknown>)
                .filter(([beneficiaryId]) => UUID.test(beneficiaryId))
                .map(([beneficiaryId, value]) => ({ beneficiaryId, status: value }))
            : [];
        const dto = await validateBody(ActivityAttendanceDto, { marks });
        await this.activities.setAttendance(actor, activityId, dto.marks, context);
        return [`/programas/${id}/actividades/${activityId}`, { key: 'flash.attendanceSaved' }];
      },
      (refused) => this.activityPage(actor, id, activityId, req, res, refused),
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

  // ---- 6. an association's programs and its consent ----

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

/**
 * A form's post: saved, a 303 to `location` with a success message; refused, the page again with each field's message
 * and the refusal's 4xx (`rename` maps the service's field names to the form's). Not found and forbidden propagate.
 */
async function submitForm(
  res: Response,
  save: () => Promise<[location: string, flash: Omit<FlashMessage, 'type'>]>,
  refusedPage: (refused: FormRefusal, err: unknown) => Promise<void>,
  rename?: (field: string) => string,
): Promise<void> {
  let saved: [string, Omit<FlashMessage, 'type'>];
  try {
    saved = await save();
  } catch (err) {
    return refusedPage(formRefusal(err, res, rename), err);
  }
  setFlash(res, { type: 'success', ...saved[1] });
  res.redirect(303, saved[0]);
}

/** The pages' list downloads: `/programas/:id/<list>.csv` (or .xlsx). */
const LIST_EXPORTS = new Map<string, 'exportBeneficiaries' | 'exportBenefits' | 'exportPortfolio'>([
  ['beneficiarios', 'exportBeneficiaries'],
  ['beneficios', 'exportBenefits'],
  ['cartera', 'exportPortfolio'],
]);

/** The export formats of the pages (anything else is not a page: 404). */
function tableFormat(format: string): 'csv' | 'xlsx' {
  if (format !== 'csv' && format !== 'xlsx') throw ProgramException.notFound();
  return format;
}

/** A generated file as an attachment, never cached (it carries personal data). */
function download(res: Response, file: TableDownload): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(file.content);
}
