import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AssociationDirectory } from '../associations/association-directory.service';
import { CurrentCaller, type Caller } from '../audit/caller';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { translate } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { doneTo, submitForm } from '../common/web/page-form';
import { BeneficiariesService } from './beneficiaries.service';
import { BeneficiaryImportService } from './beneficiary-import.service';
import { BeneficiaryDto, BeneficiaryQueryDto } from './dto/programs.dto';
import { ProgramConsentService } from './program-consent.service';
import { ProgramFilesService } from './program-files.service';
import { download, enrolledAssociations, locale, one, postedOn, programToday, tableFormat } from './program-pages';
import { ProgramException } from './programs.exception';
import { programTexts } from './programs.messages';
import { ProgramsService } from './programs.service';
import {
  type BeneficiaryForm,
  beneficiariesView,
  type FormRefusal,
  importView,
  type PostedForm,
} from './programs.view-model';

type BeneficiaryRefusal = FormRefusal & { form: BeneficiaryForm };
type ImportRefusal = { status: number; formError: string; lines: { field: string; message: string }[] };
/** The list's filters as its address carries them. */
type Filters = Record<string, unknown>;
/** The import template's address: the program and the format. */
type TemplatePath = { id: string; format: string };

/**
 * The program's beneficiaries (HTML, issue 17; DOM-PRG-2, DOM-PRG-3): the visible list with its filters, a
 * beneficiary added directly (with the person's consent) or from a consenting association's roster, and the import of
 * a file (all or nothing) with its template. The services enforce who may see what.
 */
@ApiExcludeController()
@Controller()
export class BeneficiaryPagesController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly consent: ProgramConsentService,
    private readonly directory: AssociationDirectory,
    private readonly clock: Clock,
    private readonly files: ProgramFilesService,
    private readonly imports: BeneficiaryImportService,
  ) {}

  private async beneficiariesPage(
    [who, id]: [Caller, string],
    query: Record<string, unknown>,
    res: Response,
    refused?: BeneficiaryRefusal,
    posted?: unknown,
  ): Promise<void> {
    const { actor, audit } = who;
    const program = await this.programs.get(actor, id, audit);
    // the list's filters (the roster picker's rosterAssociationId and the language switch are not filters)
    const { q, category, ownerSex, associationId } = query;
    const filter = refused ? {} : await validateBody(BeneficiaryQueryDto, { q, category, ownerSex, associationId });
    const list = await this.beneficiaries.list(actor, id, filter, audit);
    const associations = await enrolledAssociations(this.programs, this.directory, this.consent, id);
    const categories = Object.keys((await this.beneficiaries.counts(id)).byCategory).sort((a, b) =>
      a.localeCompare(b, 'es'),
    );
    // the roster form's second step: the members of the association picked (only while it shares its roster)
    const picked = one(refused?.form === 'roster' ? (posted as PostedForm).associationId : query.rosterAssociationId);
    const sharing = associations.find((a) => a.id === picked && a.sharing);
    const roster = sharing
      ? { associationId: sharing.id, members: await this.beneficiaries.rosterToPick(actor, id, sharing.id, audit) }
      : null;
    const data = { program, list, filter, categories, associations, roster, today: programToday(this.clock, program) };
    const view = beneficiariesView(locale(res), data, postedOn(refused, posted), refused);
    res.status(refused?.status ?? 200).render('programs/beneficiaries', view);
  }

  @Get('programas/:id/beneficiarios')
  beneficiaryList(
    @Param('id') id: string,
    @Query() query: Filters,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    return this.beneficiariesPage([who, id], query, res);
  }

  /** Both beneficiary forms: direct (with the person's consent) and from a consenting roster (memberId). */
  private async addBeneficiary(form: BeneficiaryForm, [id, body]: [string, unknown], who: Caller, res: Response) {
    await this.programs.load(who.actor, id, who.audit);
    const act = async () => {
      const posted = (body ?? {}) as PostedForm;
      // the roster form always names a member: without one it is refused for that field, never taken as direct
      if (form === 'roster' && !one(posted.memberId))
        throw ProgramException.field('memberId', programTexts.memberUnknown(), 'VALIDATION_FAILED', 422);
      const dto = await validateBody(BeneficiaryDto, posted);
      if (form === 'direct') dto.memberId = undefined;
      const added = await this.beneficiaries.add(who.actor, id, dto, who.audit);
      return doneTo(`/programas/${id}/beneficiarios`, 'flash.programBeneficiaryAdded', { name: added.fullName });
    };
    const again = (refused: FormRefusal) => this.beneficiariesPage([who, id], {}, res, { ...refused, form }, body);
    await submitForm(res, act, again, (f) => (f === 'dni' ? 'rut' : f));
  }

  @Post('programas/:id/beneficiarios')
  addDirect(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.addBeneficiary('direct', [id, body], who, res);
  }

  @Post('programas/:id/beneficiarios/registro')
  addFromRoster(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.addBeneficiary('roster', [id, body], who, res);
  }

  // the import (all or nothing): the file comes as multipart (parsed before the CSRF check, app.setup.ts)

  private async importPage(who: Caller, id: string, res: Response, refused?: ImportRefusal, posted?: unknown) {
    const program = await this.programs.get(who.actor, id, who.audit);
    const consentChecked = !!refused && (posted as PostedForm | undefined)?.consentTextVersion !== undefined;
    res
      .status(refused?.status ?? 200)
      .render('programs/import', importView(locale(res), { program, consentChecked }, refused));
  }

  @Get('programas/:id/beneficiarios/importar')
  importForm(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.importPage(who, id, res);
  }

  @Post('programas/:id/beneficiarios/importar')
  async importFile(@Param('id') id: string, @CurrentCaller() who: Caller, @Req() req: Request, @Res() res: Response) {
    await this.programs.load(who.actor, id, who.audit);
    const file = (req as Request & { file?: { buffer: Buffer; originalname: string } }).file;
    if (!file) {
      const message = translate(locale(res), 'programs.noFile');
      return this.importPage(who, id, res, { status: 400, formError: message, lines: [] }, req.body);
    }
    const consent = one((req.body as PostedForm | undefined)?.consentTextVersion);
    const format = /\.xlsx$/i.test(file.originalname) ? 'xlsx' : 'csv';
    const act = async () => {
      const upload = { content: file.buffer, format } as const;
      const { imported } = await this.imports.importBeneficiaries(who.actor, id, upload, consent, who.audit);
      return doneTo(`/programas/${id}/beneficiarios`, 'flash.programBeneficiariesImported', { n: imported });
    };
    await submitForm(res, act, ({ status, formError }, err) => {
      // every refused line, in order (the summary alone would bury them)
      const lines = (err as DomainException).errorsIn(locale(res));
      const detail = (err as DomainException).detailIn(locale(res)) || formError;
      return this.importPage(who, id, res, { status, formError: detail, lines }, req.body);
    });
  }

  @Get('programas/:id/beneficiarios/plantilla.:format')
  async template(@Param() p: TemplatePath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.programs.load(who.actor, p.id, who.audit);
    download(res, await this.files.template(tableFormat(p.format)));
  }
}
