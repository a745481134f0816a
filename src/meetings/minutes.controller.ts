import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import type { Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { doneTo, submitForm, type FormDone, type FormRefusal } from '../common/web/page-form';
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
/** The commitments' filters as the page's address carries them. */
type Filters = Record<string, string>;

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

  private async page(who: Caller, meetingId: string, res: Response, refused?: MinutesRefusal): Promise<void> {
    const minutes = await this.minutes.read(who.actor, meetingId, who.audit);
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
  show(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.page(who, id, res);
  }

  /**
   * A form on the acta (its editors'): the right is checked first; done, back to the acta with the message; refused,
   * the acta as it now stands with the message (a draft with its form, or approved meanwhile by someone else).
   */
  private async actaForm(
    [id, who, res]: [string, Caller, Response],
    act: () => Promise<FormDone>,
    refusedAs: (refused: FormRefusal) => MinutesRefusal = ({ status, formError }) => ({
      status,
      errors: {},
      formError,
    }),
    rename?: (field: string) => string,
  ): Promise<void> {
    await this.minutes.assertMayEdit(who.actor, id, who.audit);
    await submitForm(res, act, (refused) => this.page(who, id, res, refusedAs(refused)), rename);
  }

  @Post('reuniones/:id/acta')
  save(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    // a field the form's DTO refuses is named by its row; one the engine refuses, by its row among those kept
    let fieldOf = formFieldOf;
    const act = async () => {
      const converted = minutesInputFromForm(await validateBody(MinutesFormDto, body));
      fieldOf = converted.fieldOf;
      await this.minutes.save(who.actor, id, converted.input, who.audit);
      return doneTo(`/reuniones/${id}/acta`, 'flash.minutesSaved');
    };
    const refusedAs = (refused: FormRefusal) => ({ ...refused, form: postedMinutesForm(body) });
    return this.actaForm([id, who, res], act, refusedAs, (f) => fieldOf(f));
  }

  @Post('reuniones/:id/acta/aprobar')
  approve(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.actaForm([id, who, res], async () => {
      // the version the page showed: approving it means approving what was read
      const version = approvedVersionFromForm(await validateBody(ApproveFormDto, body));
      const approved = await this.minutes.approve(who.actor, id, who.audit, version);
      const params = { number: String(approved.number), code: approved.verificationCode };
      return doneTo(`/reuniones/${id}/acta`, 'flash.minutesApproved', params);
    });
  }

  @Post('reuniones/:id/acta/enviar')
  send(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.actaForm([id, who, res], async () => {
      const { queued, alreadySent, withoutEmail } = await this.distribution.send(who.actor, id, who.audit);
      const params = { n: String(queued), already: String(alreadySent), without: String(withoutEmail) };
      return doneTo(`/reuniones/${id}/acta`, 'flash.minutesSent', params);
    });
  }

  @Get('reuniones/:id/acta.pdf')
  async pdf(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const doc = await this.minutes.pdfOf(who.actor, id, who.audit);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(doc.filename));
    res.end(doc.content);
  }

  @Get('organizaciones/:id/actas')
  async list(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const actas = await this.minutes.list(who.actor, id, who.audit);
    res.render('meetings/actas', actasView(locale(res), actas));
  }

  private async commitmentsPage(
    [who, id]: [Caller, string],
    query: Record<string, string>,
    res: Response,
    refused?: ProgressRefusal,
  ): Promise<void> {
    const status = COMMITMENT_STATUSES.includes(query.status) ? query.status : '';
    const overdue = query.overdue === 'true';
    const filters = { associationId: id, status, overdue: overdue ? 'true' : undefined, pageSize: 200 };
    const list = await this.commitments.list(who.actor, filters, who.audit);
    const canUpdate = await this.minutes.mayEdit(who.actor, list.association.id, who.audit);
    const view = commitmentsView(locale(res), { ...list, canUpdate, filter: { status, overdue } }, refused);
    res.status(refused?.status ?? 200).render('meetings/commitments', view);
  }

  @Get('organizaciones/:id/compromisos')
  commitmentsList(
    @Param('id') id: string,
    @Query() query: Filters,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    return this.commitmentsPage([who, id], query, res);
  }

  @Post('compromisos/:id/avance')
  async update(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const associationId = await this.commitments.assertMayUpdate(who.actor, id, who.audit);
    const act = async () => {
      const { status, progress, note } = await validateBody(CommitmentProgressFormDto, body);
      await this.commitments.addUpdate(who.actor, id, { status, progress, note }, who.audit);
      return doneTo(`/organizaciones/${associationId}/compromisos#c-${id}`, 'flash.commitmentUpdated');
    };
    await submitForm(res, act, ({ status, formError: error }) =>
      this.commitmentsPage([who, associationId], {}, res, {
        status,
        commitmentId: id,
        error,
        values: postedProgress(body),
      }),
    );
  }
}
