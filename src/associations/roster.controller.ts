import { Body, Controller, Logger, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { translate, type Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formErrors, formRefusal } from '../common/web/form-errors.filter';
import { MEMBERSHIP_STATUSES } from './association-rules';
import { choices } from './associations.controller';
import { DomainException } from '../common/errors/domain.exception';
import { validateBody } from '../common/validation.pipe';
import { AssociationsRepository } from './associations.repository';
import {
  CreateMemberDto,
  EndMemberDto,
  IdentityCorrectionRequestDto,
  ReactivateMemberDto,
  RosterQueryDto,
  SuspendMemberDto,
  UpdateMemberDto,
} from './dto/association.dto';
import { RosterService } from './roster.service';
import { RosterExportService, sendRosterExport } from './roster-export.service';
import { RosterImportService } from './roster-import.service';
import { MembershipStatusService } from './membership-status.service';
import { RosterMembersService } from './roster-members.service';
import { IdentityCorrections } from './identity-corrections.service';
import { rosterHeader } from './roster-file';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');
const CATEGORY_KEYS = ['restaurant', 'pub', 'hairSalon', 'cafe', 'shop', 'crafts', 'hotel', 'services'];
const EMPTY_MEMBER = {
  rut: '',
  dni: '',
  fullName: '',
  birthDate: '',
  email: '',
  phone: '',
  address: '',
  businessName: '',
  businessCategory: '',
  joinedOn: '',
  guardianConsent: '',
  guardianName: '',
};

/** The registro de socios pages: list, add, member page with its history and actions, import, export. */
@ApiExcludeController()
@Controller('organizaciones/:id/socios')
export class RosterController {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly roster: RosterService,
    private readonly rosterMembers: RosterMembersService,
    private readonly rosterExports: RosterExportService,
    private readonly rosterImports: RosterImportService,
    private readonly memberships: MembershipStatusService,
    private readonly repo: AssociationsRepository,
    private readonly corrections: IdentityCorrections,
  ) {}

  /** What the add form needs: the association's name and which document it asks for. */
  private async formContext(req: Request, res: Response): Promise<Record<string, unknown>> {
    const association = await this.repo.findAssociation(String(req.params.id)).catch(() => null);
    const peru = !!association?.communeCode.startsWith('PE-');
    return {
      association: { id: req.params.id, name: association?.name ?? '' },
      documentField: peru ? 'dni' : 'rut',
      documentHelp: translate(locale(res), peru ? 'members.dniHelp' : 'members.rutHelp'),
      categories: CATEGORY_KEYS.map((k) => translate(locale(res), `members.categories.${k}`)),
      values: { ...EMPTY_MEMBER },
    };
  }

  @Get()
  async list(
    @Param('id') id: string,
    @Query() query: RosterQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const pageSize = 50;
    const page = query.page ?? 1;
    const { items, total, rights, association } = await this.roster.list(
      actor,
      id,
      { ...query, pageSize },
      auditContextFrom(req, actor),
    );
    const pages = Math.max(Math.ceil(total / pageSize), 1);
    const qs = (p: number) =>
      new URLSearchParams(
        Object.entries({ ...query, page: String(p) }).filter(([, v]) => v !== undefined && v !== '') as [
          string,
          string,
        ][],
      ).toString();
    res.render('associations/roster', {
      title: translate(locale(res), 'members.title', { name: association.name }),
      association: { id: association.id, name: association.name },
      items,
      total,
      page,
      pages,
      previousHref: page > 1 ? `/organizaciones/${association.id}/socios?${qs(page - 1)}` : '',
      nextHref: page < pages ? `/organizaciones/${association.id}/socios?${qs(page + 1)}` : '',
      canEdit: rights.editRoster,
      masked: !rights.seeIdentity,
      filters: { q: query.q ?? '', status: query.status ?? '' },
      statuses: choices(
        locale(res),
        'membershipStatuses',
        MEMBERSHIP_STATUSES,
        translate(locale(res), 'members.allStatuses'),
      ),
    });
  }

  @Get('nuevo')
  async newForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const association = await this.roster.editable(actor, id, auditContextFrom(req, actor));
    const ctx = await this.formContext(req, res);
    res.render('associations/member-new', {
      ...ctx,
      title: translate(locale(res), 'members.addTitle', { name: association.name }),
      errors: {},
      formError: null,
    });
  }

  @Post('nuevo')
  async add(
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // Scope first: a refused form shows the association's name, which only those who may edit it may see.
    await this.roster.editable(actor, id, auditContextFrom(req, actor));
    try {
      const dto = await validateBody(CreateMemberDto, body);
      const member = await this.rosterMembers.add(actor, id, dto, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.memberAdded', params: { name: member.fullName } });
      res.redirect(303, `/organizaciones/${id}/socios`);
    } catch (err) {
      await this.refuse(err, 'associations/member-new', 'members.addTitle', req, res);
    }
  }

  /** A refused form: the same page with the messages, the user's input kept and the refusal's status. */
  private async refuse(
    err: unknown,
    view: string,
    titleKey: string,
    req: Request,
    res: Response,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    if (!(err instanceof DomainException) || err.status >= 500 || err.status === 404 || err.status === 403) throw err;
    const ctx = await this.formContext(req, res);
    // the same title as the form's first display ("Agregar un socio a {name}")
    const title = translate(locale(res), titleKey, { name: (ctx.association as { name: string }).name });
    const filter = formErrors(view, titleKey, () => ({ ...ctx, title, ...extra }));
    filter.catch(err, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  }

  @Get('importar')
  async importForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const association = await this.roster.editable(actor, id, auditContextFrom(req, actor));
    res.render('associations/import', {
      title: translate(locale(res), 'rosterImport.title'),
      association: { id: association.id, name: association.name },
      header: rosterHeader(association.communeCode.startsWith('PE-') ? 'dni' : 'rut').join(','),
      formError: null,
    });
  }

  @Post('importar')
  async importPreview(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = (req as Request & { file?: { buffer: Buffer; originalname: string } }).file;
    if (!file) {
      const association = await this.roster.editable(actor, id, auditContextFrom(req, actor));
      res.status(400).render('associations/import', {
        title: translate(locale(res), 'rosterImport.title'),
        association: { id: association.id, name: association.name },
        header: rosterHeader(association.communeCode.startsWith('PE-') ? 'dni' : 'rut').join(','),
        formError: translate(locale(res), 'rosterImport.noFile'),
      });
      return;
    }
    const preview = await this.rosterImports.preview(
      actor,
      id,
      { content: file.buffer, filename: file.originalname },
      auditContextFrom(req, actor),
    );
    res.redirect(303, `/organizaciones/${id}/socios/importar/${preview.importId}`);
  }

  @Get('importar/:importId')
  async showPreview(
    @Param('id') id: string,
    @Param('importId') importId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const preview = await this.rosterImports.showPreview(actor, id, importId, auditContextFrom(req, actor));
    const association = await this.roster.editable(actor, id, auditContextFrom(req, actor));
    const ok = preview.valid === preview.total && preview.total > 0 && !preview.rows.some((r) => r.errors.length);
    res.status(ok ? 200 : 422).render('associations/import-preview', {
      title: translate(locale(res), 'rosterImport.previewTitle', { filename: preview.filename }),
      association: { id: association.id, name: association.name },
      preview,
      ok,
    });
  }

  @Post('importar/:importId/confirmar')
  async confirm(
    @Param('id') id: string,
    @Param('importId') importId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const { imported } = await this.rosterImports.confirm(actor, id, importId, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.imported', params: { n: imported } });
      res.redirect(303, `/organizaciones/${id}/socios`);
    } catch (err) {
      // The roster changed since the preview: show the file again with what is wrong now.
      if (err instanceof DomainException && err.status !== 404 && err.status !== 403) {
        res.redirect(303, `/organizaciones/${id}/socios/importar/${importId}`);
        return;
      }
      throw err;
    }
  }

  @Get('exportar.csv')
  async exportCsv(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await sendRosterExport(
      this.rosterExports,
      'csv',
      { actor, associationId: id, context: auditContextFrom(req, actor) },
      res,
      (message) => this.logger.warn(message),
    );
  }

  @Get('exportar.xlsx')
  async exportXlsx(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await sendRosterExport(
      this.rosterExports,
      'xlsx',
      { actor, associationId: id, context: auditContextFrom(req, actor) },
      res,
      (message) => this.logger.warn(message),
    );
  }

  private async memberPage(
    actor: Actor,
    id: string,
    memberId: string,
    req: Request,
    res: Response,
    status = 200,
    errors: Record<string, string> = {},
    formError: string | null = null,
  ): Promise<void> {
    const { member, history, rights, association } = await this.roster.get(
      actor,
      id,
      memberId,
      auditContextFrom(req, actor),
    );
    const body = (status === 200 ? {} : req.body) as Record<string, string>;
    // DOM-ORG-15: a roster officer cannot correct a name or birth date; the page says who can, and asks them.
    const correctors = rights.editRoster && !rights.municipal && !member.erased;
    const corrections = correctors ? await this.corrections.correctors(association) : null;
    res.status(status).render('associations/member', {
      title: member.fullName,
      association: { id: association.id, name: association.name },
      member,
      history,
      canEdit: rights.editRoster && !member.erased,
      municipal: rights.municipal,
      correctors: corrections && {
        communeName: corrections.communeName,
        names: corrections.names.join(', '),
        any: corrections.names.length > 0,
      },
      categories: CATEGORY_KEYS.map((k) => translate(locale(res), `members.categories.${k}`)),
      errors,
      formError,
      values: {
        version: member.version,
        email: body.email ?? member.email ?? '',
        phone: body.phone ?? member.phone ?? '',
        address: body.address ?? member.address ?? '',
        businessName: body.businessName ?? member.businessName ?? '',
        businessCategory: body.businessCategory ?? member.businessCategory ?? '',
        fullName: body.fullName ?? member.fullName,
        birthDate: body.birthDate ?? member.birthDate ?? '',
        reason: body.reason ?? '',
        leftOn: body.leftOn ?? '',
        on: body.on ?? '',
        note: body.note ?? '',
      },
    });
  }

  @Get(':memberId')
  show(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.memberPage(actor, id, memberId, req, res);
  }

  private async act<T extends object>(
    type: new () => T,
    body: unknown,
    run: (dto: T) => Promise<unknown>,
    actor: Actor,
    id: string,
    memberId: string,
    req: Request,
    res: Response,
    flashKey = 'flash.saved',
  ): Promise<void> {
    try {
      await run(await validateBody(type, body));
      setFlash(res, { type: 'success', key: flashKey });
      res.redirect(303, `/organizaciones/${id}/socios/${memberId}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err, res);
      await this.memberPage(actor, id, memberId, req, res, status, errors, formError);
    }
  }

  @Post(':memberId')
  update(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.act(
      UpdateMemberDto,
      body,
      (dto) => this.rosterMembers.update(actor, id, memberId, dto, auditContextFrom(req, actor)),
      actor,
      id,
      memberId,
      req,
      res,
    );
  }

  /** One click from the member page: the commune's municipal officers get a mail asking for the correction. */
  @Post(':memberId/pedir-correccion')
  async requestCorrection(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.roster.editable(actor, id, auditContextFrom(req, actor));
    try {
      const dto = await validateBody(IdentityCorrectionRequestDto, body);
      const n = await this.corrections.request(actor, id, memberId, dto.note, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.correctionRequested', params: { n } });
      res.redirect(303, `/organizaciones/${id}/socios/${memberId}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err, res);
      await this.memberPage(actor, id, memberId, req, res, status, errors, formError);
    }
  }

  @Post(':memberId/suspender')
  suspend(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.act(
      SuspendMemberDto,
      body,
      (dto) => this.memberships.suspend(actor, id, memberId, dto, auditContextFrom(req, actor)),
      actor,
      id,
      memberId,
      req,
      res,
    );
  }

  @Post(':memberId/reactivar')
  reactivate(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.act(
      ReactivateMemberDto,
      body,
      (dto) => this.memberships.reactivate(actor, id, memberId, dto, auditContextFrom(req, actor)),
      actor,
      id,
      memberId,
      req,
      res,
    );
  }

  @Post(':memberId/terminar')
  end(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.act(
      EndMemberDto,
      body,
      (dto) => this.memberships.end(actor, id, memberId, dto, auditContextFrom(req, actor)),
      actor,
      id,
      memberId,
      req,
      res,
      'flash.memberEnded',
    );
  }
}
