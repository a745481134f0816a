import { contentDisposition } from '../common/format/file-name';
import { ConvocationService } from './convocation.service';
import { CalendarFeedService } from './calendar-feed.service';
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { Actor, hasRole, isAdmin } from '../common/access/actor';
import { CurrentActor, Public } from '../common/access/decorators';
import { formRefusal as refusal } from '../common/web/form-errors.filter';
import type { Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { setFlash } from '../common/web/flash';
import { formatDateTime } from '../common/format/dates';
import {
  AgendaItemDto,
  CallDto,
  CancelDto,
  MeetingDto,
  MoveDto,
  RemoveMeetingDto,
  SeriesDto,
} from './dto/meetings.dto';
import {
  attendanceFromForm,
  AttendanceMarkFormDto,
  seriesBodyFromForm,
  SeriesFormDto,
  SINGLE_MEETING_FIELDS,
  singleMeetingBody,
  SingleMeetingFormDto,
} from './dto/meeting-forms.dto';
import {
  attendanceView,
  calendarView,
  convocationView,
  meetingView,
  type FormRefusal,
  type PostedForm,
} from './meetings.view-model';
import { MeetingsService } from './meetings.service';
import { MeetingAccess } from './meeting-access.service';
import { MeetingAgenda } from './meeting-agenda.service';
import { MeetingAttendance } from './meeting-attendance.service';
import { MeetingMoves } from './meeting-moves.service';
import { meetingTexts } from './meetings.messages';
import { MinutesService } from './minutes.service';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
/** The association's calendar and meeting pages (HTML), and the public ICS feed. */
@ApiExcludeController()
@Controller()
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly convocations: ConvocationService,
    private readonly feeds: CalendarFeedService,
    private readonly minutes: MinutesService,
    private readonly access: MeetingAccess,
    private readonly agenda: MeetingAgenda,
    private readonly attendances: MeetingAttendance,
    private readonly moves: MeetingMoves,
  ) {}

  private async calendarPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    extra: { refused?: FormRefusal; feedUrl?: string } = {},
  ): Promise<void> {
    const calendar = await this.meetings.calendar(actor, id, auditContextFrom(req, actor));
    const canEdit = isAdmin(actor) || hasRole(actor, 'association_officer', calendar.association.id);
    const hasFeed = canEdit ? await this.feeds.hasFeed(calendar.association.id) : false;
    const refused = extra.refused;
    const posted = (refused ? (req.body ?? {}) : {}) as PostedForm;
    res
      .status(refused?.status ?? 200)
      .render(
        'meetings/calendar',
        calendarView(locale(res), { ...calendar, canEdit, hasFeed, feedUrl: extra.feedUrl }, posted, refused),
      );
  }

  @Get('organizaciones/:id/reuniones')
  calendar(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.calendarPage(actor, id, req, res);
  }

  @Post('organizaciones/:id/reuniones/serie')
  async series(
    @Param('id') id: string,
    @Body() posted: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { associationId: id }, auditContextFrom(req, actor));
    try {
      const form = await validateBody(SeriesFormDto, posted);
      const dto = await validateBody(SeriesDto, seriesBodyFromForm(form));
      const created = await this.meetings.createSeries(actor, id, dto, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.seriesCreated', params: { n: String(created.meetings.length) } });
      res.redirect(303, `/organizaciones/${id}/reuniones`);
    } catch (err) {
      const r = refusal(err, res);
      if (r.errors.every || r.errors.rrule) r.errors.cadence = r.errors.every ?? r.errors.rrule;
      await this.calendarPage(actor, id, req, res, { refused: r });
    }
  }

  /** issue 20 item 3: one ordinary, extraordinary or board meeting (DOM-MTG-2), not only a series. */
  @Post('organizaciones/:id/reuniones/nueva')
  async single(
    @Param('id') id: string,
    @Body() posted: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { associationId: id }, auditContextFrom(req, actor));
    try {
      const form = await validateBody(SingleMeetingFormDto, posted);
      const dto = await validateBody(MeetingDto, singleMeetingBody(form));
      const meeting = await this.meetings.createMeeting(actor, id, dto, auditContextFrom(req, actor));
      setFlash(res, {
        type: 'success',
        key: 'flash.meetingCreated',
        params: { when: formatDateTime(meeting.startsAt, meeting.timeZone) },
      });
      res.redirect(303, `/reuniones/${meeting.id}`);
    } catch (err) {
      const r = refusal(err, res);
      for (const [api, field] of Object.entries(SINGLE_MEETING_FIELDS))
        if (r.errors[api]) {
          r.errors[field] = r.errors[api];
          delete r.errors[api];
        }
      await this.calendarPage(actor, id, req, res, { refused: r });
    }
  }

  @Post('organizaciones/:id/reuniones/calendario')
  async newFeed(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { url } = await this.feeds.newFeed(actor, id, auditContextFrom(req, actor));
    // shown once, on this page (only its hash is kept)
    await this.calendarPage(actor, id, req, res, { feedUrl: url });
  }

  private async meetingPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: FormRefusal,
  ): Promise<void> {
    const { meeting, rights } = await this.meetings.getWithRights(actor, id, auditContextFrom(req, actor));
    const minutes = await this.minutes.summaryFor(meeting.id, rights);
    const canEdit = isAdmin(actor) || hasRole(actor, 'association_officer', meeting.associationId as string);
    const posted = (refused ? (req.body ?? {}) : {}) as PostedForm;
    res
      .status(refused?.status ?? 200)
      .render('meetings/meeting', meetingView(locale(res), { meeting, minutes, canEdit }, posted, refused));
  }

  @Get('reuniones/:id')
  meeting(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.meetingPage(actor, id, req, res);
  }

  @Post('reuniones/:id/mover')
  async move(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { meetingId: id }, auditContextFrom(req, actor));
    try {
      await this.moves.move(actor, id, await validateBody(MoveDto, body), auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.meetingMoved' });
      res.redirect(303, `/reuniones/${id}`);
    } catch (err) {
      await this.meetingPage(actor, id, req, res, refusal(err, res));
    }
  }

  @Post('reuniones/:id/cancelar')
  async cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { meetingId: id }, auditContextFrom(req, actor));
    try {
      await this.convocations.cancel(actor, id, await validateBody(CancelDto, body), auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.meetingCancelled' });
      res.redirect(303, `/reuniones/${id}`);
    } catch (err) {
      await this.meetingPage(actor, id, req, res, refusal(err, res));
    }
  }

  /** issue 20 item 3: a meeting recorded by mistake, removed while it records nothing. */
  @Post('reuniones/:id/eliminar')
  async remove(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { meetingId: id }, auditContextFrom(req, actor));
    try {
      const dto = await validateBody(RemoveMeetingDto, body);
      const { associationId } = await this.moves.remove(actor, id, dto, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.meetingRemoved' });
      res.redirect(303, `/organizaciones/${associationId}/reuniones`);
    } catch (err) {
      await this.meetingPage(actor, id, req, res, refusal(err, res));
    }
  }

  @Get('reuniones/:id/convocatoria')
  async convocation(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const preview = await this.convocations.convocation(actor, id, auditContextFrom(req, actor));
    const meeting = await this.meetings.get(actor, id, auditContextFrom(req, actor));
    res.render('meetings/convocation', convocationView(locale(res), { meeting, preview }));
  }

  @Post('reuniones/:id/convocatoria')
  async convene(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const result = await this.convocations.convene(actor, id, auditContextFrom(req, actor));
    setFlash(res, { type: 'success', key: 'flash.convened', params: { n: String(result.queued) } });
    res.redirect(303, `/reuniones/${id}`);
  }

  @Post('reuniones/:id/temario')
  async addItem(
    @Param('id') id: string,
    @Body() posted: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { meetingId: id }, auditContextFrom(req, actor));
    try {
      await this.agenda.addAgendaItem(
        actor,
        id,
        await validateBody(AgendaItemDto, posted),
        auditContextFrom(req, actor),
      );
      res.redirect(303, `/reuniones/${id}#agenda`);
    } catch (err) {
      await this.meetingPage(actor, id, req, res, refusal(err, res));
    }
  }

  @Post('reuniones/:id/temario/:itemId/subir')
  async itemUp(
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.agenda.moveAgendaItemUp(actor, id, itemId, auditContextFrom(req, actor));
    res.redirect(303, `/reuniones/${id}#agenda`);
  }

  @Post('reuniones/:id/temario/:itemId/quitar')
  async removeItem(
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.agenda.removeAgendaItem(actor, id, itemId, auditContextFrom(req, actor));
    res.redirect(303, `/reuniones/${id}#agenda`);
  }

  private async attendancePage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    status = 200,
    formError: string | null = null,
  ): Promise<void> {
    const meeting = await this.meetings.get(actor, id, auditContextFrom(req, actor));
    res.status(status).render('meetings/attendance', attendanceView(locale(res), meeting, formError));
  }

  @Get('reuniones/:id/asistencia')
  async attendance(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { meetingId: id }, auditContextFrom(req, actor)); // the officers take attendance
    return this.attendancePage(actor, id, req, res);
  }

  /** One tap: one member marked present, online, excused or absent; back to the list at that member. */
  @Post('reuniones/:id/asistencia')
  async mark(
    @Param('id') id: string,
    @Body() posted: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { meetingId: id }, auditContextFrom(req, actor));
    try {
      // the times form sends the member's current mark with the arrival and departure (hh:mm)
      const mark = attendanceFromForm(await validateBody(AttendanceMarkFormDto, posted));
      await this.attendances.setAttendance(actor, id, [mark], auditContextFrom(req, actor));
      res.redirect(303, `/reuniones/${id}/asistencia#m-${encodeURIComponent(mark.memberId)}`);
    } catch (err) {
      const r = refusal(err, res);
      await this.attendancePage(actor, id, req, res, r.status, r.formError);
    }
  }

  @Post('reuniones/:id/citacion')
  async call(
    @Param('id') id: string,
    @Body() posted: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.access.assertMayEdit(actor, { meetingId: id }, auditContextFrom(req, actor));
    try {
      const { call } = await validateBody(CallDto, posted);
      await this.attendances.setCall(actor, id, call, auditContextFrom(req, actor));
      res.redirect(303, `/reuniones/${id}/asistencia`);
    } catch (err) {
      const r = refusal(err, res);
      await this.attendancePage(actor, id, req, res, r.status, r.formError);
    }
  }

  /** The ICS feed a phone calendar subscribes to: public, by its secret address. */
  @Get('calendario/:file')
  @Public()
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const feed = file.endsWith('.ics') ? await this.feeds.feed(file.slice(0, -4)) : null;
    if (!feed) {
      res.status(404).type('text/plain').send(meetingTexts.feedNotFound()[locale(res)]);
      return;
    }
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', contentDisposition(feed.filename, 'inline'));
    res.setHeader('Cache-Control', 'no-store'); // its address is a secret (issue 22 item 9)
    res.send(feed.ics);
  }
}
