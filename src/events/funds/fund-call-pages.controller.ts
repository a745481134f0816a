import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { AllowRoles, CurrentActor, Public } from '../../common/access/decorators';
import { Clock } from '../../common/clock';
import { localDate } from '../../common/format/dates';
import { validateBody } from '../../common/validation.pipe';
import { formRefusal } from '../../common/web/form-errors.filter';
import { mayCreateCalls, mayEdit } from './fund-call-access';
import { FundCallEditorService, type FundCallCreate } from './fund-call-editor.service';
import { FundCallImportService } from './fund-call-import.service';
import { FundCallFormDto, FundCallQueryDto } from './fund-calls.dto';
import { FundCallsService, type FundCallView } from './fund-calls.service';
import { calendarView, callFormView, callPageView } from './fund-calls.view-model';
import { FundException } from './funds.exception';
import { fundPageTexts } from './funds.messages';

const locale = (res: Response): 'es' | 'en' => (res.locals.locale === 'en' ? 'en' : 'es');
const lines = (v: unknown): string[] =>
  typeof v === 'string'
    ? v
        .split(/\r?\n|,/)
        .map((s) => s.trim())
        .filter(Boolean)
    : Array.isArray(v)
      ? v.map(String)
      : [];

/** The form's flat fields as the body the API takes (requirements as an object). */
function inputOf(form: FundCallFormDto, raw: Record<string, unknown>): FundCallCreate {
  const int = (v?: string) => (v && /^\d{1,3}$/.test(v) ? Number(v) : v ? (v as unknown as number) : undefined);
  return {
    institutionName: form.institutionName,
    institutionId: form.institutionId,
    name: form.name,
    year: form.year,
    scope: form.scope,
    regionCodes: form.regionCodes,
    communeCodes: form.communeCodes,
    category: form.category,
    targetApplicant: form.targetApplicant,
    associationKinds: lines(raw.associationKinds),
    amountMinClp: form.amountMinClp ?? null,
    amountMaxClp: form.amountMaxClp ?? null,
    opensAt: form.opensAt,
    closesAt: form.closesAt,
    timeZone: form.timeZone,
    url: form.url ?? null,
    description: form.description ?? null,
    programId: form.programId,
    requirements: Object.fromEntries(
      Object.entries({
        legalPersonalityInForce: form.reqLegalPersonalityInForce || undefined,
        boardInForce: form.reqBoardInForce || undefined,
        noPendingExpenseReport: form.reqNoPendingExpenseReport || undefined,
        organizationRut: form.reqOrganizationRut || undefined,
        publicFundsRegistry: form.reqPublicFundsRegistry || undefined,
        noActivityStart: form.reqNoActivityStart || undefined,
        minOrganizationAgeYears: int(form.reqMinOrganizationAgeYears),
        minAgeYears: int(form.reqMinAgeYears),
        ownerSex: form.reqOwnerSex || undefined,
        other: lines(form.reqOther),
      }).filter(([, v]) => v !== undefined),
    ),
  };
}

/** A call as the edit form's values. */
function valuesOfCall(c: FundCallView): Record<string, string> {
  const r = c.requirements;
  const on = (v?: boolean) => (v ? 'on' : '');
  return {
    institutionName: c.institution.name,
    name: c.name,
    year: String(c.year),
    scope: c.scope,
    regionCodes: c.regionCodes[0] ?? '',
    communeCodes: c.communeCodes.join('\n'),
    category: c.category,
    targetApplicant: c.targetApplicant,
    amountMinClp: c.amountMinClp === null ? '' : String(c.amountMinClp),
    amountMaxClp: c.amountMaxClp === null ? '' : String(c.amountMaxClp),
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    timeZone: c.timeZone,
    url: c.url ?? '',
    description: c.description ?? '',
    reqLegalPersonalityInForce: on(r.legalPersonalityInForce),
    reqBoardInForce: on(r.boardInForce),
    reqNoPendingExpenseReport: on(r.noPendingExpenseReport),
    reqOrganizationRut: on(r.organizationRut),
    reqPublicFundsRegistry: on(r.publicFundsRegistry),
    reqNoActivityStart: on(r.noActivityStart),
    reqMinOrganizationAgeYears: r.minOrganizationAgeYears ? String(r.minOrganizationAgeYears) : '',
    reqMinAgeYears: r.minAgeYears ? String(r.minAgeYears) : '',
    reqOwnerSex: r.ownerSex ?? '',
    reqOther: (r.other ?? []).join('\n'),
  };
}

/** The service's field names on the form (requirements are flat fields there). */
const rename = (field: string) => {
  const m = /^requirements\.(\w+)$/.exec(field);
  return m ? `req${m[1].charAt(0).toUpperCase()}${m[1].slice(1)}` : field === 'requirements' ? 'reqOther' : field;
};

/**
 * The fund calendar's pages (issue 18 items 1 and 2): the public calendar /fondos (month grid and list, filters),
 * a call's page with its checklist, and for those who may: the create, edit and import forms. A refused form is shown
 * again with the user's input and each field's message.
 */
@ApiExcludeController()
@Controller()
export class FundCallPagesController {
  constructor(
    private readonly calls: FundCallsService,
    private readonly editor: FundCallEditorService,
    private readonly imports: FundCallImportService,
    private readonly clock: Clock,
  ) {}

  @Get('fondos')
  @Public()
  async calendar(@Query() query: FundCallQueryDto, @CurrentActor() actor: Actor | null, @Res() res: Response) {
    const today = localDate(this.clock.now(), 'America/Santiago');
    const month = query.month ?? today.slice(0, 7);
    const list = await this.calls.list({ ...query, month });
    res.render(
      'funds/calendar',
      calendarView(locale(res), {
        calls: list,
        month,
        filter: query,
        canCreate: mayCreateCalls(actor),
        today,
      }),
    );
  }

  @Get('fondos/nuevo')
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  async newForm(@Res() res: Response) {
    const today = localDate(this.clock.now(), 'America/Santiago');
    await this.renderForm(res, '/fondos/nuevo', fundPageTexts(locale(res)).newCall, {
      year: today.slice(0, 4),
      scope: 'communal',
      category: 'social',
      targetApplicant: 'organizations',
    });
  }

  @Post('fondos/nuevo')
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  async create(
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    try {
      const form = await validateBody(FundCallFormDto, body);
      const call = await this.editor.create(actor, inputOf(form, body), auditContextFrom(req, actor));
      return res.redirect(303, `/fondos/${call.id}`);
    } catch (err) {
      const refused = formRefusal(err, res, rename);
      return this.renderForm(res, '/fondos/nuevo', fundPageTexts(locale(res)).newCall, body, refused);
    }
  }

  @Get('fondos/importar')
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  importForm(@Res() res: Response) {
    const tx = fundPageTexts(locale(res));
    res.render('funds/import', { title: tx.importCalls, tx, values: { content: '' }, errors: {} });
  }

  @Post('fondos/importar')
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  async importCalls(
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const tx = fundPageTexts(locale(res));
    const content = typeof body.content === 'string' ? body.content : '';
    // a file uploaded (multipart, parsed before the CSRF check in app.setup) or the CSV pasted
    const file = (req as Request & { file?: { buffer: Buffer; originalname: string } }).file;
    try {
      await this.imports.importCalls(
        actor,
        file
          ? { content: file.buffer, format: /\.xlsx$/i.test(file.originalname) ? 'xlsx' : 'csv' }
          : { content: Buffer.from(content, 'utf8'), format: 'csv' },
        auditContextFrom(req, actor),
      );
      return res.redirect(303, '/fondos?view=list');
    } catch (err) {
      const refused = formRefusal(err, res);
      // every refused line in the reader's language (formRefusal has let only a domain refusal through)
      const problems = (err as FundException).errorsIn(locale(res));
      return res.status(refused.status).render('funds/import', {
        title: tx.importCalls,
        tx,
        values: { content },
        errors: {},
        formError: refused.formError && problems.length ? null : refused.formError,
        problems: problems.map((p) => p.message),
      });
    }
  }

  @Get('fondos/:id')
  @Public()
  async call(@Param('id') id: string, @CurrentActor() actor: Actor | null, @Res() res: Response) {
    const call = await this.calls.get(id);
    res.render(
      'funds/call',
      callPageView(locale(res), call, {
        canEdit: mayEdit(actor, call),
        territory: await this.calls.territoryIndex(),
        signedIn: !!actor,
        subscribed: actor ? await this.calls.isSubscribed(actor.id, call.id) : false,
      }),
    );
  }

  @Get('fondos/:id/editar')
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  async editForm(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    const call = await this.editable(actor, id);
    await this.renderForm(res, `/fondos/${id}/editar`, call.name, valuesOfCall(call));
  }

  @Post('fondos/:id/editar')
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  async update(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const call = await this.editable(actor, id);
    try {
      const form = await validateBody(FundCallFormDto, body);
      await this.editor.update(actor, id, inputOf(form, body), auditContextFrom(req, actor));
      return res.redirect(303, `/fondos/${id}`);
    } catch (err) {
      const refused = formRefusal(err, res, rename);
      return this.renderForm(res, `/fondos/${id}/editar`, call.name, body, refused);
    }
  }

  /** The call, when the actor may edit it (else 403: the call itself is public). */
  private async editable(actor: Actor, id: string): Promise<FundCallView> {
    const call = await this.calls.get(id);
    if (!mayEdit(actor, call)) throw FundException.forbidden(fundPageTexts('es').edit);
    return call;
  }

  private async renderForm(
    res: Response,
    action: string,
    heading: string,
    values: Record<string, unknown>,
    refused?: { status: number; errors: Record<string, string>; formError: string },
  ) {
    const strings = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : v == null ? '' : String(v)]),
    );
    res.status(refused?.status ?? 200).render(
      'funds/form',
      callFormView(locale(res), {
        action,
        heading,
        values: strings,
        errors: refused?.errors ?? {},
        formError: refused?.formError ?? null,
        territory: await this.calls.territoryIndex(),
        kindsChecked: lines(values.associationKinds),
      }),
    );
  }
}
