import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { translate, type Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formRefusal } from '../common/web/form-errors.filter';
import { INSTITUTION_KINDS } from '../institutions/entities/institution.entity';
import { COUNCIL_SEATS } from './entities/table-participant.entity';
import { TableBoardService } from './table-board.service';
import { TableSessionsService } from './table-sessions.service';
import { TablesService } from './tables.service';
import { InstitutionsService } from '../institutions/institutions.service';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
type Body_ = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The tables' pages (HTML): the list with the form for a new commune table, and a table with its participants and axes. */
@ApiExcludeController()
@Controller()
export class TablesController {
  constructor(
    private readonly tables: TablesService,
    private readonly sessions: TableSessionsService,
    private readonly board: TableBoardService,
    private readonly institutions: InstitutionsService,
  ) {}

  private async listPage(
    actor: Actor,
    req: Request,
    res: Response,
    refused?: { status: number; errors: Record<string, string>; formError: string },
  ): Promise<void> {
    const loc = locale(res);
    const { items } = await this.tables.list(actor);
    const body = (refused ? (req.body ?? {}) : {}) as Body_;
    res.status(refused?.status ?? 200).render('tables/list', {
      title: translate(loc, 'tables.listTitle'),
      items,
      canCreate: isAdmin(actor) || officerCommunes(actor).length > 0,
      communes: (await this.tables.communeNames(isAdmin(actor) ? null : officerCommunes(actor))).map((c) => ({
        value: c.code,
        label: c.name,
      })),
      kinds: ['security', 'productive_development', 'other'].map((value) => ({
        value,
        label: translate(loc, `tables.kinds.${value}`),
      })),
      values: {
        kind: str(body.kind) || 'security',
        name: str(body.name),
        scopeCode: str(body.scopeCode),
        description: str(body.description),
        securityCouncil: body.securityCouncil === 'on' ? 'on' : '',
      },
      errors: refused?.errors ?? {},
      formError: refused?.formError ?? null,
    });
  }

  @Get('mesas')
  list(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.listPage(actor, req, res);
  }

  @Post('mesas')
  async create(
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const b = body ?? {};
    try {
      const table = await this.tables.createTable(
        actor,
        {
          kind: str(b.kind),
          name: str(b.name),
          scopeLevel: 'commune',
          scopeCode: str(b.scopeCode),
          securityCouncil: b.securityCouncil === 'on',
          description: str(b.description) || undefined,
        },
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: 'flash.tableCreated' });
      res.redirect(303, `/mesas/${table.id}`);
    } catch (err) {
      await this.listPage(actor, req, res, formRefusal(err));
    }
  }

  private async tablePage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: {
      status: number;
      errors: Record<string, string>;
      formError: string;
      form: 'participant' | 'axis' | 'session';
    },
  ): Promise<void> {
    const loc = locale(res);
    const table = await this.tables.get(actor, id, auditContextFrom(req, actor));
    const body = (refused ? (req.body ?? {}) : {}) as Body_;
    const chosen = new Set(
      Array.isArray(body.participantIds)
        ? body.participantIds.map(String)
        : typeof body.participantIds === 'string'
          ? [body.participantIds]
          : [],
    );
    const sessions = await this.sessions.sessionsOf(table.id);
    res.status(refused?.status ?? 200).render('tables/show', {
      title: table.name,
      table,
      sessions,
      // DOM-TBL-2: a council meets at least monthly
      councilStatus: table.council ? await this.board.councilStatus(await this.tables.entity(table.id)) : null,
      canManage: table.rights.manage,
      institutions: [
        { value: '', label: translate(loc, 'tables.chooseInstitution') },
        ...(table.rights.manage
          ? (await this.institutions.list({ communeCode: table.communeCode ?? undefined })).items.map((i) => ({
              value: i.id,
              label: i.name,
            }))
          : []),
      ],
      institutionKinds: [
        { value: '', label: '—' },
        ...INSTITUTION_KINDS.map((value) => ({ value, label: translate(loc, `tables.institutionKinds.${value}`) })),
      ],
      councilSeats: [
        { value: '', label: '—' },
        ...Object.keys(COUNCIL_SEATS).map((value) => ({ value, label: translate(loc, `tables.seats.${value}`) })),
      ],
      checklist: table.council
        ? table.council.seats.map((c) => ({ ...c, label: translate(loc, `tables.seats.${c.seat}`) }))
        : [],
      members: table.participants.map((p) => ({
        id: p.id,
        label: `${p.name} (${p.institution.name})`,
        checked: chosen.has(p.id),
      })),
      values:
        refused?.form === 'participant'
          ? {
              councilSeat: str(body.councilSeat),
              institutionId: str(body.institutionId),
              institutionKind: str(body.institutionKind),
              name: str(body.name),
              role: str(body.role),
              email: str(body.email),
              phone: str(body.phone),
              institutionName: str(body.institutionName),
              axisName: '',
              localStart: '',
              place: '',
              onlineUrl: '',
            }
          : {
              councilSeat: '',
              institutionId: '',
              institutionKind: '',
              name: '',
              role: '',
              email: '',
              phone: '',
              institutionName: '',
              axisName: refused?.form === 'axis' ? str(body.name) : '',
              localStart: str(body.localStart),
              place: str(body.place),
              onlineUrl: str(body.onlineUrl),
            },
      errors: refused?.errors ?? {},
      formError: refused?.formError ?? null,
      openForm: refused?.form ?? null,
      timeZone: table.timeZone,
    });
  }

  @Get('mesas/:id')
  show(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.tablePage(actor, id, req, res);
  }

  @Post('mesas/:id/participantes')
  async addParticipant(
    @Param('id') id: string,
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tables.load(actor, id, 'manage', auditContextFrom(req, actor));
    const b = body ?? {};
    try {
      await this.tables.addParticipant(
        actor,
        id,
        {
          institutionId: str(b.institutionId) || undefined,
          institutionName: str(b.institutionName) || undefined,
          institutionKind: str(b.institutionKind) || undefined,
          name: str(b.name),
          role: str(b.role) || undefined,
          email: str(b.email) || undefined,
          phone: str(b.phone) || undefined,
          councilSeat: str(b.councilSeat) || undefined,
        },
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: 'flash.participantAdded' });
      res.redirect(303, `/mesas/${id}#participants`);
    } catch (err) {
      await this.tablePage(actor, id, req, res, { ...formRefusal(err), form: 'participant' });
    }
  }

  @Post('mesas/:id/ejes')
  async addAxis(
    @Param('id') id: string,
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tables.load(actor, id, 'manage', auditContextFrom(req, actor));
    const b = body ?? {};
    const ids = Array.isArray(b.participantIds)
      ? b.participantIds.map(String)
      : typeof b.participantIds === 'string'
        ? [b.participantIds]
        : [];
    try {
      await this.tables.addAxis(actor, id, { name: str(b.name), participantIds: ids }, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.axisAdded' });
      res.redirect(303, `/mesas/${id}#axes`);
    } catch (err) {
      await this.tablePage(actor, id, req, res, {
        ...formRefusal(err, (f) => (f === 'name' ? 'axisName' : f)),
        form: 'axis',
      });
    }
  }

  @Post('mesas/:id/sesiones')
  async createSession(
    @Param('id') id: string,
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tables.load(actor, id, 'manage', auditContextFrom(req, actor));
    const b = body ?? {};
    try {
      const session = await this.sessions.createSession(
        actor,
        id,
        { localStart: str(b.localStart), place: str(b.place), onlineUrl: str(b.onlineUrl) || undefined },
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: 'flash.sessionCreated' });
      res.redirect(303, `/mesas/${id}/sesiones/${session.id}`);
    } catch (err) {
      await this.tablePage(actor, id, req, res, { ...formRefusal(err), form: 'session' });
    }
  }
}
