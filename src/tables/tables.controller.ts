import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { isAdmin, officerCommunes } from '../common/access/actor';
import { type Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { doneTo, submitForm, type FormDone } from '../common/web/page-form';
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
const postedOn = (refused: unknown, posted: unknown): PostedForm => (refused ? (posted ?? {}) : {}) as PostedForm;
type ListRefusal = FormRefusal & { form?: 'table' | 'request' };
type TableRefusal = FormRefusal & { form: TableForm };
/** A participant's address: the table and the participant. */
type ParticipantPath = { id: string; participantId: string };

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

  private async listPage(who: Caller, res: Response, refused?: ListRefusal, posted?: unknown): Promise<void> {
    const { actor } = who;
    const { items } = await this.tables.list(actor);
    const communes = await this.tables.communeNames(isAdmin(actor) ? null : officerCommunes(actor));
    const canCreate = isAdmin(actor) || officerCommunes(actor).length > 0;
    // issue 20 item 2: the administration creates province and region tables; a municipality asks for one
    const wider = canCreate ? await this.requests.widerScopes(isAdmin(actor) ? null : officerCommunes(actor)) : [];
    const data = { items, canCreate, communes, wider, canCreateWider: isAdmin(actor) };
    const view = tableListView(locale(res), data, postedOn(refused, posted), refused);
    res.status(refused?.status ?? 200).render('tables/list', view);
  }

  /** Issue 20 item 2: a municipal officer asks the administration for a province or region table (a mail to them). */
  @Post('mesas/solicitudes')
  requestTable(@Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const act = async () => {
      const dto = await validateBody(TableRequestFormDto, body);
      const asked = {
        kind: dto.requestKind,
        name: dto.requestName,
        scope: dto.requestScope,
        reason: dto.requestReason,
      };
      await this.requests.request(who.actor, asked, who.audit);
      return doneTo('/mesas', 'flash.tableRequested');
    };
    return submitForm(res, act, (refused) => this.listPage(who, res, { ...refused, form: 'request' }, body));
  }

  @Get('mesas')
  list(@CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.listPage(who, res);
  }

  @Post('mesas')
  create(@Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const act = async () => {
      const dto = await validateBody(TableFormDto, body);
      const table = await this.tables.createTable(who.actor, tableInputFromForm(dto), who.audit);
      return doneTo(`/mesas/${table.id}`, 'flash.tableCreated');
    };
    return submitForm(res, act, (refused) => this.listPage(who, res, refused, body));
  }

  private async tablePage(who: Caller, id: string, res: Response, refused?: TableRefusal, posted?: unknown) {
    const table = await this.tables.get(who.actor, id, who.audit);
    const sessions = await this.sessions.sessionsOf(table.id);
    const councilStatus = table.council ? await this.board.councilStatus(await this.tables.entity(table.id)) : null;
    const institutions = table.rights.manage
      ? (await this.institutions.list({ communeCode: table.communeCode ?? undefined })).items
      : [];
    const accounts = table.rights.manage ? await this.accounts.accounts(table.id) : null;
    const data = { table, sessions, councilStatus, institutions, accounts };
    res
      .status(refused?.status ?? 200)
      .render('tables/show', tableShowView(locale(res), data, postedOn(refused, posted), refused));
  }

  @Get('mesas/:id')
  show(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.tablePage(who, id, res);
  }

  @Post('mesas/:id/participantes')
  addParticipant(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.tableForm([id, who, res], ['participant', body], async () => {
      await this.participants.addParticipant(who.actor, id, await validateBody(ParticipantDto, body), who.audit);
      return doneTo(`/mesas/${id}#participants`, 'flash.participantAdded');
    });
  }

  /** Issue 20 item 2: the representative gets an account on the table (invited when new), linked by e-mail. */
  @Post('mesas/:id/participantes/:participantId/cuenta')
  giveAccount(@Param() p: ParticipantPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const save = async () => {
      const { accountEmail: email } = await validateBody(AccountFormDto, body);
      const given = await this.accounts.giveAccount(who.actor, p.id, p.participantId, { email }, who.audit);
      const key = given.invited ? 'flash.tableAccountInvited' : 'flash.tableAccountGranted';
      return doneTo(`/mesas/${p.id}#participants`, key, { email: given.email, name: given.name });
    };
    return this.tableForm([p.id, who, res], ['account', body], save, (f) => (f === 'email' ? 'accountEmail' : f));
  }

  /** Issue 20 item 2: a coordinator named by e-mail from the table's page (invited when new). */
  @Post('mesas/:id/coordinadores')
  nameCoordinator(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.tableForm([id, who, res], ['coordinator', body], async () => {
      const dto = await validateBody(CoordinatorFormDto, body);
      const coordinator = { name: dto.coordinatorName, email: dto.coordinatorEmail };
      const named = await this.accounts.nameCoordinator(who.actor, id, coordinator, who.audit);
      const key = named.invited ? 'flash.tableCoordinatorInvited' : 'flash.tableCoordinatorNamed';
      return doneTo(`/mesas/${id}#coordinators`, key, { email: named.email, name: named.name });
    });
  }

  @Post('mesas/:id/ejes')
  addAxis(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const save = async () => {
      await this.participants.addAxis(who.actor, id, await validateBody(AxisFormDto, body), who.audit);
      return doneTo(`/mesas/${id}#axes`, 'flash.axisAdded');
    };
    // the axis form's name field is axisName (the participant form beside it has a name too)
    return this.tableForm([id, who, res], ['axis', body], save, (f) => (f === 'name' ? 'axisName' : f));
  }

  @Post('mesas/:id/sesiones')
  createSession(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.tableForm([id, who, res], ['session', body], async () => {
      const input = sessionInputFromForm(await validateBody(TableSessionFormDto, body));
      const session = await this.sessions.createSession(who.actor, id, input, who.audit);
      return doneTo(`/mesas/${id}/sesiones/${session.id}`, 'flash.sessionCreated');
    });
  }

  /**
   * A form of a table's page (who manages it): the right is checked first; saved, a flash and a 303 to where `save`
   * says; refused, the table's page again with the input and the messages (`rename`: a field's name on the form).
   */
  private async tableForm(
    [tableId, who, res]: [string, Caller, Response],
    [form, posted]: [TableForm, unknown],
    save: () => Promise<FormDone>,
    rename?: (field: string) => string,
  ): Promise<void> {
    await this.tables.load(who.actor, tableId, 'manage', who.audit);
    await submitForm(res, save, (refused) => this.tablePage(who, tableId, res, { ...refused, form }, posted), rename);
  }
}
