import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditContextFrom } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { CurrentActor } from '../../common/access/decorators';
import { Clock } from '../../common/clock';
import { localDate } from '../../common/format/dates';
import type { Locale } from '../../common/i18n/i18n';
import { doneTo, submitForm } from '../../common/web/page-form';
import { validateBody } from '../../common/validation.pipe';
import { ViewEngine } from '../../common/views/view-engine';
import { ProgramsService } from '../../programs/programs.service';
import { weeksOfMonth } from './allocation';
import {
  MarketAllocationDto,
  MarketApplicationDto,
  MarketOwnApplicationDto,
  MarketVenueDto,
  MONTH,
} from './dto/market-venue.dto';
import { MarketAllocationService } from './market-allocation.service';
import { MarketApplicationsService } from './market-applications.service';
import { marketPageTexts, marketTexts } from './market.messages';
import { managesVenue } from './market-venue-access';
import {
  ownApplyView,
  type Posted,
  type Refusal,
  shiftMonth,
  venuePageView,
  venuesView,
} from './market-venue.view-model';
import { MarketVenuesService, venueView } from './market-venues.service';
import { MarketException } from './market.exception';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
const posted = (req: Request, refused: unknown): Posted => (refused ? ((req.body ?? {}) as Posted) : {});
/** What a saved form says on the page it lands on (?hecho=): a fixed list, never free text. */
const NOTICES = { borrador: 'draftDone', postulacion: 'applied' } as const;

/**
 * The market venues' pages (issue 19): a program's venues with the form for a new one, the venue's month (grid of
 * weeks by stands, waitlist, reasons, applications, the draft), and the entrepreneur's own application. The services
 * decide who may see what (404 outside the venue's managers).
 */
@ApiExcludeController()
@Controller()
export class MarketVenuePagesController {
  constructor(
    private readonly venues: MarketVenuesService,
    private readonly applications: MarketApplicationsService,
    private readonly allocation: MarketAllocationService,
    private readonly programs: ProgramsService,
    private readonly clock: Clock,
    private readonly views: ViewEngine,
  ) {}

  /**
   * The operations' buttons for the month (publish, attendance, PDF, public page: MarketOperationsModule's
   * views/market/operations/month-actions.hbs, which needs venue.id, month, published and csrfToken), rendered into
   * the venue page when that view exists.
   */
  private monthActions(context: Record<string, unknown>): Handlebars.SafeString | null {
    const view = 'market/operations/month-actions';
    if (!fs.existsSync(path.join(this.views.viewsDir, `${view}.hbs`))) return null;
    return new Handlebars.SafeString(this.views.render(view, context, { layout: false }));
  }

  /** The month shown by default: the next one in the venue's zone (the one being applied for). */
  private defaultMonth(timeZone: string): string {
    return shiftMonth(localDate(this.clock.now(), timeZone).slice(0, 7), 1);
  }

  // ---- a program's venues ----

  private async programVenuesPage(actor: Actor, programId: string, req: Request, res: Response, refused?: Refusal) {
    const program = await this.programs.get(actor, programId, auditContextFrom(req, actor));
    const venues = await this.venues.list(actor, program.id);
    res.status(refused?.status ?? 200).render(
      'market/venues',
      venuesView(
        locale(res),
        {
          title: `${marketPageTexts.venuesTitle()[locale(res)]} · ${program.name}`,
          programId: program.id,
          venues,
          canCreate: true,
          communeCode: program.communeCodes[0] ?? '',
        },
        posted(req, refused),
        refused,
      ),
    );
  }

  @Get('programas/:id/semanas-de-venta')
  programVenues(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    return this.programVenuesPage(actor, id, req, res);
  }

  @Post('programas/:id/semanas-de-venta')
  async createVenue(
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
        const dto = await validateBody(MarketVenueDto, { ...(body as object), programId: id });
        const venue = await this.venues.create(actor, dto, auditContextFrom(req, actor));
        return doneTo(`/semanas-de-venta/${venue.id}`);
      },
      (refused) => this.programVenuesPage(actor, id, req, res, refused),
    );
  }

  /** Every venue the user manages (a table's coordinators land here from the menu or a link). */
  @Get('semanas-de-venta')
  async managed(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const venues = await this.venues.list(actor);
    res.render(
      'market/venues',
      venuesView(
        locale(res),
        {
          title: marketPageTexts.venuesTitle()[locale(res)],
          programId: null,
          venues,
          canCreate: false,
          communeCode: '',
        },
        {},
      ),
    );
  }

  // ---- the venue's month ----

  private async venuePage(actor: Actor, id: string, mes: unknown, req: Request, res: Response, refused?: Refusal) {
    const venue = await this.venues.load(actor, id);
    const month = typeof mes === 'string' && MONTH.test(mes) ? mes : this.defaultMonth(venue.timeZone);
    const [view, explained, candidates] = await Promise.all([
      this.allocation.monthOf(venue, month),
      this.allocation.explain(venue, month),
      this.applications.candidates(venue),
    ]);
    const hecho = typeof req.query.hecho === 'string' ? req.query.hecho : '';
    const notice = hecho in NOTICES ? marketPageTexts[NOTICES[hecho as keyof typeof NOTICES]]()[locale(res)] : null;
    const actions = this.monthActions({
      venue: venueView(venue),
      month,
      published: view.published,
      csrf: res.locals.csrf as unknown, // {{csrfToken}} reads it
      locale: res.locals.locale as unknown,
    });
    res.status(refused?.status ?? 200).render('market/venue', {
      ...venuePageView(
        locale(res),
        {
          venue: venueView(venue),
          month,
          view,
          applicants: explained.applicants,
          placements: explained.placements,
          candidates,
          notice,
        },
        posted(req, refused),
        refused,
      ),
      monthActions: actions,
    });
  }

  @Get('semanas-de-venta/:id')
  venue(
    @Param('id') id: string,
    @Query('mes') mes: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.venuePage(actor, id, mes, req, res);
  }

  @Post('semanas-de-venta/:id/postulaciones')
  async applyForOne(
    @Param('id') id: string,
    @Query('mes') mes: unknown,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.venues.load(actor, id);
    await submitForm(
      res,
      async () => {
        const dto = await validateBody(MarketApplicationDto, body);
        await this.applications.apply(actor, id, dto, auditContextFrom(req, actor));
        return doneTo(`/semanas-de-venta/${id}?mes=${dto.month}&hecho=postulacion#postulaciones`);
      },
      (refused) => this.venuePage(actor, id, mes, req, res, refused),
    );
  }

  @Post('semanas-de-venta/:id/sorteo')
  async draft(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const venue = await this.venues.load(actor, id);
    const month = (body as { month?: unknown } | null)?.month;
    await submitForm(
      res,
      async () => {
        const dto = await validateBody(MarketAllocationDto, { month });
        await this.allocation.run(actor, venue.id, dto.month, auditContextFrom(req, actor));
        return doneTo(`/semanas-de-venta/${venue.id}?mes=${dto.month}&hecho=borrador`);
      },
      (refused) => this.venuePage(actor, id, month, req, res, refused),
    );
  }

  // ---- the entrepreneur's own application ----

  private async ownPage(actor: Actor, req: Request, res: Response, refused?: Refusal) {
    const businesses = await this.applications.ownVenues(actor);
    const zone = businesses[0]?.venues[0]?.timeZone ?? 'America/Santiago';
    const month = this.defaultMonth(zone);
    const firstVenue = businesses[0]?.venues[0];
    const names = new Map(businesses.flatMap((b) => b.venues.map((v) => [v.id, v.name] as const)));
    const labels = new Map(businesses.map((b) => [b.beneficiaryId, b.businessName]));
    const applied = await this.applications.ofBeneficiaries(businesses.map((b) => b.beneficiaryId));
    res.status(refused?.status ?? 200).render(
      'market/apply',
      ownApplyView(
        locale(res),
        {
          businesses: businesses.map((b) => ({ ...b, venues: b.venues.map((v) => ({ id: v.id, name: v.name })) })),
          month,
          weeks: firstVenue ? weeksOfMonth(month, firstVenue.ownDates) : [],
          applied: applied.map((a) => ({
            venueName: names.get(a.venueId) ?? '',
            businessName: labels.get(a.beneficiaryId) ?? '',
            month: a.month,
            preferred: a.preferredWeeks.join(', '),
          })),
          notice: req.query.hecho === 'postulacion' ? marketPageTexts.applied()[locale(res)] : null,
        },
        posted(req, refused),
        refused,
      ),
    );
  }

  @Get('mis-semanas/postular')
  ownForm(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    return this.ownPage(actor, req, res);
  }

  @Post('mis-semanas/postular')
  async ownApply(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    await submitForm(
      res,
      async () => {
        const dto = await validateBody(MarketOwnApplicationDto, body);
        const { venueId, ...application } = dto;
        const venue = await this.venues.find(venueId);
        if (!venue || (!managesVenue(actor, venue) && !(await this.applications.ownBusinesses(actor, venue)).length))
          throw MarketException.field('venueId', marketTexts.noApplicableVenue());
        await this.applications.apply(
          actor,
          venueId,
          application as MarketApplicationDto,
          auditContextFrom(req, actor),
        );
        return doneTo('/mis-semanas/postular?hecho=postulacion');
      },
      (refused) => this.ownPage(actor, req, res, refused),
    );
  }
}
