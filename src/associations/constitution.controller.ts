import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { AllowRoles, CurrentActor } from '../common/access/decorators';
import type { Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { setFlash } from '../common/web/flash';
import { formRefusal } from '../common/web/form-errors.filter';
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

/** A page's body as posted (Express 5 leaves it undefined when a post has none). */
type Posted = Record<string, unknown>;

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

  private async memberPage(
    view: 'assembly' | 'board',
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    status = 200,
    errors: Record<string, string> = {},
    formError: string | null = null,
  ): Promise<void> {
    const { association, members } = await this.constitution.formMembers(actor, id, auditContextFrom(req, actor));
    const { timeZone } = await this.associations.municipality(association.communeCode);
    const current = view === 'assembly' ? await this.constitution.get(actor, id, auditContextFrom(req, actor)) : null;
    const posted = status === 200 ? null : ((req.body ?? {}) as Posted);
    res
      .status(status)
      .render(
        `constitution/${view}`,
        memberFormView({ view, association, members, timeZone, current, posted, errors, formError }, locale(res)),
      );
  }

  @Get('organizaciones/:id/constitucion/asamblea')
  assemblyForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.memberPage('assembly', actor, id, req, res);
  }

  @Post('organizaciones/:id/constitucion/asamblea')
  async recordAssembly(
    @Param('id') id: string,
    @Body() posted: Posted | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const dto = await validateBody(AssemblyFormDto, posted);
      const input = {
        assemblyAt: dto.assemblyAt,
        place: dto.place ?? '',
        founderMemberIds: dto.founders,
        provisionalBoard: seatsFromForm(dto),
        statutesApproved: true,
      };
      await this.assembly.recordAssembly(actor, id, input, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.assemblyRecorded' });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err, res);
      if (errors.founderMemberIds) errors.founders = errors.founderMemberIds;
      if (errors.provisionalBoard) errors.board = errors.provisionalBoard;
      await this.memberPage('assembly', actor, id, req, res, status, errors, formError);
    }
  }

  @Get('organizaciones/:id/directorio/nuevo')
  boardForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.memberPage('board', actor, id, req, res);
  }

  @Post('organizaciones/:id/directorio/nuevo')
  async recordBoard(
    @Param('id') id: string,
    @Body() posted: Posted | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const dto = await validateBody(BoardFormDto, posted);
      await this.boards.record(
        actor,
        id,
        { kind: dto.kind, startsOn: dto.startsOn, endsOn: dto.endsOn || undefined, seats: seatsFromForm(dto) },
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: 'flash.boardRecorded' });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err, res);
      if (errors.seats) errors.board = errors.seats;
      await this.memberPage('board', actor, id, req, res, status, errors, formError);
    }
  }

  private async certifyPage(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    status = 200,
    formError: string | null = null,
    errors: Record<string, string> = {},
  ): Promise<void> {
    const { constitution, checks, isAssigned, canCertify } = await this.certification.certificationChecks(
      actor,
      id,
      auditContextFrom(req, actor),
    );
    const association = await this.associations.get(actor, id, auditContextFrom(req, actor));
    const posted = status === 200 ? null : ((req.body ?? {}) as Posted);
    res
      .status(status)
      .render(
        'constitution/certify',
        certifyView(
          { association, constitution, checks, isAssigned, canCertify, posted, formError, errors },
          locale(res),
        ),
      );
  }

  @Get('organizaciones/:id/constitucion/certificar')
  certifyForm(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.certifyPage(actor, id, req, res);
  }

  @Post('organizaciones/:id/constitucion/certificar')
  async certify(
    @Param('id') id: string,
    @Body() body: Posted,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      // issue 20 item 3: a certification cannot be undone, so the page asks the minister to confirm it (the API's
      // caller states it by calling); whoever may not certify is refused as before (403), box or not
      const { confirm, ...fields } = (body ?? {}) as Record<string, unknown>;
      if (confirm !== 'on' && confirm !== 'true') {
        const { isAssigned } = await this.certification.certificationChecks(actor, id, auditContextFrom(req, actor));
        if (isAssigned) throw AssociationException.field('confirm', associationTexts.certifyConfirm());
      }
      const dto = await validateBody(CertifyDto, fields);
      const result = await this.certification.certify(actor, id, dto, auditContextFrom(req, actor));
      setFlash(res, {
        type: 'success',
        key: 'flash.certified',
        params: { acta: result.actaVerificationCode, certificate: result.verificationCode },
      });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err, res);
      await this.certifyPage(actor, id, req, res, status, formError, errors);
    }
  }

  @Get('organizaciones/:id/constitucion/acta.pdf')
  acta(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.send('acta', id, actor, req, res);
  }

  @Get('organizaciones/:id/constitucion/certificado.pdf')
  certificate(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.send('certificate', id, actor, req, res);
  }

  private async send(
    which: 'acta' | 'certificate',
    id: string,
    actor: Actor,
    req: Request,
    res: Response,
  ): Promise<void> {
    const doc = await this.constitutionDocuments.document(actor, id, which, auditContextFrom(req, actor));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(doc.filename));
    res.send(doc.content);
  }
}
