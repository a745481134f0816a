import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { validateBody } from '../common/validation.pipe';
import { ActivitiesService } from './activities.service';
import { ActivityAttendanceDto, ActivityDto } from './dto/programs.dto';
import { locale, postedOn, submitForm, UUID } from './program-pages';
import { ProgramException } from './programs.exception';
import { ProgramsService } from './programs.service';
import { activitiesView, activityView, type FormRefusal, type PostedForm } from './programs.view-model';

/** The program's activities and their attendance, taken on a phone (HTML, issue 17; DOM-PRG-5). */
@ApiExcludeController()
@Controller()
export class ActivityPagesController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly activities: ActivitiesService,
  ) {}

  private async activitiesPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: FormRefusal,
  ): Promise<void> {
    const program = await this.programs.get(actor, id, auditContextFrom(req, actor));
    const activities = await this.activities.list(id);
    res
      .status(refused?.status ?? 200)
      .render(
        'programs/activities',
        activitiesView(locale(res), { program, activities }, postedOn(req, refused), refused),
      );
  }

  @Get('programas/:id/actividades')
  activityList(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.activitiesPage(actor, id, req, res);
  }

  @Post('programas/:id/actividades')
  async createActivity(
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
        const dto = await validateBody(ActivityDto, body);
        const activity = await this.activities.create(actor, id, dto, auditContextFrom(req, actor));
        return [`/programas/${id}/actividades/${activity.id}`, { key: 'flash.programActivityCreated' }];
      },
      (refused) => this.activitiesPage(actor, id, req, res, refused),
    );
  }

  private async activityPage(
    actor: Actor,
    id: string,
    activityId: string,
    req: Request,
    res: Response,
    refused?: FormRefusal,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const program = await this.programs.get(actor, id, context);
    const activity = await this.activities.get(actor, activityId, context);
    if (activity.programId !== program.id) throw ProgramException.notFound();
    res
      .status(refused?.status ?? 200)
      .render('programs/activity', activityView(locale(res), { program, activity }, postedOn(req, refused), refused));
  }

  @Get('programas/:id/actividades/:activityId')
  activity(
    @Param('id') id: string,
    @Param('activityId') activityId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.activityPage(actor, id, activityId, req, res);
  }

  @Post('programas/:id/actividades/:activityId/asistencia')
  async attendance(
    @Param('id') id: string,
    @Param('activityId') activityId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.programs.load(actor, id, context);
    const found = await this.activities.get(actor, activityId, context);
    if (found.programId !== id) throw ProgramException.notFound();
    await submitForm(
      res,
      async () => {
        // the radios are named status[<beneficiaryId>]: one mark per row that has one
        const status = ((body ?? {}) as PostedForm).status;
        const marks =
          status && typeof status === 'object' && !Array.isArray(status)
            ? Object.entries(status as Record<string, unknown>)
                .filter(([beneficiaryId]) => UUID.test(beneficiaryId))
                .map(([beneficiaryId, value]) => ({ beneficiaryId, status: value }))
            : [];
        const dto = await validateBody(ActivityAttendanceDto, { marks });
        await this.activities.setAttendance(actor, activityId, dto.marks, context);
        return [`/programas/${id}/actividades/${activityId}`, { key: 'flash.attendanceSaved' }];
      },
      (refused) => this.activityPage(actor, id, activityId, req, res, refused),
    );
  }
}
