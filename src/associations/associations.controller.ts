import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { contentDisposition } from '../common/format/file-name';
import { sendTableExport, type TableFormat } from '../common/format/table-stream';
import type { Actor } from '../common/access/actor';
import { CurrentActor, Public } from '../common/access/decorators';
import type { Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formErrors } from '../common/web/form-errors.filter';
import { doneTo, formState, submitForm, type FormDone, type FormRefusal } from '../common/web/page-form';
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
  PublicRegistryQueryDto,
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

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');

/** The new-organisation form's options for the actor who posted it (the refusal filter shows it again). */
const newFormExtras = (req: Request, res: Response) =>
  newAssociationFormExtras((req as Request & { actor: Actor }).actor, locale(res));

/** Organisations per page of a commune's public registry. */
const PUBLIC_REGISTRY_PAGE = 100;

/** The registry and association pages (HTML), over the same service as the JSON API. */
@ApiExcludeController()
@Controller()
export class AssociationsController {
  private readonly logger = new Logger('Exports');

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
  exportCsv(@Query() query: RegistryQueryDto, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.exportRegistry('csv', query, who, res);
  }

  @Get('organizaciones/exportar.xlsx')
  exportXlsx(@Query() query: RegistryQueryDto, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.exportRegistry('xlsx', query, who, res);
  }

  private exportRegistry(format: TableFormat, query: RegistryQueryDto, who: Caller, res: Response): Promise<void> {
    return sendTableExport(
      res,
      format,
      (out, onStart) => this.registries.exportRegistry(who.actor, { ...query }, format, out, who.audit, onStart),
      (message) => this.logger.warn(message),
    );
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
  async create(@Body() dto: CreateAssociationDto, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const association = await this.registration.create(who.actor, dto, who.audit);
    setFlash(res, { type: 'success', key: 'flash.associationCreated', params: { name: association.name } });
    res.redirect(303, `/organizaciones/${association.id}`);
  }

  /** /organizaciones/:id, or the same page again after a refused form on it (its messages, the user's input). */
  private async showPage(who: Caller, id: string, res: Response, refused?: FormRefusal, posted?: unknown) {
    const { actor, audit } = who;
    const { view: association, row, municipality } = await this.associations.getWithRow(actor, id, audit);
    const roles = associationPageRoles(actor, association);
    let constitution: ReturnType<typeof constitutionStepsView> | null = null;
    if (showsConstitution(association)) {
      const view = await this.constitution.viewOfReadable(actor, row, municipality.timeZone);
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
    const page = { association, constitution, holders, ...formState(refused, posted) };
    res.status(refused?.status ?? 200).render('associations/show', associationPageView(page, actor, locale(res)));
  }

  /** A form on the association page: done, back to it; refused, the page again with the messages and the input. */
  private pageForm(id: string, posted: unknown, who: Caller, res: Response, act: () => Promise<FormDone>) {
    const again = (refused: FormRefusal) => this.showPage(who, id, res, refused, posted);
    return submitForm(res, act, again, (f) => (f === 'roles' ? 'role' : f));
  }

  /** A constitution step posted from the association page: its form, its service call, its message. */
  private step<T extends object>(
    id: string,
    [type, body]: [new () => T, unknown],
    who: Caller,
    res: Response,
    run: (dto: T) => Promise<unknown>,
    flash: string,
  ): Promise<void> {
    return this.pageForm(id, body, who, res, async () => {
      await run(await validateBody(type, body));
      return doneTo(`/organizaciones/${id}`, flash);
    });
  }

  @Post('organizaciones/:id/constitucion/solicitud')
  requestMinister(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: ConstitutionRequestDto) => this.constitutionRequests.request(who.actor, id, dto, who.audit);
    return this.step(id, [ConstitutionRequestDto, body], who, res, run, 'flash.ministerRequested');
  }

  @Post('organizaciones/:id/constitucion/ministro')
  assignMinister(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.step(
      id,
      [FaithMinisterDto, body],
      who,
      res,
      (dto) => this.constitutionRequests.assignFaithMinister(who.actor, id, dto.faithMinisterUserId, who.audit),
      'flash.ministerAssigned',
    );
  }

  /** Issue 20 item 8: the statutes' PDF (multipart field `statutes`), uploaded or replaced until the certification. */
  @Post('organizaciones/:id/constitucion/estatutos')
  uploadStatutes(@Param('id') id: string, @CurrentCaller() who: Caller, @Req() req: Request, @Res() res: Response) {
    const upload = req as Request & { file?: { originalname: string; buffer: Buffer }; uploadError?: string };
    // an empty file input still posts a part with no name and no bytes: no file chosen
    const file = upload.file && (upload.file.originalname || upload.file.buffer.length) ? upload.file : null;
    return this.pageForm(id, req.body, who, res, async () => {
      await this.statutes.upload(who.actor, id, file, who.audit, upload.uploadError);
      return doneTo(`/organizaciones/${id}`, 'flash.statutesUploaded');
    });
  }

  @Get('organizaciones/:id/constitucion/estatutos.pdf')
  async statutesPdf(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const file = await this.statutes.download(who.actor, id, who.audit);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.send(file.content);
  }

  @Post('organizaciones/:id/constitucion/deposito')
  deposit(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: DepositDto) => this.deposits.deposit(who.actor, id, dto, who.audit);
    return this.step(id, [DepositDto, body], who, res, run, 'flash.deposited');
  }

  @Post('organizaciones/:id/constitucion/objecion')
  objection(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.step(
      id,
      [ObjectionDto, body],
      who,
      res,
      (dto) => this.deposits.object(who.actor, id, dto, who.audit),
      'flash.objected',
    );
  }

  @Post('organizaciones/:id/constitucion/subsanacion')
  correction(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: CorrectionDto) => this.deposits.correct(who.actor, id, dto, who.audit);
    return this.step(id, [CorrectionDto, body], who, res, run, 'flash.corrected');
  }

  @Get('organizaciones/:id')
  show(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.showPage(who, id, res);
  }

  /** The municipality gives a person access as an officer or member of this association (inviting them if new). */
  @Post('organizaciones/:id/accesos')
  grantAccess(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.pageForm(id, body, who, res, async () => {
      const association = await this.registration.forAccessGrant(who.actor, id, who.audit);
      const dto = await validateBody(AccessInviteDto, body);
      const { invited, email } = await this.registration.grantAccess(who.actor, association, dto, who.audit);
      return doneTo(`/organizaciones/${id}`, invited ? 'flash.invited' : 'flash.saved', { email });
    });
  }

  @Post('organizaciones/:id/reconocimiento')
  recognition(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: RecognitionDto) => this.registration.recordRecognition(who.actor, id, dto, who.audit);
    return this.step(id, [RecognitionDto, body], who, res, run, 'flash.saved');
  }

  private async editPage(who: Caller, id: string, res: Response, refused?: FormRefusal, posted?: unknown) {
    const association = await this.associations.getForEdit(who.actor, id, who.audit);
    const view = associationEditView({ association, ...formState(refused, posted) }, locale(res));
    res.status(refused?.status ?? 200).render('associations/edit', view);
  }

  @Get('organizaciones/:id/editar')
  editForm(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.editPage(who, id, res);
  }

  @Post('organizaciones/:id/editar')
  update(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const act = async () => {
      await this.registration.update(who.actor, id, await validateBody(UpdateAssociationDto, body), who.audit);
      return doneTo(`/organizaciones/${id}`, 'flash.saved');
    };
    return submitForm(res, act, (refused) => this.editPage(who, id, res, refused, body));
  }

  @Get('comunas/:code/organizaciones')
  @Public()
  async publicRegistry(
    @Param('code') code: string,
    @Query() query: PublicRegistryQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const page = { page: query.page ?? 1, pageSize: PUBLIC_REGISTRY_PAGE };
    const { commune, items, total } = await this.registries.publicRegistry(code, page);
    res.render('associations/public', publicRegistryView(commune, { items, total, ...page }, locale(res)));
  }
}
