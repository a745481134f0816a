import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Logger, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { translate, type Locale } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formErrors } from '../common/web/form-errors.filter';
import { doneTo, formState, submitForm, type FormRefusal } from '../common/web/page-form';
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

/** A member's address: the association and the member. */
interface MemberPath {
  id: string;
  memberId: string;
}
const memberUrl = (p: MemberPath) => `/organizaciones/${p.id}/socios/${p.memberId}`;
/** A roster import's address: the association and the import. */
interface ImportPath {
  id: string;
  importId: string;
}

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
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    const pageSize = 50;
    const found = await this.roster.list(who.actor, id, { ...query, pageSize }, who.audit);
    const { items, total, rights, association } = found;
    const page = { association, items, total, rights, page: query.page ?? 1, pageSize, query: { ...query } };
    res.render('associations/roster', rosterPageView(page, locale(res)));
  }

  @Get('nuevo')
  async newForm(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const association = await this.roster.editable(who.actor, id, who.audit);
    res.render('associations/member-new', memberNewFormView(association, locale(res)));
  }

  @Post('nuevo')
  async add(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() who: Caller,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // Scope first: a refused form shows the association's name, which only those who may edit it may see.
    const association = await this.roster.editable(who.actor, id, who.audit);
    try {
      const member = await this.rosterMembers.add(who.actor, id, await validateBody(CreateMemberDto, body), who.audit);
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
  async importForm(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const association = await this.roster.editable(who.actor, id, who.audit);
    res.render('associations/import', importFormView(association, locale(res)));
  }

  /** issue 20 item 4: the template to fill, with the Spanish column names (CSV or XLSX). */
  @Get('importar/plantilla.:format')
  async importTemplate(
    @Param('id') id: string,
    @Param('format') format: string,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ): Promise<void> {
    if (format !== 'csv' && format !== 'xlsx') throw AssociationException.notFound();
    const file = await this.rosterExports.template(who.actor, id, format, who.audit);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.send(file.content);
  }

  @Post('importar')
  async importPreview(
    @Param('id') id: string,
    @CurrentCaller() who: Caller,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const file = (req as Request & { file?: { buffer: Buffer; originalname: string } }).file;
    if (!file) {
      const association = await this.roster.editable(who.actor, id, who.audit);
      const noFile = translate(locale(res), 'rosterImport.noFile');
      res.status(400).render('associations/import', importFormView(association, locale(res), noFile));
      return;
    }
    const upload = { content: file.buffer, filename: file.originalname };
    const preview = await this.rosterImports.preview(who.actor, id, upload, who.audit);
    res.redirect(303, `/organizaciones/${id}/socios/importar/${preview.importId}`);
  }

  @Get('importar/:importId')
  async showPreview(@Param() p: ImportPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const preview = await this.rosterImports.showPreview(who.actor, p.id, p.importId, who.audit);
    const association = await this.roster.editable(who.actor, p.id, who.audit);
    res
      .status(importPreviewOk(preview) ? 200 : 422)
      .render('associations/import-preview', importPreviewView(preview, association, locale(res)));
  }

  @Post('importar/:importId/confirmar')
  async confirm(@Param() p: ImportPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    try {
      const { imported } = await this.rosterImports.confirm(who.actor, p.id, p.importId, who.audit);
      setFlash(res, { type: 'success', key: 'flash.imported', params: { n: imported } });
      res.redirect(303, `/organizaciones/${p.id}/socios`);
    } catch (err) {
      // The roster changed since the preview: show the file again with what is wrong now.
      if (err instanceof DomainException && err.status !== 404 && err.status !== 403) {
        res.redirect(303, `/organizaciones/${p.id}/socios/importar/${p.importId}`);
        return;
      }
      throw err;
    }
  }

  @Get('exportar.csv')
  exportCsv(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.sendExport('csv', id, who, res);
  }

  @Get('exportar.xlsx')
  exportXlsx(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.sendExport('xlsx', id, who, res);
  }

  private sendExport(format: 'csv' | 'xlsx', associationId: string, who: Caller, res: Response): Promise<void> {
    const args = { actor: who.actor, associationId, context: who.audit };
    return sendRosterExport(this.rosterExports, format, args, res, (message) => this.logger.warn(message));
  }

  /** A member's page with its history and actions, or the same page again after a refused form on it. */
  private async memberPage(who: Caller, p: MemberPath, res: Response, refused?: FormRefusal, posted?: unknown) {
    const { member, history, rights, association } = await this.roster.get(who.actor, p.id, p.memberId, who.audit);
    const corrections = asksForCorrections(rights, member) ? await this.corrections.correctors(association) : null;
    const page = { association, member, history, rights, corrections, ...formState(refused, posted) };
    res.status(refused?.status ?? 200).render('associations/member', memberPageView(page, locale(res)));
  }

  @Get(':memberId')
  show(@Param() p: MemberPath, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.memberPage(who, p, res);
  }

  /** A form on the member page: its DTO, the service call and the message; refused, the page with the messages. */
  private memberForm<T extends object>(
    p: MemberPath,
    [type, body]: [new () => T, unknown],
    who: Caller,
    res: Response,
    run: (dto: T) => Promise<unknown>,
    flash = 'flash.saved',
  ): Promise<void> {
    const act = async () => {
      await run(await validateBody(type, body));
      return doneTo(memberUrl(p), flash);
    };
    return submitForm(res, act, (refused) => this.memberPage(who, p, res, refused, body));
  }

  @Post(':memberId')
  update(@Param() p: MemberPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: UpdateMemberDto) => this.rosterMembers.update(who.actor, p.id, p.memberId, dto, who.audit);
    return this.memberForm(p, [UpdateMemberDto, body], who, res, run);
  }

  /** One click from the member page: the commune's municipal officers get a mail asking for the correction. */
  @Post(':memberId/pedir-correccion')
  async askCorrection(
    @Param() p: MemberPath,
    @Body() body: unknown,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ): Promise<void> {
    await this.roster.editable(who.actor, p.id, who.audit);
    const act = async () => {
      const { note } = await validateBody(IdentityCorrectionRequestDto, body);
      const n = await this.corrections.request(who.actor, p.id, p.memberId, note, who.audit);
      return doneTo(memberUrl(p), 'flash.correctionRequested', { n });
    };
    await submitForm(res, act, (refused) => this.memberPage(who, p, res, refused, body));
  }

  @Post(':memberId/suspender')
  suspend(@Param() p: MemberPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: SuspendMemberDto) => this.memberships.suspend(who.actor, p.id, p.memberId, dto, who.audit);
    return this.memberForm(p, [SuspendMemberDto, body], who, res, run);
  }

  @Post(':memberId/reactivar')
  reactivate(@Param() p: MemberPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    return this.memberForm(p, [ReactivateMemberDto, body], who, res, (dto) =>
      this.memberships.reactivate(who.actor, p.id, p.memberId, dto, who.audit),
    );
  }

  @Post(':memberId/terminar')
  end(@Param() p: MemberPath, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: EndMemberDto) => this.memberships.end(who.actor, p.id, p.memberId, dto, who.audit);
    return this.memberForm(p, [EndMemberDto, body], who, res, run, 'flash.memberEnded');
  }
}
