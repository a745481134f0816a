import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AssociationDirectory } from '../associations/association-directory.service';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { translate } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { setFlash } from '../common/web/flash';
import { formRefusal } from '../common/web/form-errors.filter';
import { BeneficiariesService } from './beneficiaries.service';
import { BeneficiaryImportService } from './beneficiary-import.service';
import { BeneficiaryDto, BeneficiaryQueryDto } from './dto/programs.dto';
import { ProgramConsentService } from './program-consent.service';
import { ProgramFilesService } from './program-files.service';
import {
  download,
  enrolledAssociations,
  locale,
  one,
  postedOn,
  programToday,
  submitForm,
  tableFormat,
} from './program-pages';
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
    actor: Actor,
    id: string,
    query: Record<string, unknown>,
    req: Request,
    res: Response,
    refused?: FormRefusal & { form: BeneficiaryForm },
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    const program = await this.programs.get(actor, id, context);
    // the list's filters (the roster picker's rosterAssociationId and the language switch are not filters)
    const { q, category, ownerSex, associationId } = query;
    const filter = refused ? {} : await validateBody(BeneficiaryQueryDto, { q, category, ownerSex, associationId });
    const list = await this.beneficiaries.list(actor, id, filter, context);
    const associations = await enrolledAssociations(this.programs, this.directory, this.consent, id);
    const categories = Object.keys((await this.beneficiaries.counts(id)).byCategory).sort((a, b) =>
      a.localeCompare(b, 'es'),
    );
    // the roster form's second step: the members of the association picked (only while it shares its roster)
    const picked = one(refused?.form === 'roster' ? (req.body as PostedForm).associationId : query.rosterAssociationId);
    const sharing = associations.find((a) => a.id === picked && a.sharing);
    const roster = sharing
      ? { associationId: sharing.id, members: await this.beneficiaries.rosterToPick(actor, id, sharing.id, context) }
      : null;
    res
      .status(refused?.status ?? 200)
      .render(
        'programs/beneficiaries',
        beneficiariesView(
          locale(res),
          { program, list, filter, categories, associations, roster, today: programToday(this.clock, program) },
          postedOn(req, refused),
          refused,
        ),
      );
  }

  @Get('programas/:id/beneficiarios')
  beneficiaryList(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.beneficiariesPage(actor, id, query, req, res);
  }

  /** Both beneficiary forms: direct (with the person's consent) and from a consenting roster (memberId). */
  private async addBeneficiary(
    form: BeneficiaryForm,
    id: string,
    body: unknown,
    actor: Actor,
    req: Request,
    res: Response,
  ): Promise<void> {
    await this.programs.load(actor, id, auditContextFrom(req, actor));
    await submitForm(
      res,
      async () => {
        const posted = (body ?? {}) as PostedForm;
        // the roster form always names a member: without one it is refused for that field, never taken as direct
        if (form === 'roster' && !one(posted.memberId))
          throw ProgramException.field('memberId', programTexts.memberUnknown(), 'VALIDATION_FAILED', 422);
        const dto = await validateBody(BeneficiaryDto, posted);
        if (form === 'direct') dto.memberId = undefined;
        const added = await this.beneficiaries.add(actor, id, dto, auditContextFrom(req, actor));
        return [
          `/programas/${id}/beneficiarios`,
          { key: 'flash.programBeneficiaryAdded', params: { name: added.fullName } },
        ];
      },
      (refused) => this.beneficiariesPage(actor, id, {}, req, res, { ...refused, form }),
      (f) => (f === 'dni' ? 'rut' : f),
    );
  }

  @Post('programas/:id/beneficiarios')
  addDirect(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.addBeneficiary('direct', id, body, actor, req, res);
  }

  @Post('programas/:id/beneficiarios/registro')
  addFromRoster(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.addBeneficiary('roster', id, body, actor, req, res);
  }

  // the import (all or nothing): the file comes as multipart (parsed before the CSRF check, app.setup.ts)

  private async importPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    refused?: { status: number; formError: string; lines: { field: string; message: string }[] },
  ): Promise<void> {
    const program = await this.programs.get(actor, id, auditContextFrom(req, actor));
    const consentChecked = !!refused && (req.body as PostedForm | undefined)?.consentTextVersion !== undefined;
    res
      .status(refused?.status ?? 200)
      .render('programs/import', importView(locale(res), { program, consentChecked }, refused));
  }

  @Get('programas/:id/beneficiarios/importar')
  importForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.importPage(actor, id, req, res);
  }

  @Post('programas/:id/beneficiarios/importar')
  async importFile(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = auditContextFrom(req, actor);
    await this.programs.load(actor, id, context);
    const file = (req as Request & { file?: { buffer: Buffer; originalname: string } }).file;
    if (!file) {
      const message = translate(locale(res), 'programs.noFile');
      return this.importPage(actor, id, req, res, { status: 400, formError: message, lines: [] });
    }
    const consent = one((req.body as PostedForm | undefined)?.consentTextVersion);
    const format = /\.xlsx$/i.test(file.originalname) ? 'xlsx' : 'csv';
    try {
      const { imported } = await this.imports.importBeneficiaries(
        actor,
        id,
        { content: file.buffer, format },
        consent,
        context,
      );
      setFlash(res, { type: 'success', key: 'flash.programBeneficiariesImported', params: { n: imported } });
      res.redirect(303, `/programas/${id}/beneficiarios`);
    } catch (err) {
      const { status, formError } = formRefusal(err, res);
      // every refused line, in order (the summary alone would bury them)
      const lines = (err as DomainException).errorsIn(locale(res));
      await this.importPage(actor, id, req, res, {
        status,
        formError: (err as DomainException).detailIn(locale(res)) || formError,
        lines,
      });
    }
  }

  @Get('programas/:id/beneficiarios/plantilla.:format')
  async template(
    @Param('id') id: string,
    @Param('format') format: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programs.load(actor, id, auditContextFrom(req, actor));
    download(res, await this.files.template(tableFormat(format)));
  }
}
