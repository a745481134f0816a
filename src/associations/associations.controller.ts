import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { Actor, hasRole, isAdmin } from '../common/access/actor';
import { CurrentActor, Public } from '../common/access/decorators';
import { translate, type Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formErrors, formRefusal } from '../common/web/form-errors.filter';
import { validateBody } from '../common/validation.pipe';
import { ASSOCIATION_KINDS, ASSOCIATION_STATUSES, AREAS, kindsFor, WARNING_CODES } from './association-rules';
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
import {
  ConstitutionRequestDto,
  CorrectionDto,
  DepositDto,
  FaithMinisterDto,
  ObjectionDto,
} from './dto/constitution.dto';

type Req_ = Request & { actor: Actor };
const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');

/** Options of a select, translated: `[{ value, label }]`. */
export function choices(
  loc: Locale,
  prefix: string,
  values: readonly string[],
  empty?: string,
): { value: string; label: string }[] {
  return [
    ...(empty !== undefined ? [{ value: '', label: empty }] : []),
    ...values.map((v) => ({
      value: v,
      label: translate(loc, `${prefix}.${v}`),
    })),
  ];
}

/** Communes where the actor registers organisations (their municipal-officer communes). */
function officerCommuneCodes(actor: Actor): string[] {
  return actor.roles.filter((r) => r.role === 'municipal_officer' && r.scopeId).map((r) => r.scopeId as string);
}

function newFormExtras(req: Request, res: Response) {
  const actor = (req as Req_).actor;
  const loc = locale(res);
  const communes = officerCommuneCodes(actor);
  const peru = communes.length > 0 && communes.every((c) => c.startsWith('PE-'));
  return {
    kinds: choices(loc, 'kinds', isAdmin(actor) ? ASSOCIATION_KINDS : kindsFor(peru ? 'PE' : 'CL')),
    areas: choices(loc, 'areas', AREAS),
    communes: communes.map((c) => ({ value: c, label: c })),
    isAdmin: isAdmin(actor),
    peru,
    values: {
      communeCode: communes[0] ?? '',
      kind: peru ? 'neighbourhood_security_board' : 'functional_organization',
      name: '',
      area: 'urban',
      address: '',
      neighbourhoodUnit: '',
      rut: '',
      ruc: '',
      registryNumber: '',
      registeredOn: '',
      recognisedBy: '',
      recognisedOn: '',
      contactName: '',
      contactPhone: '',
      contactEmail: '',
      description: '',
    },
  };
}

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
  ) {}

  @Get('organizaciones')
  async registry(@Query() query: RegistryQueryDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const loc = locale(res);
    const pageSize = 50;
    const page = query.page ?? 1;
    const { items, total } = await this.registries.registry(actor, {
      ...query,
      pageSize,
    });
    const pages = Math.max(Math.ceil(total / pageSize), 1);
    const qs = (p: number) =>
      new URLSearchParams(
        Object.entries({ ...query, page: String(p) }).filter(([, v]) => v !== undefined && v !== '') as [
          string,
          string,
        ][],
      ).toString();
    res.render('associations/registry', {
      title: translate(loc, 'registry.title'),
      items,
      total,
      page,
      pages,
      previousHref: page > 1 ? `/organizaciones?${qs(page - 1)}` : '',
      nextHref: page < pages ? `/organizaciones?${qs(page + 1)}` : '',
      canCreate: isAdmin(actor) || officerCommuneCodes(actor).length > 0,
      showCommune: isAdmin(actor) || officerCommuneCodes(actor).length > 1,
      filters: {
        q: query.q ?? '',
        kind: query.kind ?? '',
        status: query.status ?? '',
        warning: query.warning ?? '',
      },
      kinds: choices(loc, 'kinds', ASSOCIATION_KINDS, translate(loc, 'registry.allKinds')),
      statuses: choices(loc, 'associationStatuses', ASSOCIATION_STATUSES, translate(loc, 'registry.allStatuses')),
      warningOptions: choices(loc, 'warnings', ['any', ...WARNING_CODES], translate(loc, 'registry.allWarnings')),
    });
  }

  @Get('organizaciones/nueva')
  newForm(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): void {
    if (!isAdmin(actor) && !officerCommuneCodes(actor).length)
      throw AssociationException.forbidden(T.registerOnlyOfficer());
    res.render('associations/new', {
      title: translate(locale(res), 'association.newTitle'),
      errors: {},
      formError: null,
      ...newFormExtras(req, res),
    });
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
    setFlash(res, {
      type: 'success',
      key: 'flash.associationCreated',
      params: { name: association.name },
    });
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
    const municipal = isAdmin(actor) || hasRole(actor, 'municipal_officer', association.communeCode);
    const rosterOfficer = municipal || hasRole(actor, 'association_officer', association.id);
    const canReadRoster = rosterOfficer || hasRole(actor, 'faith_minister', association.communeCode);
    const recognisable =
      municipal &&
      (association.kind === 'trade_association' || association.country === 'PE') &&
      association.status !== 'dissolved';
    const body = (status === 200 ? {} : (req.body ?? {})) as Record<string, string>;
    const loc = locale(res);
    const constitution = await this.constitutionSteps(actor, association, rosterOfficer, municipal, req);
    res.status(status).render('associations/show', {
      constitution,
      board: association.boardTerm,
      canRecordBoard:
        rosterOfficer && ['constituted', 'in_force', 'objected', 'board_expired'].includes(association.status),
      title: association.name,
      association,
      timeZone: association.timeZone,
      canEdit: rosterOfficer,
      canReadRoster,
      municipal,
      holders: municipal ? await this.users.holdersOf('association', association.id) : [],
      accessRoles: [
        {
          value: 'association_officer',
          label: translate(loc, 'roles.association_officer'),
        },
        {
          value: 'association_member',
          label: translate(loc, 'roles.association_member'),
        },
      ],
      recognition: recognisable ? { trade: association.kind === 'trade_association', years: 2 } : null,
      errors,
      formError,
      values: {
        registryNumber: body.registryNumber ?? association.registryNumber ?? '',
        registeredOn: body.registeredOn ?? association.registeredOn ?? '',
        recognisedBy: body.recognisedBy ?? association.recognisedBy ?? '',
        recognisedOn: body.recognisedOn ?? association.recognisedOn ?? '',
        email: body.email ?? '',
        name: body.name ?? '',
        role: body.role ?? 'association_officer',
        proposedAt: body.proposedAt ?? '',
        place: body.place ?? constitution?.view.proposedPlace ?? '',
        faithMinisterUserId: body.faithMinisterUserId ?? constitution?.view.faithMinister?.id ?? '',
        depositedOn: body.depositedOn ?? '',
        objectedOn: body.objectedOn ?? '',
        reasons: body.reasons ?? '',
        correctedOn: body.correctedOn ?? '',
        notes: body.notes ?? '',
      },
    });
  }

  /** DOM-ORG-1 to -6 on the association page: where the constitution stands and the next step for this actor. */
  private async constitutionSteps(
    actor: Actor,
    association: Awaited<ReturnType<AssociationsService['get']>>,
    officer: boolean,
    municipal: boolean,
    req: Request,
  ) {
    if (association.country !== 'CL' || association.kind === 'trade_association') return null; // DOM-ORG-13; Peru recognises instead
    const view = await this.constitution.get(actor, association.id, auditContextFrom(req, actor));
    const status = association.status;
    const early = status === 'in_formation' || status === 'pending_certification';
    return {
      view,
      ministers:
        municipal && early
          ? (await this.constitution.ministersFor(association)).map((m) => ({
              value: m.id,
              label: m.name,
            }))
          : [],
      canRequest: officer && status === 'in_formation',
      canAssign: municipal && early,
      canRecord: officer && early,
      isAssignedMinister: !!view.faithMinister && view.faithMinister.id === actor.id,
      // the acta lists the founders' RUTs (DOM-DATA-1); the certificate is for every reader
      canReadActa: officer || (!!view.faithMinister && view.faithMinister.id === actor.id),
      canReview: status === 'pending_certification',
      canDeposit: municipal && status === 'constituted',
      // an objection made in time may be entered later: the service checks its date against the window
      canObject: municipal && status === 'in_force' && !!view.depositedOn && !view.objectedOn,
      canCorrect: municipal && status === 'objected',
    };
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
    @Body() body: Record<string, unknown>,
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
    @Body() body: Record<string, unknown>,
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

  @Post('organizaciones/:id/constitucion/deposito')
  deposit(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
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
    @Body() body: Record<string, unknown>,
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
    @Body() body: Record<string, unknown>,
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
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const association = await this.associations.get(actor, id, auditContextFrom(req, actor));
      if (!isAdmin(actor) && !hasRole(actor, 'municipal_officer', association.communeCode))
        throw AssociationException.forbidden(T.accessOnlyMunicipality());
      const dto = await validateBody(AccessInviteDto, body);
      const { invited } = await this.users.grantByEmail(
        actor,
        { email: dto.email.trim().toLowerCase(), name: dto.name.trim() },
        {
          role: dto.role as 'association_officer',
          scopeType: 'association',
          scopeId: association.id,
        },
        auditContextFrom(req, actor),
      );
      setFlash(res, {
        type: 'success',
        key: invited ? 'flash.invited' : 'flash.saved',
        params: { email: dto.email.trim().toLowerCase() },
      });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      await this.refused(err, actor, id, req, res);
    }
  }

  @Post('organizaciones/:id/reconocimiento')
  async recognition(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
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
    const a = await this.associations.getForEdit(actor, id, auditContextFrom(req, actor));
    const body = (status === 200 ? {} : (req.body ?? {})) as Record<string, string>;
    const current: Record<string, unknown> = {
      version: a.version,
      name: a.name,
      area: a.area,
      address: a.address,
      neighbourhoodUnit: a.neighbourhoodUnit ?? '',
      rut: a.rut ?? '',
      ruc: a.ruc ?? '',
      contactName: a.contactName ?? '',
      contactPhone: a.contactPhone ?? '',
      contactEmail: a.contactEmail ?? '',
      description: a.description ?? '',
    };
    for (const k of Object.keys(current)) if (typeof body[k] === 'string') current[k] = body[k];
    res.status(status).render('associations/edit', {
      title: translate(locale(res), 'association.editTitle', { name: a.name }),
      association: { id: a.id, name: a.name, country: a.country },
      municipal: a.editArea,
      areas: choices(locale(res), 'areas', AREAS),
      errors,
      formError,
      values: current,
    });
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
    @Body() body: Record<string, unknown>,
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
    res.render('associations/public', {
      title: translate(locale(res), 'registry.publicTitle', {
        commune: commune.communeName,
      }),
      commune,
      items,
      total: items.length,
    });
  }
}
