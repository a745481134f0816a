import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { type Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { setFlash } from '../common/web/flash';
import { formRefusal } from '../common/web/form-errors.filter';
import { ParticipantDto } from './dto/tables.dto';
import {
  AccountFormDto,
  AxisFormDto,
  CoordinatorFormDto,
  TableRequestFormDto,
  sessionInputFromForm,
  tableInputFromForm,
  TableFormDto,
  TableSessionFormDto,
} from './dto/table-forms.dto';
import { TableBoardService } from './table-board.service';
import { TableSessionsService } from './table-sessions.service';
import { TablesService } from './tables.service';
import { TableParticipantsService } from './table-participants.service';
import { TableAccountsService } from './table-accounts.service';
import { TableRequestsService } from './table-requests.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { type FormRefusal, type PostedForm, type TableForm, tableListView, tableShowView } from './tables.view-model';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
/** What a refused form posted: only to show it again (tables.view-model). */
const postedOn = (req: Request, refused: unknown): PostedForm => (refused ? (req.body ?? {}) : {}) as PostedForm;

/** The tables' pages (HTML): the list with the form for a new commune table, and a table with its participants and axes. */
@ApiExcludeController()
@Controller()
export class TablesController {
  constructor(
    private readonly tables: TablesService,
    private readonly participants: TableParticipantsService,
    private readonly sessions: TableSessionsService,
    private readonly board: TableBoardService,
    private readonly institutions: InstitutionsService,
    private readonly accounts: TableAccountsService,
    private readonly requests: TableRequestsService,
  ) {}

  private async listPage(
    actor: Actor,
    req: Request,
    res: Response,
    refused?: FormRefusal & { form?: 'table' | 'request' },
  ): Promise<void> {
    const { items } = await this.tables.list(actor);
    const communes = await this.tables.communeNames(isAdmin(actor) ? null : officerCommunes(actor));
    const canCreate = isAdmin(actor) || officerCommunes(actor).length > 0;
    // issue 20 item 2: the administration creates province and region tables; a municipality asks for one
    const wider = canCreate ? await this.requests.widerScopes(isAdmin(actor) ? null : officerCommunes(actor)) : [];
    res
      .status(refused?.status ?? 200)
      .render(
        'tables/list',
        tableListView(
          locale(res),
          { items, canCreate, communes, wider, canCreateWider: isAdmin(actor) },
          postedOn(req, refused),
          refused,
        ),
      );
  }

  /** Issue 20 item 2: a municipal officer asks the administration for a province or region table (a mail to them). */
  @Post('mesas/solicitudes')
  async requestTable(
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const dto = await validateBody(TableRequestFormDto, body);
      await this.requests.request(
        actor,
        { kind: dto.requestKind, name: dto.requestName, scope: dto.requestScope, reason: dto.requestReason },
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: 'flash.tableRequested' });
      res.redirect(303, '/mesas');
    } catch (err) {
      await this.listPage(actor, req, res, { ...formRefusal(err, res), form: 'request' });
    }
  }

  @Get('mesas')
  list(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.listPage(actor, req, res);
  }

  @Post('mesas')
  async create(
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const dto = await validateBody(TableFormDto, body);
      const table = await this.tables.createTable(actor, tableInputFromForm(dto), auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.tableCreated' });
      res.redirect(303, `/mesas/${table.id}`);
    } catch (err) {
      await this.listPage(actor, req, res, formRefusal(err, res));
    }
  }

  private async tablePage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: FormRefusal & { form: TableForm },
  ): Promise<void> {
    const table = await this.tables.get(actor, id, auditContextFrom(req, actor));
    const sessions = await this.sessions.sessionsOf(table.id);
    const councilStatus = table.council ? await this.board.councilStatus(await this.tables.entity(table.id)) : null;
    const institutions = table.rights.manage
      ? (await this.institutions.list({ communeCode: table.communeCode ?? undefined })).items
      : [];
    const accounts = table.rights.manage ? await this.accounts.accounts(table.id) : null;
    res
      .status(refused?.status ?? 200)
      .render(
        'tables/show',
        tableShowView(
          locale(res),
          { table, sessions, councilStatus, institutions, accounts },
          postedOn(req, refused),
          refused,
        ),
      );
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
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tableForm({ actor, tableId: id, req, res }, 'participant', 'flash.participantAdded', async () => {
      const dto = await validateBody(ParticipantDto, body);
      await this.participants.addParticipant(actor, id, dto, auditContextFrom(req, actor));
      return `/mesas/${id}#participants`;
    });
  }

  /** Issue 20 item 2: the representative gets an account on the table (invited when new), linked by e-mail. */
  @Post('mesas/:id/participantes/:participantId/cuenta')
  async giveAccount(
    @Param('id') id: string,
    @Param('participantId') participantId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const rename = (f: string) => (f === 'email' ? 'accountEmail' : f);
    await this.tableForm({ actor, tableId: id, req, res, rename }, 'account', '', async () => {
      const dto = await validateBody(AccountFormDto, body);
      const given = await this.accounts.giveAccount(
        actor,
        id,
        participantId,
        { email: dto.accountEmail },
        auditContextFrom(req, actor),
      );
      const key = given.invited ? 'flash.tableAccountInvited' : 'flash.tableAccountGranted';
      return [`/mesas/${id}#participants`, { key, params: { email: given.email, name: given.name } }];
    });
  }

  /** Issue 20 item 2: a coordinator named by e-mail from the table's page (invited when new). */
  @Post('mesas/:id/coordinadores')
  async nameCoordinator(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tableForm({ actor, tableId: id, req, res }, 'coordinator', '', async () => {
      const dto = await validateBody(CoordinatorFormDto, body);
      const named = await this.accounts.nameCoordinator(
        actor,
        id,
        { name: dto.coordinatorName, email: dto.coordinatorEmail },
        auditContextFrom(req, actor),
      );
      const key = named.invited ? 'flash.tableCoordinatorInvited' : 'flash.tableCoordinatorNamed';
      return [`/mesas/${id}#coordinators`, { key, params: { email: named.email, name: named.name } }];
    });
  }

  @Post('mesas/:id/ejes')
  async addAxis(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // the axis form's name field is axisName (the participant form beside it has a name too)
    const rename = (f: string) => (f === 'name' ? 'axisName' : f);
    await this.tableForm({ actor, tableId: id, req, res, rename }, 'axis', 'flash.axisAdded', async () => {
      const dto = await validateBody(AxisFormDto, body);
      await this.participants.addAxis(actor, id, dto, auditContextFrom(req, actor));
      return `/mesas/${id}#axes`;
    });
  }

  @Post('mesas/:id/sesiones')
  async createSession(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tableForm({ actor, tableId: id, req, res }, 'session', 'flash.sessionCreated', async () => {
      const dto = await validateBody(TableSessionFormDto, body);
      const input = sessionInputFromForm(dto);
      const session = await this.sessions.createSession(actor, id, input, auditContextFrom(req, actor));
      return `/mesas/${id}/sesiones/${session.id}`;
    });
  }

  /**
   * A form of a table's page (who manages it): the right is checked first; saved, a flash and a 303 to the address
   * `save` returns; refused, the table's page again with the input and the messages (`rename`: a field's name on the form).
   */
  private async tableForm(
    post: { actor: Actor; tableId: string; req: Request; res: Response; rename?: (field: string) => string },
    form: TableForm,
    flash: string,
    save: () => Promise<string | [string, { key: string; params: Record<string, string> }]>,
  ): Promise<void> {
    const { actor, tableId, req, res, rename } = post;
    await this.tables.load(actor, tableId, 'manage', auditContextFrom(req, actor));
    try {
      const saved = await save();
      // a form whose message names what was done returns it with the address
      const [location, message] = typeof saved === 'string' ? [saved, { key: flash, params: {} }] : saved;
      setFlash(res, { type: 'success', key: message.key, params: message.params });
      res.redirect(303, location);
    } catch (err) {
      await this.tablePage(actor, tableId, req, res, { ...formRefusal(err, res, rename), form });
    }
  }
}
