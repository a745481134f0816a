import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { Actor, isAdmin } from '../common/access/actor';
import { CurrentActor, Public } from '../common/access/decorators';
import { DomainException } from '../common/errors/domain.exception';
import { translate, type Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formRefusal } from '../common/web/form-errors.filter';
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
const postedOn = (req: Request, refused: unknown): PostedForm => (refused ? (req.body ?? {}) : {}) as PostedForm;

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

  private async sessionPage(
    actor: Actor,
    tableId: string,
    meetingId: string,
    req: Request,
    res: Response,
    refused?: FormRefusal & { form: SessionForm },
  ): Promise<void> {
    const session = await this.sessions.get(actor, meetingId, auditContextFrom(req, actor));
    if (session.tableId !== tableId) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
    const table = await this.tables.get(actor, tableId, auditContextFrom(req, actor));
    res
      .status(refused?.status ?? 200)
      .render('tables/session', sessionView(locale(res), { session, table }, postedOn(req, refused), refused));
  }

  /** A session of this table (404 when the session is another table's, whatever the caller's rights there). */
  private async sessionOf(
    actor: Actor,
    tableId: string,
    meetingId: string,
    right: 'read' | 'manage',
    req: Request,
  ): Promise<void> {
    const { meeting } = await this.sessions.load(actor, meetingId, right, auditContextFrom(req, actor));
    if (meeting.tableId !== tableId) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
  }
  /**
   * A session form's post (the coordinator's): who may is checked first; saved, a flash and a 303 to the page's
   * `anchor`; refused, the session page again with the input and the messages.
   */
  private async sessionForm(
    post: { actor: Actor; tableId: string; meetingId: string; req: Request; res: Response },
    form: SessionForm,
    saved: { key: string; anchor: string },
    save: () => Promise<unknown>,
  ): Promise<void> {
    const { actor, tableId, meetingId, req, res } = post;
    await this.sessionOf(actor, tableId, meetingId, 'manage', req);
    try {
      await save();
      setFlash(res, { type: 'success', key: saved.key });
      res.redirect(303, `/mesas/${tableId}/sesiones/${meetingId}${saved.anchor}`);
    } catch (err) {
      await this.sessionPage(actor, tableId, meetingId, req, res, { ...formRefusal(err, res), form });
    }
  }

  @Get('mesas/:id/sesiones/:meetingId')
  session(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.sessionPage(actor, id, meetingId, req, res);
  }

  @Post('mesas/:id/sesiones/:meetingId/asistencia')
  async attendance(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = { actor, tableId: id, meetingId, req, res };
    await this.sessionForm(post, 'attendance', { key: 'flash.attendanceSaved', anchor: '#attendance' }, async () => {
      const dto = await validateBody(AttendanceFormDto, body);
      await this.sessions.setAttendance(actor, meetingId, dto.attendance, auditContextFrom(req, actor));
    });
  }

  @Post('mesas/:id/sesiones/:meetingId/tabla')
  async agendaItem(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = { actor, tableId: id, meetingId, req, res };
    await this.sessionForm(post, 'agenda', { key: 'flash.agendaItemAdded', anchor: '#agenda' }, async () => {
      const dto = await validateBody(AgendaItemDto, body);
      await this.sessions.addAgendaItem(actor, meetingId, dto, auditContextFrom(req, actor));
    });
  }

  @Post('mesas/:id/sesiones/:meetingId/convocar')
  async convene(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = { actor, tableId: id, meetingId, req, res };
    await this.sessionForm(post, 'approve', { key: 'flash.sessionConvened', anchor: '' }, async () => {
      await this.convocation.convene(actor, meetingId, auditContextFrom(req, actor));
    });
  }

  @Post('mesas/:id/sesiones/:meetingId/acta')
  async saveMinutes(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = { actor, tableId: id, meetingId, req, res };
    await this.sessionForm(post, 'minutes', { key: 'flash.minutesSaved', anchor: '#acta' }, async () => {
      const dto = await validateBody(MinutesFormDto, body);
      await this.actas.saveMinutes(actor, meetingId, actaInputFromForm(dto), auditContextFrom(req, actor));
    });
  }

  @Post('mesas/:id/sesiones/:meetingId/aprobar')
  async approve(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = { actor, tableId: id, meetingId, req, res };
    await this.sessionForm(post, 'approve', { key: 'flash.tableMinutesApproved', anchor: '#acta' }, async () => {
      const dto = await validateBody(ApproveFormDto, body);
      await this.actas.approve(actor, meetingId, auditContextFrom(req, actor), approvedVersionFromForm(dto));
    });
  }

  @Get('mesas/:id/sesiones/:meetingId/acta.pdf')
  async pdf(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.sessionOf(actor, id, meetingId, 'read', req);
    const doc = await this.actas.pdfOf(actor, meetingId, auditContextFrom(req, actor));
    sendFile(res, { filename: doc.filename, contentType: 'application/pdf', content: doc.content });
  }

  // ---- the commitments board ------------------------------------------------------------------

  private async boardPage(
    actor: Actor,
    id: string,
    query: BoardQuery,
    req: Request,
    res: Response,
    extra: { newShare?: { url: string; label: string | null }; shareError?: string; status?: number } = {},
  ): Promise<void> {
    const board = await this.board.board(actor, id, query, auditContextFrom(req, actor));
    const shares = board.rights.manage ? await this.shareLinks.shares(id) : [];
    res
      .status(extra.status ?? 200)
      .render('tables/board', boardView(locale(res), { board, shares, id }, postedOn(req, extra.shareError), extra));
  }

  @Get('mesas/:id/compromisos')
  boardOf(
    @Param('id') id: string,
    @Query() query: Record<string, string>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.boardPage(actor, id, query, req, res);
  }

  @Get('mesas/:id/compromisos.csv')
  async csv(
    @Param('id') id: string,
    @Query() query: Record<string, string>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.board.export(actor, id, 'csv', query, auditContextFrom(req, actor)));
  }

  @Get('mesas/:id/compromisos.xlsx')
  async xlsx(
    @Param('id') id: string,
    @Query() query: Record<string, string>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.board.export(actor, id, 'xlsx', query, auditContextFrom(req, actor)));
  }

  private async commitmentPage(
    actor: Actor,
    id: string,
    commitmentId: string,
    req: Request,
    res: Response,
    refused?: FormRefusal,
  ): Promise<void> {
    const commitment = await this.progress.get(actor, commitmentId, auditContextFrom(req, actor));
    if (commitment.table.id !== id) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
    res
      .status(refused?.status ?? 200)
      .render(
        'tables/commitment',
        commitmentView(
          locale(res),
          { commitment, evidenceMaxMb: this.progress.evidenceMaxMb },
          postedOn(req, refused),
          refused,
        ),
      );
  }

  @Get('mesas/:id/compromisos/:commitmentId')
  commitment(
    @Param('id') id: string,
    @Param('commitmentId') commitmentId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.commitmentPage(actor, id, commitmentId, req, res);
  }

  @Post('mesas/:id/compromisos/:commitmentId/avance')
  async addUpdate(
    @Param('id') id: string,
    @Param('commitmentId') commitmentId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { tableId } = await this.progress.assertMayUpdate(actor, commitmentId, auditContextFrom(req, actor));
    if (tableId !== id) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
    const upload = req as Request & {
      file?: { originalname: string; buffer: Buffer; size: number };
      uploadError?: string;
    };
    try {
      const dto = await validateBody(ProgressFormDto, body);
      await this.progress.addUpdate(
        actor,
        commitmentId,
        dto,
        upload.file && upload.file.size + upload.file.originalname.length > 0 ? upload.file : null,
        auditContextFrom(req, actor),
        upload.uploadError,
      );
      setFlash(res, { type: 'success', key: 'flash.tableUpdateSaved' });
      res.redirect(303, `/mesas/${id}/compromisos/${commitmentId}`);
    } catch (err) {
      await this.commitmentPage(actor, id, commitmentId, req, res, formRefusal(err, res));
    }
  }

  @Get('mesas/:id/evidencias/:evidenceId')
  async evidence(
    @Param('id') id: string,
    @Param('evidenceId') evidenceId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tables.load(actor, id, 'read', auditContextFrom(req, actor));
    const file = await this.progress.evidenceFile(actor, evidenceId, auditContextFrom(req, actor));
    if (file.tableId !== id) throw new DomainException('NOT_FOUND', tableTexts.notFound(), 404);
    sendFile(res, { filename: file.fileName, contentType: file.contentType, content: file.content });
  }

  // ---- share links --------------------------------------------------------------------------------

  @Post('mesas/:id/enlaces')
  async createShare(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tables.load(actor, id, 'manage', auditContextFrom(req, actor));
    try {
      const dto = await validateBody(ShareLinkDto, body);
      const share = await this.shareLinks.createShare(actor, id, dto, auditContextFrom(req, actor));
      // the address is shown this once: only its hash is kept
      await this.boardPage(actor, id, {}, req, res, { newShare: share, status: 201 });
    } catch (err) {
      const refused = formRefusal(err, res);
      await this.boardPage(actor, id, {}, req, res, { shareError: refused.formError, status: refused.status });
    }
  }

  @Post('mesas/:id/enlaces/:linkId/revocar')
  async revokeShare(
    @Param('id') id: string,
    @Param('linkId') linkId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.shareLinks.revokeShare(actor, id, linkId, auditContextFrom(req, actor));
    setFlash(res, { type: 'success', key: 'flash.shareRevoked' });
    res.redirect(303, `/mesas/${id}/compromisos#shares`);
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
