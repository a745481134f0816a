import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { contentDisposition } from '../common/format/file-name';
import type { Actor } from '../common/access/actor';
import { CurrentActor, Public } from '../common/access/decorators';
import type { Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formErrors, formRefusal } from '../common/web/form-errors.filter';
import { validateBody } from '../common/validation.pipe';
import {
  associationEditView,
  associationPageRoles,
  associationPageView,
  constitutionStepsView,
  earlyConstitution,
  newAssociationFormExtras,
  newAssociationFormView,
  publicRegistryView,
  registersAssociations,
  registryPageView,
  showsConstitution,
} from './association-pages.view-model';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationRegistrationService } from './association-registration.service';
import { AssociationRegistryService } from './association-registry.service';
import { AssociationsService } from './associations.service';
import {
  AccessInviteDto,
  CreateAssociationDto,
  RecognitionDto,
  RegistryQueryDto,
  UpdateAssociationDto,
} from './dto/association.dto';
import { UsersService } from '../auth/users.service';
import { ConstitutionDepositService } from './constitution-deposit.service';
import { ConstitutionRequestService } from './constitution-request.service';
import { ConstitutionService } from './constitution.service';
import { ConstitutionStatutesService } from './constitution-statutes.service';
import {
  ConstitutionRequestDto,
  CorrectionDto,
  DepositDto,
  FaithMinisterDto,
  ObjectionDto,
} from './dto/constitution.dto';

/** A page's body as posted (Express 5 leaves it undefined when a post has none); it only refills the form. */
type Posted = Record<string, unknown>;
const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');

/** The new-organisation form's options for the actor who posted it (the refusal filter shows it again). */
const newFormExtras = (req: Request, res: Response) =>
  newAssociationFormExtras((req as Request & { actor: Actor }).actor, locale(res));

/** The registry and association pages (HTML), over the same service as the JSON API. */
@ApiExcludeController()
@Controller()
export class AssociationsController {
  constructor(
    private readonly associations: AssociationsService,
    private readonly registration: AssociationRegistrationService,
    private readonly registries: AssociationRegistryService,
    private readonly users: UsersService,
    private readonly constitution: ConstitutionService,
    private readonly constitutionRequests: ConstitutionRequestService,
    private readonly deposits: ConstitutionDepositService,
    private readonly statutes: ConstitutionStatutesService,
  ) {}

  @Get('organizaciones')
  async registry(@Query() query: RegistryQueryDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const pageSize = 50;
    const { items, total } = await this.registries.registry(actor, { ...query, pageSize });
    res.render(
      'associations/registry',
      registryPageView({ items, total, page: query.page ?? 1, pageSize, query: { ...query } }, actor, locale(res)),
    );
  }

  /** The registry with its contacts (issue 20 item 7): the municipal officer's and the administrator's, audited. */
  @Get('organizaciones/exportar.csv')
  exportCsv(@Query() query: RegistryQueryDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    return this.exportRegistry('csv', query, actor, req, res);
  }

  @Get('organizaciones/exportar.xlsx')
  exportXlsx(
    @Query() query: RegistryQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.exportRegistry('xlsx', query, actor, req, res);
  }

  private async exportRegistry(
    format: 'csv' | 'xlsx',
    query: RegistryQueryDto,
    actor: Actor,
    req: Request,
    res: Response,
  ): Promise<void> {
    const file = await this.registries.exportRegistry(actor, { ...query }, format, auditContextFrom(req, actor));
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.setHeader('Cache-Control', 'no-store');
    res.send(file.content);
  }

  @Get('organizaciones/nueva')
  newForm(@CurrentActor() actor: Actor, @Res() res: Response): void {
    if (!registersAssociations(actor)) throw AssociationException.forbidden(T.registerOnlyOfficer());
    res.render('associations/new', newAssociationFormView(actor, locale(res)));
  }

  @Post('organizaciones/nueva')
  @UseFilters(
    formErrors('associations/new', 'association.newTitle', (req) =>
      newFormExtras(req, (req as Request & { res: Response }).res),
    ),
  )
  async create(
    @Body() dto: CreateAssociationDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const association = await this.registration.create(actor, dto, auditContextFrom(req, actor));
    setFlash(res, { type: 'success', key: 'flash.associationCreated', params: { name: association.name } });
    res.redirect(303, `/organizaciones/${association.id}`);
  }

  private async showPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    status = 200,
    errors: Record<string, string> = {},
    formError: string | null = null,
  ): Promise<void> {
    const association = await this.associations.get(actor, id, auditContextFrom(req, actor));
    const roles = associationPageRoles(actor, association);
    let constitution: ReturnType<typeof constitutionStepsView> | null = null;
    if (showsConstitution(association)) {
      const view = await this.constitution.get(actor, association.id, auditContextFrom(req, actor));
      const ministers =
        roles.municipal && earlyConstitution(association.status)
          ? await this.constitution.ministersFor(association)
          : [];
      const statutes = await this.statutes.find(association.id);
      const steps = constitutionStepsView(association, view, ministers, roles, actor);
      // issue 20 item 8: the statutes' PDF, uploaded and replaced by those who record the assembly until certified
      constitution = Object.assign(steps, {
        statutes: statutes && { ...statutes, sha256Short: statutes.sha256.slice(0, 12) },
        canUploadStatutes: steps.canRecord,
      });
    }
    const holders = roles.municipal ? await this.users.holdersOf('association', association.id) : [];
    const posted = status === 200 ? null : ((req.body ?? {}) as Posted);
    res
      .status(status)
      .render(
        'associations/show',
        associationPageView({ association, constitution, holders, posted, errors, formError }, actor, locale(res)),
      );
  }

  /** The constitution's steps posted from the association page: done, back to it; refused, the page with the messages. */
  private async step(
    id: string,
    actor: Actor,
    req: Request,
    res: Response,
    run: () => Promise<unknown>,
    flash: string,
  ): Promise<void> {
    try {
      await run();
      setFlash(res, { type: 'success', key: flash });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      await this.refused(err, actor, id, req, res);
    }
  }

  @Post('organizaciones/:id/constitucion/solicitud')
  requestMinister(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.step(
      id,
      actor,
      req,
      res,
      async () =>
        this.constitutionRequests.request(
          actor,
          id,
          await validateBody(ConstitutionRequestDto, body),
          auditContextFrom(req, actor),
        ),
      'flash.ministerRequested',
    );
  }

  @Post('organizaciones/:id/constitucion/ministro')
  assignMinister(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.step(
      id,
      actor,
      req,
      res,
      async () =>
        this.constitutionRequests.assignFaithMinister(
          actor,
          id,
          (await validateBody(FaithMinisterDto, body)).faithMinisterUserId,
          auditContextFrom(req, actor),
        ),
      'flash.ministerAssigned',
    );
  }

  /** Issue 20 item 8: the statutes' PDF (multipart field `statutes`), uploaded or replaced until the certification. */
  @Post('organizaciones/:id/constitucion/estatutos')
  uploadStatutes(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const upload = req as Request & { file?: { originalname: string; buffer: Buffer }; uploadError?: string };
    // an empty file input still posts a part with no name and no bytes: no file chosen
    const file = upload.file && (upload.file.originalname || upload.file.buffer.length) ? upload.file : null;
    return this.step(
      id,
      actor,
      req,
      res,
      () => this.statutes.upload(actor, id, file, auditContextFrom(req, actor), upload.uploadError),
      'flash.statutesUploaded',
    );
  }

  @Get('organizaciones/:id/constitucion/estatutos.pdf')
  async statutesPdf(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.statutes.download(actor, id, auditContextFrom(req, actor));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.send(file.content);
  }

  @Post('organizaciones/:id/constitucion/deposito')
  deposit(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.step(
      id,
      actor,
      req,
      res,
      async () => this.deposits.deposit(actor, id, await validateBody(DepositDto, body), auditContextFrom(req, actor)),
      'flash.deposited',
    );
  }

  @Post('organizaciones/:id/constitucion/objecion')
  objection(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.step(
      id,
      actor,
      req,
      res,
      async () => this.deposits.object(actor, id, await validateBody(ObjectionDto, body), auditContextFrom(req, actor)),
      'flash.objected',
    );
  }

  @Post('organizaciones/:id/constitucion/subsanacion')
  correction(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.step(
      id,
      actor,
      req,
      res,
      async () =>
        this.deposits.correct(actor, id, await validateBody(CorrectionDto, body), auditContextFrom(req, actor)),
      'flash.corrected',
    );
  }

  @Get('organizaciones/:id')
  show(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.showPage(actor, id, req, res);
  }

  /** A refused action on the association page: the page again, with the messages and the user's input. */
  private async refused(err: unknown, actor: Actor, id: string, req: Request, res: Response): Promise<void> {
    const { status, errors, formError } = formRefusal(err, res, (f) => (f === 'roles' ? 'role' : f));
    await this.showPage(actor, id, req, res, status, errors, formError);
  }

  /** The municipality gives a person access as an officer or member of this association (inviting them if new). */
  @Post('organizaciones/:id/accesos')
  async grantAccess(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const association = await this.registration.forAccessGrant(actor, id, auditContextFrom(req, actor));
      const dto = await validateBody(AccessInviteDto, body);
      const { invited, email } = await this.registration.grantAccess(
        actor,
        association,
        dto,
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: invited ? 'flash.invited' : 'flash.saved', params: { email } });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      await this.refused(err, actor, id, req, res);
    }
  }

  @Post('organizaciones/:id/reconocimiento')
  async recognition(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.registration.recordRecognition(
        actor,
        id,
        await validateBody(RecognitionDto, body),
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: 'flash.saved' });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      await this.refused(err, actor, id, req, res);
    }
  }

  private async editPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    status = 200,
    errors: Record<string, string> = {},
    formError: string | null = null,
  ): Promise<void> {
    const association = await this.associations.getForEdit(actor, id, auditContextFrom(req, actor));
    const posted = status === 200 ? null : ((req.body ?? {}) as Posted);
    res
      .status(status)
      .render('associations/edit', associationEditView({ association, posted, errors, formError }, locale(res)));
  }

  @Get('organizaciones/:id/editar')
  editForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.editPage(actor, id, req, res);
  }

  @Post('organizaciones/:id/editar')
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const dto = await validateBody(UpdateAssociationDto, body);
      await this.registration.update(actor, id, dto, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.saved' });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err, res);
      await this.editPage(actor, id, req, res, status, errors, formError);
    }
  }

  @Get('comunas/:code/organizaciones')
  @Public()
  async publicRegistry(@Param('code') code: string, @Res() res: Response): Promise<void> {
    const { commune, items } = await this.registries.publicRegistry(code);
    res.render('associations/public', publicRegistryView(commune, items, locale(res)));
  }
}
