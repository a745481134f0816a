import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import type { Actor } from '../common/access/actor';
import { AllowRoles, CurrentActor } from '../common/access/decorators';
import type { Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { doneTo, formState, submitForm, type FormRefusal } from '../common/web/page-form';
import { AssociationException } from './associations.exception';
import { associationTexts } from './associations.messages';
import { AssociationsService } from './associations.service';
import { BoardsService } from './boards.service';
import { ConstitutionAssemblyService } from './constitution-assembly.service';
import { ConstitutionCertificationService } from './constitution-certification.service';
import { ConstitutionDocumentsService } from './constitution-documents.service';
import { ConstitutionService } from './constitution.service';
import { certifyView, dashboardView, memberFormView } from './constitution.view-model';
import { AssemblyFormDto, BoardFormDto, seatsFromForm } from './dto/constitution-forms.dto';
import { CertifyDto } from './dto/constitution.dto';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');

/**
 * The constitution's own pages (HTML): the constitutive assembly form, the faith minister's certification page
 * with every check, a new board, the faith minister's dashboard and the PDFs. The steps done from the
 * association page (request, assignment, deposit, objection, correction) are in AssociationsController.
 */
@ApiExcludeController()
@Controller()
export class ConstitutionController {
  constructor(
    private readonly constitution: ConstitutionService,
    private readonly assembly: ConstitutionAssemblyService,
    private readonly certification: ConstitutionCertificationService,
    private readonly constitutionDocuments: ConstitutionDocumentsService,
    private readonly boards: BoardsService,
    private readonly associations: AssociationsService,
  ) {}

  @Get('ministro-de-fe')
  @AllowRoles('faith_minister')
  async dashboard(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { items } = await this.constitution.assignments(actor);
    res.render('constitution/dashboard', dashboardView(items, locale(res)));
  }

  /** The assembly's or the new board's form, with the association's members, or again after a refusal. */
  private async memberPage(
    view: 'assembly' | 'board',
    [who, id]: [Caller, string],
    res: Response,
    refused?: FormRefusal,
    posted?: unknown,
  ): Promise<void> {
    const { association, members } = await this.constitution.formMembers(who.actor, id, who.audit);
    const { timeZone } = await this.associations.municipality(association.communeCode);
    const current = view === 'assembly' ? await this.constitution.get(who.actor, id, who.audit) : null;
    const page = { view, association, members, timeZone, current, ...formState(refused, posted) };
    res.status(refused?.status ?? 200).render(`constitution/${view}`, memberFormView(page, locale(res)));
  }

  @Get('organizaciones/:id/constitucion/asamblea')
  assemblyForm(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.memberPage('assembly', [who, id], res);
  }

  @Post('organizaciones/:id/constitucion/asamblea')
  recordAssembly(@Param('id') id: string, @Body() posted: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const act = async () => {
      const dto = await validateBody(AssemblyFormDto, posted);
      const input = {
        assemblyAt: dto.assemblyAt,
        place: dto.place ?? '',
        founderMemberIds: dto.founders,
        provisionalBoard: seatsFromForm(dto),
        statutesApproved: true,
      };
      await this.assembly.recordAssembly(who.actor, id, input, who.audit);
      return doneTo(`/organizaciones/${id}`, 'flash.assemblyRecorded');
    };
    const again = (refused: FormRefusal) => this.memberPage('assembly', [who, id], res, refused, posted);
    // the service's names for the form's founders and board
    const rename = (f: string) => (f === 'founderMemberIds' ? 'founders' : f === 'provisionalBoard' ? 'board' : f);
    return submitForm(res, act, again, rename);
  }

  @Get('organizaciones/:id/directorio/nuevo')
  boardForm(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.memberPage('board', [who, id], res);
  }

  @Post('organizaciones/:id/directorio/nuevo')
  recordBoard(@Param('id') id: string, @Body() posted: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const act = async () => {
      const dto = await validateBody(BoardFormDto, posted);
      const term = {
        kind: dto.kind,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn || undefined,
        seats: seatsFromForm(dto),
      };
      await this.boards.record(who.actor, id, term, who.audit);
      return doneTo(`/organizaciones/${id}`, 'flash.boardRecorded');
    };
    const again = (refused: FormRefusal) => this.memberPage('board', [who, id], res, refused, posted);
    return submitForm(res, act, again, (f) => (f === 'seats' ? 'board' : f));
  }

  private async certifyPage(who: Caller, id: string, res: Response, refused?: FormRefusal, posted?: unknown) {
    const checked = await this.certification.certificationChecks(who.actor, id, who.audit);
    const { constitution, checks, isAssigned, canCertify } = checked;
    const association = await this.associations.get(who.actor, id, who.audit);
    const page = { association, constitution, checks, isAssigned, canCertify, ...formState(refused, posted) };
    res.status(refused?.status ?? 200).render('constitution/certify', certifyView(page, locale(res)));
  }

  @Get('organizaciones/:id/constitucion/certificar')
  certifyForm(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.certifyPage(who, id, res);
  }

  @Post('organizaciones/:id/constitucion/certificar')
  certify(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const act = async () => {
      // issue 20 item 3: a certification cannot be undone, so the page asks the minister to confirm it (the API's
      // caller states it by calling); whoever may not certify is refused as before (403), box or not
      const { confirm, ...fields } = (body ?? {}) as Record<string, unknown>;
      if (confirm !== 'on' && confirm !== 'true') {
        const { isAssigned } = await this.certification.certificationChecks(who.actor, id, who.audit);
        if (isAssigned) throw AssociationException.field('confirm', associationTexts.certifyConfirm());
      }
      const result = await this.certification.certify(who.actor, id, await validateBody(CertifyDto, fields), who.audit);
      const codes = { acta: result.actaVerificationCode, certificate: result.verificationCode };
      return doneTo(`/organizaciones/${id}`, 'flash.certified', codes);
    };
    return submitForm(res, act, (refused) => this.certifyPage(who, id, res, refused, body));
  }

  @Get('organizaciones/:id/constitucion/acta.pdf')
  acta(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.send('acta', id, who, res);
  }

  @Get('organizaciones/:id/constitucion/certificado.pdf')
  certificate(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.send('certificate', id, who, res);
  }

  private async send(which: 'acta' | 'certificate', id: string, who: Caller, res: Response): Promise<void> {
    const doc = await this.constitutionDocuments.document(who.actor, id, which, who.audit);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(doc.filename));
    res.send(doc.content);
  }
}
