import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { validateBody } from '../common/validation.pipe';
import { doneTo, submitForm } from '../common/web/page-form';
import { ActivitiesService } from './activities.service';
import { ActivityAttendanceDto, ActivityDto } from './dto/programs.dto';
import { locale, postedOn, UUID } from './program-pages';
import { ProgramException } from './programs.exception';
import { ProgramsService } from './programs.service';
import { activitiesView, activityView, type FormRefusal, type PostedForm } from './programs.view-model';

/** An activity's address: the program and the activity. */
type ActivityPath = { id: string; activityId: string };

/** The program's activities and their attendance, taken on a phone (HTML, issue 17; DOM-PRG-5). */
@ApiExcludeController()
@Controller()
export class ActivityPagesController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly activities: ActivitiesService,
  ) {}

  private async activitiesPage(who: Caller, id: string, res: Response, refused?: FormRefusal, posted?: unknown) {
    const program = await this.programs.get(who.actor, id, who.audit);
    const activities = await this.activities.list(id);
    const view = activitiesView(locale(res), { program, activities }, postedOn(refused, posted), refused);
    res.status(refused?.status ?? 200).render('programs/activities', view);
  }

  @Post('programas/:id/actividades')
  async create(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    await this.programs.load(who.actor, id, who.audit);
    const act = async () => {
      const activity = await this.activities.create(who.actor, id, await validateBody(ActivityDto, body), who.audit);
      return doneTo(`/programas/${id}/actividades/${activity.id}`, 'flash.programActivityCreated');
    };
    await submitForm(res, act, (refused) => this.activitiesPage(who, id, res, refused, body));
  }

  @Get('programas/:id/actividades')
  activityList(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.activitiesPage(who, id, res);
  }

  private async activityPage(who: Caller, p: ActivityPath, res: Response, refused?: FormRefusal, posted?: unknown) {
    const program = await this.programs.get(who.actor, p.id, who.audit);
    const activity = await this.activities.get(who.actor, p.activityId, who.audit);
    if (activity.programId !== program.id) throw ProgramException.notFound();
    const view = activityView(locale(res), { program, activity }, postedOn(refused, posted), refused);
    res.status(refused?.status ?? 200).render('programs/activity', view);
  }

  @Get('programas/:id/actividades/:activityId')
  activity(@Param() p: ActivityPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.activityPage(who, p, res);
  }

  @Post('programas/:id/actividades/:activityId/asistencia')
  async mark(@Param() p: ActivityPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    await this.programs.load(who.actor, p.id, who.audit);
    const found = await this.activities.get(who.actor, p.activityId, who.audit);
    if (found.programId !== p.id) throw ProgramException.notFound();
    const act = async () => {
      // the radios are named status[<beneficiaryId>]: one mark per row that has one
      const status = ((body ?? {}) as PostedForm).status;
      const marks =
        status && typeof status === 'object' && !Array.isArray(status)
          ? Object.entries(status as Record<string, unknown>)
              .filter(([beneficiaryId]) => UUID.test(beneficiaryId))
              .map(([beneficiaryId, value]) => ({ beneficiaryId, status: value }))
          : [];
      const dto = await validateBody(ActivityAttendanceDto, { marks });
      await this.activities.setAttendance(who.actor, p.activityId, dto.marks, who.audit);
      return doneTo(`/programas/${p.id}/actividades/${p.activityId}`, 'flash.attendanceSaved');
    };
    await submitForm(res, act, (refused) => this.activityPage(who, p, res, refused, body));
  }
}
