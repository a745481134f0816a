import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { translate, type Locale } from '../common/i18n/i18n';
import { formRefusal } from '../common/web/form-errors.filter';
import { setFlash } from '../common/web/flash';
import { MeetingException } from './meetings.exception';
import { CommitmentsService } from './commitments.service';
import { attachErrors, minutesFormToInput, type MinutesForm } from './minutes.form';
import { MinutesService } from './minutes.service';
import { MinutesDistribution } from './minutes-distribution.service';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
type Body_ = Record<string, unknown>;
const STATUSES = ['open', 'in_progress', 'done', 'cancelled'];

/** The acta editor and reader, the association's actas and its commitments (HTML). */
@ApiExcludeController()
@Controller()
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly distribution: MinutesDistribution,
    private readonly commitments: CommitmentsService,
  ) {}

  private async page(
    actor: Actor,
    meetingId: string,
    req: Request,
    res: Response,
    refused?: { status: number; errors: Record<string, string>; formError: string; form?: MinutesForm },
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const data = await this.minutes.read(actor, meetingId, context);
    const { meeting, association } = data;
    const form = data.canEdit
      ? attachErrors(refused?.form ?? (await this.minutes.formOf(data)), refused?.errors ?? {})
      : null;
    const loc = locale(res);
    res.status(refused?.status ?? 200).render('meetings/minutes', {
      title: translate(loc, data.status === 'approved' ? 'minutes.titleApproved' : 'minutes.titleDraft', {
        number: String(data.number),
        name: association.name,
      }),
      association: { id: association.id, name: association.name },
      meeting: { id: meeting.id, when: this.minutes.when(meeting), place: meeting.place, timeZone: meeting.timeZone },
      minutes: data,
      mayEditMeeting: data.mayEditMeeting,
      form,
      members: form ? await this.minutes.memberOptions(association.id, meeting.id) : [],
      institutions: form ? await this.minutes.institutionOptions(association.communeCode, meeting.id) : [],
      amendable: form ? await this.minutes.amendableActas(association.id, meeting.startsAt) : [],
      majorities: ['simple', 'absolute', 'two_thirds'].map((value) => ({
        value,
        label: translate(loc, `minutes.majorities.${value}`),
      })),
      errors: refused?.errors ?? {},
      formError: refused?.formError ?? null,
      timeZone: meeting.timeZone,
    });
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
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.minutes.assertMayEdit(actor, id, context);
    const { input, form, fieldOf, errors } = minutesFormToInput(body ?? {});
    try {
      if (errors.length) throw MeetingException.invalid(errors);
      await this.minutes.save(actor, id, input, context);
      setFlash(res, { type: 'success', key: 'flash.minutesSaved' });
      res.redirect(303, `/reuniones/${id}/acta`);
    } catch (err) {
      await this.page(actor, id, req, res, { ...formRefusal(err, fieldOf), form });
    }
  }

  @Post('reuniones/:id/acta/aprobar')
  async approve(
    @Param('id') id: string,
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.minutes.assertMayEdit(actor, id, context);
    try {
      // the version the page showed: approving it means approving what was read
      const version = typeof body?.version === 'string' && /^\d{1,9}$/.test(body.version) ? Number(body.version) : NaN;
      if (!Number.isInteger(version))
        throw MeetingException.field('version', 'Falta la versión del acta que se aprueba: recargue la página.');
      const approved = await this.minutes.approve(actor, id, context, version);
      setFlash(res, {
        type: 'success',
        key: 'flash.minutesApproved',
        params: { number: String(approved.number), code: approved.verificationCode },
      });
      res.redirect(303, `/reuniones/${id}/acta`);
    } catch (err) {
      // shown on the acta as it now stands (a draft with its form, or approved meanwhile by someone else)
      const { status, formError } = formRefusal(err);
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
      const { status, formError } = formRefusal(err);
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
    res.setHeader('Content-Disposition', `attachment; filename="${doc.filename}"`);
    res.end(doc.content);
  }

  @Get('organizaciones/:id/actas')
  async list(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { association, items } = await this.minutes.list(actor, id, auditContextFrom(req, actor));
    res.render('meetings/actas', {
      title: translate(locale(res), 'minutes.listTitle', { name: association.name }),
      association: { id: association.id, name: association.name },
      items,
    });
  }

  private async commitmentsPage(
    actor: Actor,
    id: string,
    query: Record<string, string>,
    req: Request,
    res: Response,
    refused?: { status: number; commitmentId: string; error: string; values: Record<string, string> },
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const status = STATUSES.includes(query.status) ? query.status : '';
    const overdue = query.overdue === 'true';
    const { items, total, association } = await this.commitments.list(
      actor,
      { associationId: id, status, overdue: overdue ? 'true' : undefined, pageSize: 200 },
      context,
    );
    const canUpdate = await this.minutes.mayEdit(actor, association.id, context);
    const loc = locale(res);
    res.status(refused?.status ?? 200).render('meetings/commitments', {
      title: translate(loc, 'minutes.commitmentsTitle', { name: association.name }),
      association: { id: association.id, name: association.name },
      items: items.map((c) => {
        const mine = refused?.commitmentId === c.id;
        const values = mine ? refused.values : { status: '', progress: '', note: '' };
        return {
          ...c,
          error: mine ? refused.error : null,
          values,
          statusOptions: STATUSES.map((value) => ({
            value,
            label: translate(loc, `minutes.commitmentStatuses.${value}`),
            selected: value === values.status,
          })),
        };
      }),
      total,
      canUpdate,
      filter: { status, overdue },
      statuses: STATUSES.map((value) => ({
        value,
        label: translate(loc, `minutes.commitmentStatuses.${value}`),
        selected: value === status,
      })),
      formError: refused?.error ?? null,
    });
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
    @Body() body: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const posted = Object.fromEntries(
      ['status', 'progress', 'note'].map((k) => [k, typeof body?.[k] === 'string' ? (body[k] as string) : '']),
    ) as Record<string, string>;
    const context = auditContextFrom(req, actor);
    const associationId = await this.commitments.assertMayUpdate(actor, id, context);
    try {
      await this.commitments.addUpdate(
        actor,
        id,
        { status: posted.status, note: posted.note, progress: posted.progress },
        context,
      );
      setFlash(res, { type: 'success', key: 'flash.commitmentUpdated' });
      res.redirect(303, `/organizaciones/${associationId}/compromisos#c-${id}`);
    } catch (err) {
      const { status, formError } = formRefusal(err);
      await this.commitmentsPage(actor, associationId, {}, req, res, {
        status,
        commitmentId: id,
        error: formError,
        values: posted,
      });
    }
  }
}
