import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import type { Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { formRefusal } from '../common/web/form-errors.filter';
import { setFlash } from '../common/web/flash';
import { CommitmentsService } from './commitments.service';
import {
  approvedVersionFromForm,
  ApproveFormDto,
  CommitmentProgressFormDto,
  MinutesFormDto,
} from './dto/meeting-forms.dto';
import { formFieldOf, minutesInputFromForm, postedMinutesForm } from './minutes.form';
import { MinutesService } from './minutes.service';
import { MinutesEditor } from './minutes-editor.service';
import { MinutesDistribution } from './minutes-distribution.service';
import {
  actasView,
  COMMITMENT_STATUSES,
  commitmentsView,
  minutesView,
  postedProgress,
  type MinutesRefusal,
  type ProgressRefusal,
} from './minutes.view-model';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');

/** The acta editor and reader, the association's actas and its commitments (HTML). */
@ApiExcludeController()
@Controller()
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly distribution: MinutesDistribution,
    private readonly commitments: CommitmentsService,
    private readonly editor: MinutesEditor,
  ) {}

  private async page(
    actor: Actor,
    meetingId: string,
    req: Request,
    res: Response,
    refused?: MinutesRefusal,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const minutes = await this.minutes.read(actor, meetingId, context);
    const { meeting, association } = minutes;
    const form = minutes.canEdit ? (refused?.form ?? (await this.editor.formOf(minutes))) : null;
    const view = minutesView(
      locale(res),
      {
        minutes,
        when: this.minutes.when(meeting),
        form,
        members: form ? await this.editor.memberOptions(association.id, meeting.id) : [],
        institutions: form ? await this.editor.institutionOptions(association.communeCode, meeting.id) : [],
        amendable: form ? await this.editor.amendableActas(association.id, meeting.startsAt) : [],
      },
      refused,
    );
    res.status(refused?.status ?? 200).render('meetings/minutes', view);
  }

  @Get('reuniones/:id/acta')
  show(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.page(actor, id, req, res);
  }

  @Post('reuniones/:id/acta')
  async save(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.minutes.assertMayEdit(actor, id, context);
    // a field the form's DTO refuses is named by its row; one the engine refuses, by its row among those kept
    let fieldOf = formFieldOf;
    try {
      const converted = minutesInputFromForm(await validateBody(MinutesFormDto, body));
      fieldOf = converted.fieldOf;
      await this.minutes.save(actor, id, converted.input, context);
      setFlash(res, { type: 'success', key: 'flash.minutesSaved' });
      res.redirect(303, `/reuniones/${id}/acta`);
    } catch (err) {
      await this.page(actor, id, req, res, { ...formRefusal(err, res, fieldOf), form: postedMinutesForm(body) });
    }
  }

  @Post('reuniones/:id/acta/aprobar')
  async approve(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.minutes.assertMayEdit(actor, id, context);
    try {
      // the version the page showed: approving it means approving what was read
      const version = approvedVersionFromForm(await validateBody(ApproveFormDto, body));
      const approved = await this.minutes.approve(actor, id, context, version);
      setFlash(res, {
        type: 'success',
        key: 'flash.minutesApproved',
        params: { number: String(approved.number), code: approved.verificationCode },
      });
      res.redirect(303, `/reuniones/${id}/acta`);
    } catch (err) {
      // shown on the acta as it now stands (a draft with its form, or approved meanwhile by someone else)
      const { status, formError } = formRefusal(err, res);
      await this.page(actor, id, req, res, { status, errors: {}, formError });
    }
  }

  @Post('reuniones/:id/acta/enviar')
  async send(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.minutes.assertMayEdit(actor, id, context);
    try {
      const result = await this.distribution.send(actor, id, context);
      setFlash(res, {
        type: 'success',
        key: 'flash.minutesSent',
        params: { n: String(result.queued), already: String(result.alreadySent), without: String(result.withoutEmail) },
      });
      res.redirect(303, `/reuniones/${id}/acta`);
    } catch (err) {
      const { status, formError } = formRefusal(err, res);
      await this.page(actor, id, req, res, { status, errors: {}, formError });
    }
  }

  @Get('reuniones/:id/acta.pdf')
  async pdf(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const doc = await this.minutes.pdfOf(actor, id, auditContextFrom(req, actor));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(doc.filename));
    res.end(doc.content);
  }

  @Get('organizaciones/:id/actas')
  async list(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const actas = await this.minutes.list(actor, id, auditContextFrom(req, actor));
    res.render('meetings/actas', actasView(locale(res), actas));
  }

  private async commitmentsPage(
    actor: Actor,
    id: string,
    query: Record<string, string>,
    req: Request,
    res: Response,
    refused?: ProgressRefusal,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const status = COMMITMENT_STATUSES.includes(query.status) ? query.status : '';
    const overdue = query.overdue === 'true';
    const list = await this.commitments.list(
      actor,
      { associationId: id, status, overdue: overdue ? 'true' : undefined, pageSize: 200 },
      context,
    );
    const canUpdate = await this.minutes.mayEdit(actor, list.association.id, context);
    res
      .status(refused?.status ?? 200)
      .render(
        'meetings/commitments',
        commitmentsView(locale(res), { ...list, canUpdate, filter: { status, overdue } }, refused),
      );
  }

  @Get('organizaciones/:id/compromisos')
  commitmentsList(
    @Param('id') id: string,
    @Query() query: Record<string, string>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.commitmentsPage(actor, id, query, req, res);
  }

  @Post('compromisos/:id/avance')
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const associationId = await this.commitments.assertMayUpdate(actor, id, context);
    try {
      const { status, progress, note } = await validateBody(CommitmentProgressFormDto, body);
      await this.commitments.addUpdate(actor, id, { status, progress, note }, context);
      setFlash(res, { type: 'success', key: 'flash.commitmentUpdated' });
      res.redirect(303, `/organizaciones/${associationId}/compromisos#c-${id}`);
    } catch (err) {
      const { status, formError } = formRefusal(err, res);
      await this.commitmentsPage(actor, associationId, {}, req, res, {
        status,
        commitmentId: id,
        error: formError,
        values: postedProgress(body),
      });
    }
  }
}
