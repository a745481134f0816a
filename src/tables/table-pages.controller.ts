import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { Actor, isAdmin } from '../common/access/actor';
import { CurrentActor, Public } from '../common/access/decorators';
import { DomainException } from '../common/errors/domain.exception';
import { translate, type Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formRefusal } from '../common/web/form-errors.filter';
import { doneTo, submitForm, type FormDone } from '../common/web/page-form';
import type { Board, BoardQuery } from './table-board.service';
import { TableBoardService } from './table-board.service';
import { TableShareLinksService } from './table-share-links.service';
import { CommitmentProgressService } from './commitment-progress.service';
import { TableSessionsService } from './table-sessions.service';
import { TableActasService } from './table-actas.service';
import { TableConvocationService } from './table-convocation.service';
import { validateBody } from '../common/validation.pipe';
import { AgendaItemDto } from '../meetings/dto/meetings.dto';
import {
  actaInputFromForm,
  ApproveFormDto,
  approvedVersionFromForm,
  AttendanceFormDto,
  MinutesFormDto,
  ProgressFormDto,
} from './dto/table-forms.dto';
import { ShareLinkDto } from './dto/tables.dto';
import { boardView, commitmentView, type SessionForm, sessionView, sharedBoardView } from './table-pages.view-model';
import { type FormRefusal, type PostedForm } from './tables.view-model';
import { sendFile } from './tables.api.controller';
import { tableTexts } from './tables.messages';
import { TablesService } from './tables.service';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
/** What a refused form posted: only to show it again (table-pages.view-model). */
const postedOn = (refused: unknown, posted: unknown): PostedForm => (refused ? (posted ?? {}) : {}) as PostedForm;

/** The addresses of a table's pages: the table (`id`) and the session, commitment, evidence or link on it. */
type SessionPath = { id: string; meetingId: string };
type CommitmentPath = { id: string; commitmentId: string };
type EvidencePath = { id: string; evidenceId: string };
type ShareLinkPath = { id: string; linkId: string };
/** A board's filters as its address carries them (the service reads the ones it knows). */
type BoardFilters = Record<string, string>;
type SessionRefusal = FormRefusal & { form: SessionForm };
const sessionUrl = (p: SessionPath, anchor: string) => `/mesas/${p.id}/sesiones/${p.meetingId}${anchor}`;

/** Pages of a table's sessions (attendance, agenda, acta), its commitments board, progress with evidence, share links, and the public shared board. */
@ApiExcludeController()
@Controller()
export class TablePagesController {
  constructor(
    private readonly tables: TablesService,
    private readonly sessions: TableSessionsService,
    private readonly convocation: TableConvocationService,
    private readonly actas: TableActasService,
    private readonly board: TableBoardService,
    private readonly shareLinks: TableShareLinksService,
    private readonly progress: CommitmentProgressService,
  ) {}

  // ---- sessions ---------------------------------------------------------------------------------

  private async sessionPage(who: Caller, p: SessionPath, res: Response, refused?: SessionRefusal, posted?: unknown) {
    const session = await this.sessions.get(who.actor, p.meetingId, who.audit);
    if (session.tableId !== p.id) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
    const table = await this.tables.get(who.actor, p.id, who.audit);
    const view = sessionView(locale(res), { session, table }, postedOn(refused, posted), refused);
    res.status(refused?.status ?? 200).render('tables/session', view);
  }

  /** A session of this table (404 when the session is another table's, whatever the caller's rights there). */
  private async sessionOf(who: Caller, p: SessionPath, right: 'read' | 'manage'): Promise<void> {
    const { meeting } = await this.sessions.load(who.actor, p.meetingId, right, who.audit);
    if (meeting.tableId !== p.id) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
  }

  /**
   * A session form's post (the coordinator's): who may is checked first; saved, a flash and a 303 to the page
   * (at the form's anchor); refused, the session page again with the input and the messages.
   */
  private async sessionForm(
    p: SessionPath,
    who: Caller,
    res: Response,
    [form, posted]: [SessionForm, unknown],
    save: () => Promise<FormDone>,
  ): Promise<void> {
    await this.sessionOf(who, p, 'manage');
    await submitForm(res, save, (refused) => this.sessionPage(who, p, res, { ...refused, form }, posted));
  }

  @Get('mesas/:id/sesiones/:meetingId')
  session(@Param() p: SessionPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.sessionPage(who, p, res);
  }

  @Post('mesas/:id/sesiones/:meetingId/asistencia')
  attendance(@Param() p: SessionPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.sessionForm(p, who, res, ['attendance', body], async () => {
      const { attendance } = await validateBody(AttendanceFormDto, body);
      await this.sessions.setAttendance(who.actor, p.meetingId, attendance, who.audit);
      return doneTo(sessionUrl(p, '#attendance'), 'flash.attendanceSaved');
    });
  }

  @Post('mesas/:id/sesiones/:meetingId/tabla')
  agendaItem(@Param() p: SessionPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.sessionForm(p, who, res, ['agenda', body], async () => {
      await this.sessions.addAgendaItem(who.actor, p.meetingId, await validateBody(AgendaItemDto, body), who.audit);
      return doneTo(sessionUrl(p, '#agenda'), 'flash.agendaItemAdded');
    });
  }

  @Post('mesas/:id/sesiones/:meetingId/convocar')
  convene(@Param() p: SessionPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.sessionForm(p, who, res, ['approve', undefined], async () => {
      await this.convocation.convene(who.actor, p.meetingId, who.audit);
      return doneTo(sessionUrl(p, ''), 'flash.sessionConvened');
    });
  }

  @Post('mesas/:id/sesiones/:meetingId/acta')
  saveMinutes(@Param() p: SessionPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.sessionForm(p, who, res, ['minutes', body], async () => {
      const acta = actaInputFromForm(await validateBody(MinutesFormDto, body));
      await this.actas.saveMinutes(who.actor, p.meetingId, acta, who.audit);
      return doneTo(sessionUrl(p, '#acta'), 'flash.minutesSaved');
    });
  }

  @Post('mesas/:id/sesiones/:meetingId/aprobar')
  approve(@Param() p: SessionPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.sessionForm(p, who, res, ['approve', body], async () => {
      const dto = await validateBody(ApproveFormDto, body);
      await this.actas.approve(who.actor, p.meetingId, who.audit, approvedVersionFromForm(dto));
      return doneTo(sessionUrl(p, '#acta'), 'flash.tableMinutesApproved');
    });
  }

  @Get('mesas/:id/sesiones/:meetingId/acta.pdf')
  async pdf(@Param() p: SessionPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.sessionOf(who, p, 'read');
    const doc = await this.actas.pdfOf(who.actor, p.meetingId, who.audit);
    sendFile(res, { filename: doc.filename, contentType: 'application/pdf', content: doc.content });
  }

  // ---- the commitments board ------------------------------------------------------------------

  private async boardPage(
    who: Caller,
    id: string,
    query: BoardQuery,
    res: Response,
    extra: { newShare?: { url: string; label: string | null }; shareError?: string; status?: number } = {},
    posted?: unknown,
  ): Promise<void> {
    const board = await this.board.board(who.actor, id, query, who.audit);
    const shares = board.rights.manage ? await this.shareLinks.shares(id) : [];
    const view = boardView(locale(res), { board, shares, id }, postedOn(extra.shareError, posted), extra);
    res.status(extra.status ?? 200).render('tables/board', view);
  }

  @Get('mesas/:id/compromisos')
  boardOf(@Param('id') id: string, @Query() query: BoardFilters, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.boardPage(who, id, query, res);
  }

  @Get('mesas/:id/compromisos.csv')
  async csv(@Param('id') id: string, @Query() q: BoardFilters, @CurrentCaller() who: Caller, @Res() res: Response) {
    sendFile(res, await this.board.export(who.actor, id, 'csv', q, who.audit));
  }

  @Get('mesas/:id/compromisos.xlsx')
  async xlsx(@Param('id') id: string, @Query() q: BoardFilters, @CurrentCaller() who: Caller, @Res() res: Response) {
    sendFile(res, await this.board.export(who.actor, id, 'xlsx', q, who.audit));
  }

  private async commitmentPage(who: Caller, p: CommitmentPath, res: Response, refused?: FormRefusal, posted?: unknown) {
    const commitment = await this.progress.get(who.actor, p.commitmentId, who.audit);
    if (commitment.table.id !== p.id) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
    const data = { commitment, evidenceMaxMb: this.progress.evidenceMaxMb };
    const view = commitmentView(locale(res), data, postedOn(refused, posted), refused);
    res.status(refused?.status ?? 200).render('tables/commitment', view);
  }

  @Get('mesas/:id/compromisos/:commitmentId')
  commitment(@Param() p: CommitmentPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.commitmentPage(who, p, res);
  }

  @Post('mesas/:id/compromisos/:commitmentId/avance')
  async addUpdate(
    @Param() p: CommitmentPath,
    @Body() body: unknown,
    @CurrentCaller() who: Caller,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { tableId } = await this.progress.assertMayUpdate(who.actor, p.commitmentId, who.audit);
    if (tableId !== p.id) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
    const upload = req as Request & {
      file?: { originalname: string; buffer: Buffer; size: number };
      uploadError?: string;
    };
    const file = upload.file && upload.file.size + upload.file.originalname.length > 0 ? upload.file : null;
    const save = async () => {
      const dto = await validateBody(ProgressFormDto, body);
      await this.progress.addUpdate(who.actor, p.commitmentId, dto, file, who.audit, upload.uploadError);
      return doneTo(`/mesas/${p.id}/compromisos/${p.commitmentId}`, 'flash.tableUpdateSaved');
    };
    await submitForm(res, save, (refused) => this.commitmentPage(who, p, res, refused, body));
  }

  @Get('mesas/:id/evidencias/:evidenceId')
  async evidence(@Param() p: EvidencePath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.tables.load(who.actor, p.id, 'read', who.audit);
    const file = await this.progress.evidenceFile(who.actor, p.evidenceId, who.audit);
    if (file.tableId !== p.id) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
    sendFile(res, { filename: file.fileName, contentType: file.contentType, content: file.content });
  }

  // ---- share links --------------------------------------------------------------------------------

  @Post('mesas/:id/enlaces')
  async createShare(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    await this.tables.load(who.actor, id, 'manage', who.audit);
    try {
      const share = await this.shareLinks.createShare(who.actor, id, await validateBody(ShareLinkDto, body), who.audit);
      // the address is shown this once: only its hash is kept
      await this.boardPage(who, id, {}, res, { newShare: share, status: 201 });
    } catch (err) {
      const refused = formRefusal(err, res);
      await this.boardPage(who, id, {}, res, { shareError: refused.formError, status: refused.status }, body);
    }
  }

  @Post('mesas/:id/enlaces/:linkId/revocar')
  async revokeShare(@Param() p: ShareLinkPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.shareLinks.revokeShare(who.actor, p.id, p.linkId, who.audit);
    setFlash(res, { type: 'success', key: 'flash.shareRevoked' });
    res.redirect(303, `/mesas/${p.id}/compromisos#shares`);
  }

  @Public()
  @Get('mesas/compartida/:token')
  async shared(
    @Param('token') token: string,
    @Query() query: Record<string, string>,
    @Res() res: Response,
  ): Promise<void> {
    const loc = locale(res);
    let board: Board | null = null;
    try {
      board = await this.shareLinks.sharedBoard(token, query);
    } catch (err) {
      if (!(err instanceof DomainException) || err.status >= 500) throw err;
      board = await this.shareLinks.sharedBoard(token, {});
    }
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex');
    if (!board) {
      res.status(404).render('tables/shared-missing', { title: translate(loc, 'tables.sharedMissingTitle') });
      return;
    }
    res.render('tables/shared-board', sharedBoardView(loc, board, token));
  }

  // ---- security plans (DOM-TBL-2) --------------------------------------------------------------

  @Get('seguridad/planes-comunales')
  async plans(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const loc = locale(res);
    const items = await this.board.planMeasures(isAdmin(actor) ? null : await this.tables.communesSeenBy(actor));
    res.render('tables/plans', { title: translate(loc, 'tables.plansTitle'), items });
  }
}
