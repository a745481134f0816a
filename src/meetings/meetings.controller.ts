import { contentDisposition } from '../common/format/file-name';
import { ConvocationService } from './convocation.service';
import { CalendarFeedService } from './calendar-feed.service';
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { hasRole, isAdmin } from '../common/access/actor';
import { Public } from '../common/access/decorators';
import type { Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { setFlash } from '../common/web/flash';
import { doneTo, submitForm, type FormDone } from '../common/web/page-form';
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
/** An agenda item's address: the meeting and the item. */
interface AgendaItemPath {
  id: string;
  itemId: string;
}
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
    who: Caller,
    id: string,
    res: Response,
    extra: { refused?: FormRefusal; posted?: unknown; feedUrl?: string } = {},
  ): Promise<void> {
    const calendar = await this.meetings.calendar(who.actor, id, who.audit);
    const canEdit = isAdmin(who.actor) || hasRole(who.actor, 'association_officer', calendar.association.id);
    const hasFeed = canEdit ? await this.feeds.hasFeed(calendar.association.id) : false;
    const { refused, feedUrl } = extra;
    const posted = (refused ? (extra.posted ?? {}) : {}) as PostedForm;
    res
      .status(refused?.status ?? 200)
      .render(
        'meetings/calendar',
        calendarView(locale(res), { ...calendar, canEdit, hasFeed, feedUrl }, posted, refused),
      );
  }

  @Get('organizaciones/:id/reuniones')
  calendar(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.calendarPage(who, id, res);
  }

  /** A form on the calendar page: the officers' only; refused, the calendar again with the messages. */
  private async calendarForm(
    id: string,
    posted: unknown,
    who: Caller,
    res: Response,
    act: () => Promise<FormDone>,
    rename: (field: string) => string,
  ): Promise<void> {
    await this.access.assertMayEdit(who.actor, { associationId: id }, who.audit);
    await submitForm(res, act, (refused) => this.calendarPage(who, id, res, { refused, posted }), rename);
  }

  @Post('organizaciones/:id/reuniones/serie')
  series(@Param('id') id: string, @Body() posted: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const act = async () => {
      const form = await validateBody(SeriesFormDto, posted);
      const dto = await validateBody(SeriesDto, seriesBodyFromForm(form));
      const { meetings } = await this.meetings.createSeries(who.actor, id, dto, who.audit);
      return doneTo(`/organizaciones/${id}/reuniones`, 'flash.seriesCreated', { n: String(meetings.length) });
    };
    // the form's one cadence field stands for the API's two
    return this.calendarForm(id, posted, who, res, act, (f) => (f === 'every' || f === 'rrule' ? 'cadence' : f));
  }

  /** issue 20 item 3: one ordinary, extraordinary or board meeting (DOM-MTG-2), not only a series. */
  @Post('organizaciones/:id/reuniones/nueva')
  single(@Param('id') id: string, @Body() posted: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const act = async () => {
      const form = await validateBody(SingleMeetingFormDto, posted);
      const dto = await validateBody(MeetingDto, singleMeetingBody(form));
      const meeting = await this.meetings.createMeeting(who.actor, id, dto, who.audit);
      const when = formatDateTime(meeting.startsAt, meeting.timeZone);
      return doneTo(`/reuniones/${meeting.id}`, 'flash.meetingCreated', { when });
    };
    // the single meeting's fields are named apart from the series' on the same page
    const rename = (f: string) => (Object.hasOwn(SINGLE_MEETING_FIELDS, f) ? SINGLE_MEETING_FIELDS[f] : f);
    return this.calendarForm(id, posted, who, res, act, rename);
  }

  @Post('organizaciones/:id/reuniones/calendario')
  async newFeed(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const { url } = await this.feeds.newFeed(who.actor, id, who.audit);
    // shown once, on this page (only its hash is kept)
    await this.calendarPage(who, id, res, { feedUrl: url });
  }

  private async meetingPage(who: Caller, id: string, res: Response, refused?: FormRefusal, posted?: unknown) {
    const { meeting, rights } = await this.meetings.getWithRights(who.actor, id, who.audit);
    const minutes = await this.minutes.summaryFor(meeting.id, rights);
    const canEdit = isAdmin(who.actor) || hasRole(who.actor, 'association_officer', meeting.associationId as string);
    const form = (refused ? (posted ?? {}) : {}) as PostedForm;
    res
      .status(refused?.status ?? 200)
      .render('meetings/meeting', meetingView(locale(res), { meeting, minutes, canEdit }, form, refused));
  }

  @Get('reuniones/:id')
  meeting(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.meetingPage(who, id, res);
  }

  /** A form on the meeting page: the officers' only; refused, the meeting again with the messages. */
  private async meetingForm(id: string, posted: unknown, who: Caller, res: Response, act: () => Promise<FormDone>) {
    await this.access.assertMayEdit(who.actor, { meetingId: id }, who.audit);
    await submitForm(res, act, (refused) => this.meetingPage(who, id, res, refused, posted));
  }

  @Post('reuniones/:id/mover')
  move(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.meetingForm(id, body, who, res, async () => {
      await this.moves.move(who.actor, id, await validateBody(MoveDto, body), who.audit);
      return doneTo(`/reuniones/${id}`, 'flash.meetingMoved');
    });
  }

  @Post('reuniones/:id/cancelar')
  cancel(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.meetingForm(id, body, who, res, async () => {
      const dto = await validateBody(CancelDto, body);
      await this.convocations.cancel(who.actor, id, dto, who.audit);
      return doneTo(`/reuniones/${id}`, 'flash.meetingCancelled');
    });
  }

  /** issue 20 item 3: a meeting recorded by mistake, removed while it records nothing. */
  @Post('reuniones/:id/eliminar')
  remove(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.meetingForm(id, body, who, res, async () => {
      const dto = await validateBody(RemoveMeetingDto, body);
      const { associationId } = await this.moves.remove(who.actor, id, dto, who.audit);
      return doneTo(`/organizaciones/${associationId}/reuniones`, 'flash.meetingRemoved');
    });
  }

  @Get('reuniones/:id/convocatoria')
  async convocation(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const preview = await this.convocations.convocation(who.actor, id, who.audit);
    const meeting = await this.meetings.get(who.actor, id, who.audit);
    res.render('meetings/convocation', convocationView(locale(res), { meeting, preview }));
  }

  @Post('reuniones/:id/convocatoria')
  async convene(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const result = await this.convocations.convene(who.actor, id, who.audit);
    setFlash(res, { type: 'success', key: 'flash.convened', params: { n: String(result.queued) } });
    res.redirect(303, `/reuniones/${id}`);
  }

  @Post('reuniones/:id/temario')
  addItem(@Param('id') id: string, @Body() posted: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.meetingForm(id, posted, who, res, async () => {
      await this.agenda.addAgendaItem(who.actor, id, await validateBody(AgendaItemDto, posted), who.audit);
      return doneTo(`/reuniones/${id}#agenda`);
    });
  }

  @Post('reuniones/:id/temario/:itemId/subir')
  async itemUp(@Param() p: AgendaItemPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.agenda.moveAgendaItemUp(who.actor, p.id, p.itemId, who.audit);
    res.redirect(303, `/reuniones/${p.id}#agenda`);
  }

  @Post('reuniones/:id/temario/:itemId/quitar')
  async removeItem(@Param() p: AgendaItemPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.agenda.removeAgendaItem(who.actor, p.id, p.itemId, who.audit);
    res.redirect(303, `/reuniones/${p.id}#agenda`);
  }

  private async attendancePage(who: Caller, id: string, res: Response, refused?: FormRefusal): Promise<void> {
    const meeting = await this.meetings.get(who.actor, id, who.audit);
    const view = attendanceView(locale(res), meeting, refused?.formError ?? null);
    res.status(refused?.status ?? 200).render('meetings/attendance', view);
  }

  @Get('reuniones/:id/asistencia')
  async attendance(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.access.assertMayEdit(who.actor, { meetingId: id }, who.audit); // the officers take attendance
    return this.attendancePage(who, id, res);
  }

  /** A form on the attendance page: the officers' only; refused, the list again with the message. */
  private async attendanceForm(id: string, who: Caller, res: Response, act: () => Promise<FormDone>) {
    await this.access.assertMayEdit(who.actor, { meetingId: id }, who.audit);
    await submitForm(res, act, (refused) => this.attendancePage(who, id, res, refused));
  }

  /** One tap: one member marked present, online, excused or absent; back to the list at that member. */
  @Post('reuniones/:id/asistencia')
  mark(@Param('id') id: string, @Body() posted: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.attendanceForm(id, who, res, async () => {
      // the times form sends the member's current mark with the arrival and departure (hh:mm)
      const mark = attendanceFromForm(await validateBody(AttendanceMarkFormDto, posted));
      await this.attendances.setAttendance(who.actor, id, [mark], who.audit);
      return doneTo(`/reuniones/${id}/asistencia#m-${encodeURIComponent(mark.memberId)}`);
    });
  }

  @Post('reuniones/:id/citacion')
  call(@Param('id') id: string, @Body() posted: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.attendanceForm(id, who, res, async () => {
      const { call } = await validateBody(CallDto, posted);
      await this.attendances.setCall(who.actor, id, call, who.audit);
      return doneTo(`/reuniones/${id}/asistencia`);
    });
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
