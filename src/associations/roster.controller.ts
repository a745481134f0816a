import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Logger, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { translate, type Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formErrors, formRefusal } from '../common/web/form-errors.filter';
import { DomainException } from '../common/errors/domain.exception';
import { validateBody } from '../common/validation.pipe';
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
import { AssociationException } from './associations.exception';
import { MembershipStatusService } from './membership-status.service';
import { RosterMembersService } from './roster-members.service';
import { IdentityCorrections } from './identity-corrections.service';
import {
  asksForCorrections,
  importFormView,
  importPreviewOk,
  importPreviewView,
  memberFormContext,
  memberNewFormView,
  memberPageView,
  rosterPageView,
} from './roster-pages.view-model';
import type { Association } from './entities/association.entity';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');

/** A page's body as posted (Express 5 leaves it undefined when a post has none); it only refills the form. */
type Posted = Record<string, unknown>;

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
    private readonly corrections: IdentityCorrections,
  ) {}

  @Get()
  async list(
    @Param('id') id: string,
    @Query() query: RosterQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const pageSize = 50;
    const { items, total, rights, association } = await this.roster.list(
      actor,
      id,
      { ...query, pageSize },
      auditContextFrom(req, actor),
    );
    res.render(
      'associations/roster',
      rosterPageView(
        { association, items, total, rights, page: query.page ?? 1, pageSize, query: { ...query } },
        locale(res),
      ),
    );
  }

  @Get('nuevo')
  async newForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const association = await this.roster.editable(actor, id, auditContextFrom(req, actor));
    res.render('associations/member-new', memberNewFormView(association, locale(res)));
  }

  @Post('nuevo')
  async add(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // Scope first: a refused form shows the association's name, which only those who may edit it may see.
    const association = await this.roster.editable(actor, id, auditContextFrom(req, actor));
    try {
      const dto = await validateBody(CreateMemberDto, body);
      const member = await this.rosterMembers.add(actor, id, dto, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.memberAdded', params: { name: member.fullName } });
      res.redirect(303, `/organizaciones/${id}/socios`);
    } catch (err) {
      this.refuse(err, association, req, res);
    }
  }

  /** A refused add form: the same page with the messages, the user's input kept and the refusal's status. */
  private refuse(err: unknown, association: Association, req: Request, res: Response): void {
    if (!(err instanceof DomainException) || err.status >= 500 || err.status === 404 || err.status === 403) throw err;
    const { title } = memberNewFormView(association, locale(res));
    // the same title as the form's first display ("Agregar un socio a {name}")
    const filter = formErrors('associations/member-new', 'members.addTitle', () => ({
      ...memberFormContext(association, locale(res)),
      title,
    }));
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
    res.render('associations/import', importFormView(association, locale(res)));
  }

  /** issue 20 item 4: the template to fill, with the Spanish column names (CSV or XLSX). */
  @Get('importar/plantilla.:format')
  async importTemplate(
    @Param('id') id: string,
    @Param('format') format: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (format !== 'csv' && format !== 'xlsx') throw AssociationException.notFound();
    const file = await this.rosterExports.template(actor, id, format, auditContextFrom(req, actor));
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.send(file.content);
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
      res
        .status(400)
        .render(
          'associations/import',
          importFormView(association, locale(res), translate(locale(res), 'rosterImport.noFile')),
        );
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
    res
      .status(importPreviewOk(preview) ? 200 : 422)
      .render('associations/import-preview', importPreviewView(preview, association, locale(res)));
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
    const corrections = asksForCorrections(rights, member) ? await this.corrections.correctors(association) : null;
    const posted = status === 200 ? null : ((req.body ?? {}) as Posted);
    res
      .status(status)
      .render(
        'associations/member',
        memberPageView({ association, member, history, rights, corrections, posted, errors, formError }, locale(res)),
      );
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
    @Body() body: unknown,
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
    @Body() body: unknown,
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
    @Body() body: unknown,
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
    @Body() body: unknown,
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
    @Body() body: unknown,
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
