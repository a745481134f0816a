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
import { CommitmentProgressService } from './commitment-progress.service';
import { TableSessionsService } from './table-sessions.service';
import type { ActaInput } from '../meetings/acta-engine';
import { sendFile } from './tables.api.controller';
import { TablesService } from './tables.service';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
type Body_ = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const rows = (v: unknown): Body_[] =>
  (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []).filter(
    (r): r is Body_ => !!r && typeof r === 'object',
  );
const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
/** Blank rows the acta editor offers for new agreements and commitments. */
const BLANK_ROWS = 3;

/** The board's bar chart of fulfilment per institution, drawn as SVG attributes (the pages' CSP forbids inline styles). */
function chartOf(board: Board) {
  const bars = board.fulfilment.map((f, i) => ({
    ...f,
    y: 8 + i * 30,
    width: Math.round(((f.rate ?? 0) / 100) * 300),
    label: f.rate === null ? '—' : `${f.rate} %`,
  }));
  return { bars, height: 16 + bars.length * 30 };
}

function boardLocals(board: Board, loc: Locale, base: string) {
  const query = (page: number) => {
    const p = new URLSearchParams();
    if (board.filter.institutionId) p.set('institutionId', board.filter.institutionId);
    if (board.filter.axisId) p.set('axisId', board.filter.axisId);
    if (board.filter.status) p.set('status', board.filter.status);
    if (board.filter.overdue) p.set('overdue', 'true');
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };
  const pages = Math.max(1, Math.ceil(board.total / board.pageSize));
  const exportQuery = query(1).slice(base.length);
  return {
    board,
    chart: chartOf(board),
    institutionOptions: board.institutions.map((i) => ({ ...i, selected: i.id === board.filter.institutionId })),
    axisOptions: board.axes.map((a) => ({ ...a, selected: a.id === board.filter.axisId })),
    statusOptions: STATUSES.map((value) => ({
      value,
      label: translate(loc, `minutes.commitmentStatuses.${value}`),
      selected: value === board.filter.status,
    })),
    page: board.page,
    pages,
    previousHref: board.page > 1 ? query(board.page - 1) : null,
    nextHref: board.page < pages ? query(board.page + 1) : null,
    exportQuery,
  };
}

/** Pages of a table's sessions (attendance, agenda, acta), its commitments board, progress with evidence, share links, and the public shared board. */
@ApiExcludeController()
@Controller()
export class TablePagesController {
  constructor(
    private readonly tables: TablesService,
    private readonly sessions: TableSessionsService,
    private readonly board: TableBoardService,
    private readonly progress: CommitmentProgressService,
  ) {}

  // ---- sessions ---------------------------------------------------------------------------------

  private async sessionPage(
    actor: Actor,
    tableId: string,
    meetingId: string,
    req: Request,
    res: Response,
    refused?: {
      status: number;
      errors: Record<string, string>;
      formError: string;
      form: 'attendance' | 'agenda' | 'minutes' | 'approve';
    },
  ): Promise<void> {
    const loc = locale(res);
    const session = await this.sessions.get(actor, meetingId, auditContextFrom(req, actor));
    if (session.tableId !== tableId) throw new DomainException('NOT_FOUND', 'No encontrado.', 404);
    const table = await this.tables.get(actor, tableId, auditContextFrom(req, actor));
    const b = (refused ? (req.body ?? {}) : {}) as Body_;
    const m = session.minutes;
    const editable = session.rights.manage && m.status === 'draft' && session.status !== 'cancelled';
    // the acta editor's rows: what was posted when refused, else what is saved, plus blank rows
    const postedItems = refused?.form === 'minutes' ? rows(b.items) : null;
    // with an empty agenda the acta still has one point to write in
    const points = session.agenda.length
      ? session.agenda
      : [{ title: translate(loc, 'tables.generalItem'), itemId: undefined }];
    const items = points.map((a, i) => ({
      index: i,
      title: a.title,
      agendaItemId: a.itemId ?? '',
      notes: postedItems ? str(postedItems[i]?.notes) : (m.items.find((x) => x.title === a.title)?.notes ?? ''),
    }));
    const agreements =
      refused?.form === 'minutes' ? rows(b.agreements).map((a) => str(a.text)) : m.agreements.map((a) => a.text);
    while (agreements.length < m.agreements.length + BLANK_ROWS) agreements.push('');
    const ownerOptions = [
      ...table.participants.map((p) => ({ value: `participant:${p.id}`, label: `${p.name} (${p.institution.name})` })),
      ...[...new Map(table.participants.map((p) => [p.institution.id, p.institution.name])).entries()].map(
        ([id, name]) => ({ value: `institution:${id}`, label: name }),
      ),
    ];
    const commitmentRows = (
      refused?.form === 'minutes'
        ? rows(b.commitments).map((c) => ({
            id: str(c.id),
            description: str(c.description),
            owner: str(c.owner),
            axisId: str(c.axisId),
            dueOn: str(c.dueOn),
          }))
        : m.commitments.map((c) => ({
            id: c.id,
            description: c.description,
            owner: `${c.owner.kind}:${c.owner.id}`,
            axisId: c.axis?.id ?? '',
            dueOn: c.dueOn,
          }))
    ).map((c, i) => ({ ...c, index: i }));
    for (let i = commitmentRows.length, n = m.commitments.length + BLANK_ROWS; i < n; i++)
      commitmentRows.push({ id: '', description: '', owner: '', axisId: '', dueOn: '', index: i });
    const postedMarks = refused?.form === 'attendance' ? rows(b.attendance) : null;
    res.status(refused?.status ?? 200).render('tables/session', {
      title: translate(loc, 'tables.sessionTitle', {
        name: table.name,
        date: session.localStart.slice(0, 10).split('-').reverse().join('-'),
      }),
      table,
      session,
      canManage: session.rights.manage,
      editable,
      upcoming: session.status === 'scheduled' || session.status === 'convened',
      canApprove: session.rights.manage && m.status === 'draft' && m.version > 0 && session.status === 'held',
      attendance: session.attendance.map((a, i) => {
        const posted = postedMarks?.find((p) => p.participantId === a.participantId);
        const status = posted ? str(posted.status) : a.status;
        const mode = posted ? str(posted.mode) : a.mode;
        return {
          ...a,
          index: i,
          statuses: ['present', 'excused', 'absent'].map((v) => ({
            value: v,
            label: translate(loc, `tables.attendance.${v}`),
            selected: v === status,
          })),
          modes: ['in_person', 'online'].map((v) => ({
            value: v,
            label: translate(loc, `tables.modes.${v}`),
            selected: v === mode,
          })),
        };
      }),
      items,
      agreements: agreements.map((text, i) => ({ text, index: i, n: i + 1 })),
      commitmentRows: commitmentRows.map((c) => ({
        ...c,
        n: c.index + 1,
        owners: ownerOptions.map((o) => ({ ...o, selected: o.value === c.owner })),
        axes: table.axes.map((a) => ({ value: a.id, label: a.name, selected: a.id === c.axisId })),
      })),
      hasAxes: table.axes.length > 0,
      values: { title: refused?.form === 'agenda' ? str(b.title) : '' },
      errors: refused?.errors ?? {},
      errorList: refused ? Object.values(refused.errors) : [],
      formError: refused?.formError ?? null,
      openForm: refused?.form ?? null,
    });
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
    if (meeting.tableId !== tableId) throw new DomainException('NOT_FOUND', 'No encontrado.', 404);
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
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.sessionOf(actor, id, meetingId, 'manage', req);
    try {
      await this.sessions.setAttendance(
        actor,
        meetingId,
        rows(body?.attendance).map((r) => ({
          participantId: str(r.participantId),
          status: str(r.status),
          mode: str(r.mode),
        })),
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: 'flash.attendanceSaved' });
      res.redirect(303, `/mesas/${id}/sesiones/${meetingId}#attendance`);
    } catch (err) {
      await this.sessionPage(actor, id, meetingId, req, res, { ...formRefusal(err), form: 'attendance' });
    }
  }

  @Post('mesas/:id/sesiones/:meetingId/tabla')
  async agendaItem(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.sessionOf(actor, id, meetingId, 'manage', req);
    try {
      await this.sessions.addAgendaItem(actor, meetingId, { title: str(body?.title) }, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.agendaItemAdded' });
      res.redirect(303, `/mesas/${id}/sesiones/${meetingId}#agenda`);
    } catch (err) {
      await this.sessionPage(actor, id, meetingId, req, res, { ...formRefusal(err), form: 'agenda' });
    }
  }

  @Post('mesas/:id/sesiones/:meetingId/convocar')
  async convene(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.sessionOf(actor, id, meetingId, 'manage', req);
    try {
      await this.sessions.convene(actor, meetingId, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.sessionConvened' });
      res.redirect(303, `/mesas/${id}/sesiones/${meetingId}`);
    } catch (err) {
      await this.sessionPage(actor, id, meetingId, req, res, { ...formRefusal(err), form: 'approve' });
    }
  }

  @Post('mesas/:id/sesiones/:meetingId/acta')
  async saveMinutes(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.sessionOf(actor, id, meetingId, 'manage', req);
    const b = body ?? {};
    // blank rows are not saved; an owner is "participant:<id>" or "institution:<id>"
    const input: ActaInput = {
      version: str(b.version),
      items: rows(b.items).map((r) => ({
        agendaItemId: str(r.agendaItemId) || null,
        title: str(r.title),
        notes: str(r.notes),
      })),
      agreements: rows(b.agreements)
        .filter((a) => str(a.text).trim())
        .map((a) => ({ text: str(a.text) })),
      commitments: rows(b.commitments)
        // a row cleared entirely is left out: a saved commitment so cleared is removed (refused if it has progress)
        .filter((c) => str(c.description).trim() || str(c.owner) || str(c.dueOn))
        .map((c) => {
          const [kind, ownerId] = str(c.owner).split(':');
          return {
            ...(str(c.id) ? { id: str(c.id) } : {}),
            description: str(c.description),
            ...(kind === 'participant'
              ? { ownerParticipantId: ownerId }
              : kind === 'institution'
                ? { ownerInstitutionId: ownerId }
                : {}),
            axisId: str(c.axisId) || undefined,
            dueOn: str(c.dueOn),
          };
        }),
    };
    try {
      await this.sessions.saveMinutes(actor, meetingId, input, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.minutesSaved' });
      res.redirect(303, `/mesas/${id}/sesiones/${meetingId}#acta`);
    } catch (err) {
      await this.sessionPage(actor, id, meetingId, req, res, { ...formRefusal(err), form: 'minutes' });
    }
  }

  @Post('mesas/:id/sesiones/:meetingId/aprobar')
  async approve(
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.sessionOf(actor, id, meetingId, 'manage', req);
    try {
      const version = Number(str(body?.version));
      await this.sessions.approve(
        actor,
        meetingId,
        auditContextFrom(req, actor),
        Number.isInteger(version) && version > 0 ? version : undefined,
      );
      setFlash(res, { type: 'success', key: 'flash.tableMinutesApproved' });
      res.redirect(303, `/mesas/${id}/sesiones/${meetingId}#acta`);
    } catch (err) {
      await this.sessionPage(actor, id, meetingId, req, res, { ...formRefusal(err), form: 'approve' });
    }
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
    const doc = await this.sessions.pdfOf(actor, meetingId, auditContextFrom(req, actor));
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
    const loc = locale(res);
    const board = await this.board.board(actor, id, query, auditContextFrom(req, actor));
    res.status(extra.status ?? 200).render('tables/board', {
      title: translate(loc, 'tables.boardTitle', { name: board.table.name }),
      ...boardLocals(board, loc, `/mesas/${id}/compromisos`),
      canManage: board.rights.manage,
      shares: board.rights.manage ? (await this.board.shares(id)).map((s) => ({ ...s, active: !s.revokedAt })) : [],
      newShare: extra.newShare ?? null,
      shareError: extra.shareError ?? null,
      values: { label: extra.shareError ? str((req.body as Body_ | undefined)?.label) : '' },
      errors: extra.shareError ? { label: extra.shareError } : {},
    });
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
    refused?: { status: number; errors: Record<string, string>; formError: string },
  ): Promise<void> {
    const loc = locale(res);
    const commitment = await this.progress.get(actor, commitmentId, auditContextFrom(req, actor));
    if (commitment.table.id !== id) throw new DomainException('NOT_FOUND', 'No encontrado.', 404);
    const b = (refused ? (req.body ?? {}) : {}) as Body_;
    res.status(refused?.status ?? 200).render('tables/commitment', {
      title: translate(loc, 'tables.commitmentTitle'),
      commitment,
      statusOptions: [
        { value: '', label: translate(loc, 'minutes.keepStatus') },
        ...STATUSES.map((value) => ({ value, label: translate(loc, `minutes.commitmentStatuses.${value}`) })),
      ],
      maxMb: this.progress.evidenceMaxMb,
      values: { status: str(b.status), progress: str(b.progress), note: str(b.note) },
      errors: refused?.errors ?? {},
      formError: refused?.formError ?? null,
    });
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
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { tableId } = await this.progress.assertMayUpdate(actor, commitmentId, auditContextFrom(req, actor));
    if (tableId !== id) throw new DomainException('NOT_FOUND', 'No encontrado.', 404);
    const upload = req as Request & {
      file?: { originalname: string; buffer: Buffer; size: number };
      uploadError?: string;
    };
    const b = body ?? {};
    try {
      await this.progress.addUpdate(
        actor,
        commitmentId,
        { status: str(b.status), progress: str(b.progress), note: str(b.note) },
        upload.file && upload.file.size + upload.file.originalname.length > 0 ? upload.file : null,
        auditContextFrom(req, actor),
        upload.uploadError,
      );
      setFlash(res, { type: 'success', key: 'flash.tableUpdateSaved' });
      res.redirect(303, `/mesas/${id}/compromisos/${commitmentId}`);
    } catch (err) {
      await this.commitmentPage(actor, id, commitmentId, req, res, formRefusal(err));
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
    if (file.tableId !== id) throw new DomainException('NOT_FOUND', 'No encontrado.', 404);
    sendFile(res, { filename: file.fileName, contentType: file.contentType, content: file.content });
  }

  // ---- share links --------------------------------------------------------------------------------

  @Post('mesas/:id/enlaces')
  async createShare(
    @Param('id') id: string,
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.tables.load(actor, id, 'manage', auditContextFrom(req, actor));
    try {
      const share = await this.board.createShare(actor, id, { label: str(body?.label) }, auditContextFrom(req, actor));
      // the address is shown this once: only its hash is kept
      await this.boardPage(actor, id, {}, req, res, { newShare: share, status: 201 });
    } catch (err) {
      const refused = formRefusal(err);
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
    await this.board.revokeShare(actor, id, linkId, auditContextFrom(req, actor));
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
      board = await this.board.sharedBoard(token, query);
    } catch (err) {
      if (!(err instanceof DomainException) || err.status >= 500) throw err;
      board = await this.board.sharedBoard(token, {});
    }
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex');
    if (!board) {
      res.status(404).render('tables/shared-missing', { title: translate(loc, 'tables.sharedMissingTitle') });
      return;
    }
    res.render('tables/shared-board', {
      title: translate(loc, 'tables.boardTitle', { name: board.table.name }),
      ...boardLocals(board, loc, `/mesas/compartida/${token}`),
    });
  }

  // ---- security plans (DOM-TBL-2) --------------------------------------------------------------

  @Get('seguridad/planes-comunales')
  async plans(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const loc = locale(res);
    const items = await this.board.planMeasures(isAdmin(actor) ? null : await this.tables.communesSeenBy(actor));
    res.render('tables/plans', { title: translate(loc, 'tables.plansTitle'), items });
  }
}
