import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { AllowRoles, CurrentActor } from '../common/access/decorators';
import { formatTime, localDate } from '../common/format/dates';
import { translate, type Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { setFlash } from '../common/web/flash';
import { formRefusal } from '../common/web/form-errors.filter';
import { AssociationException } from './associations.exception';
import { AssociationsService } from './associations.service';
import { BoardsService } from './boards.service';
import type { BoardPosition } from './constitution-rules';
import { ConstitutionService } from './constitution.service';
import { CertifyDto } from './dto/constitution.dto';

/** An instant as the value of a datetime-local input in the commune's zone (2026-03-16T19:30). */
function localInput(instant: Date, timeZone: string): string {
  return `${localDate(instant, timeZone)}T${formatTime(instant, timeZone)}`;
}

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');

/** The seat fields of the board forms, in the order of the acta. */
const SEAT_FIELDS: { field: string; position: BoardPosition; rank?: number; required: boolean }[] = [
  { field: 'president', position: 'president', required: true },
  { field: 'secretary', position: 'secretary', required: true },
  { field: 'treasurer', position: 'treasurer', required: true },
  { field: 'director1', position: 'director', required: false },
  { field: 'director2', position: 'director', required: false },
  { field: 'substitute1', position: 'substitute', rank: 1, required: false },
  { field: 'substitute2', position: 'substitute', rank: 2, required: false },
];

type Body_ = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : [];

/** The seats a board form describes (empty selects are no seat); every seat carries the form's one declaration. */
function seatsFrom(
  body: Body_,
): { position: BoardPosition; memberId: string; rank?: number; declaredEligible: boolean }[] {
  const declared = str(body.declaredEligible) === 'on';
  return SEAT_FIELDS.filter((s) => str(body[s.field])).map((s) => ({
    position: s.position,
    memberId: str(body[s.field]),
    ...(s.rank ? { rank: s.rank } : {}),
    declaredEligible: declared,
  }));
}

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
    private readonly boards: BoardsService,
    private readonly associations: AssociationsService,
  ) {}

  @Get('ministro-de-fe')
  @AllowRoles('faith_minister')
  async dashboard(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { items } = await this.constitution.assignments(actor);
    res.render('constitution/dashboard', {
      title: translate(locale(res), 'constitution.dashboardTitle'),
      items,
      pending: items.filter((i) => !i.certifiedAt),
      done: items.filter((i) => i.certifiedAt),
    });
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
    const loc = locale(res);
    const body = (status === 200 ? {} : (req.body ?? {})) as Body_;
    const current = view === 'assembly' ? await this.constitution.get(actor, id, auditContextFrom(req, actor)) : null;
    // nobody is ticked in advance: the officer ticks who was present (DOM-ORG-3 counts them); a recorded assembly comes back as recorded
    const founders = new Set(status === 200 ? (current?.founders ?? []).map((f) => f.memberId) : list(body.founders));
    const seatOf = (field: string, position: string, rank?: number) => {
      if (status !== 200) return str(body[field]);
      const seats = (current?.provisionalBoard ?? []).filter((s) => s.position === position);
      const seat =
        position === 'director'
          ? seats[Number(field.slice(-1)) - 1]
          : position === 'substitute'
            ? seats.find((s) => s.rank === rank)
            : seats[0];
      return seat?.memberId ?? '';
    };
    const options = (required: boolean) => [
      { value: '', label: translate(loc, required ? 'constitution.chooseOption' : 'constitution.noneOption') },
      ...members.map((m) => ({ value: m.id, label: m.fullName })),
    ];
    const values: Record<string, string> = {
      assemblyAt:
        status === 200 ? (current?.assemblyAt ? localInput(current.assemblyAt, timeZone) : '') : str(body.assemblyAt),
      statutesApproved: status === 200 ? (current?.assemblyAt ? 'on' : '') : str(body.statutesApproved),
      place: status === 200 ? (current?.place ?? current?.proposedPlace ?? '') : str(body.place),
      kind: status === 200 ? 'definitive' : str(body.kind),
      startsOn: str(body.startsOn),
      endsOn: str(body.endsOn),
      declaredEligible: status === 200 ? '' : str(body.declaredEligible),
    };
    for (const s of SEAT_FIELDS) values[s.field] = seatOf(s.field, s.position, s.rank);
    res.status(status).render(`constitution/${view}`, {
      title: translate(loc, view === 'assembly' ? 'constitution.assemblyTitle' : 'constitution.boardTitle', {
        name: association.name,
      }),
      association: { id: association.id, name: association.name },
      members: members.map((m) => ({ ...m, checked: founders.has(m.id) })),
      seats: SEAT_FIELDS.map((s) => ({
        name: s.field,
        label: translate(loc, `constitution.seat.${s.field}`),
        options: options(s.required),
        required: s.required,
      })),
      kinds: [
        { value: 'definitive', label: translate(loc, 'constitution.termKinds.definitive') },
        { value: 'provisional', label: translate(loc, 'constitution.termKinds.provisional') },
      ],
      values,
      errors,
      formError,
    });
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
    @Body() posted: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = posted ?? {}; // a post without a form body (Express 5 leaves it undefined)
    try {
      const input = {
        assemblyAt: str(body.assemblyAt),
        place: str(body.place),
        founderMemberIds: list(body.founders),
        provisionalBoard: seatsFrom(body),
        statutesApproved: true,
      };
      const errors: { field: string; message: string }[] = [];
      if (str(body.statutesApproved) !== 'on')
        errors.push({
          field: 'statutesApproved',
          message: 'Marque que la asamblea aprobó los estatutos: sin esa aprobación no hay constitución.',
        });
      if (!input.assemblyAt)
        errors.push({ field: 'assemblyAt', message: 'Indique la fecha y hora de la asamblea (assemblyAt).' });
      for (const s of SEAT_FIELDS.filter((f) => f.required))
        if (!str(body[s.field]))
          errors.push({
            field: s.field,
            message: `Elija quién ocupa el cargo de ${translate('es', `constitution.seat.${s.field}`).toLowerCase()}.`,
          });
      if (errors.length) throw AssociationException.invalid(errors);
      await this.constitution.recordAssembly(actor, id, input, auditContextFrom(req, actor));
      setFlash(res, { type: 'success', key: 'flash.assemblyRecorded' });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err);
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
    @Body() posted: Body_ | undefined,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = posted ?? {};
    try {
      const errors: { field: string; message: string }[] = [];
      for (const s of SEAT_FIELDS.filter((f) => f.required))
        if (!str(body[s.field]))
          errors.push({
            field: s.field,
            message: `Elija quién ocupa el cargo de ${translate('es', `constitution.seat.${s.field}`).toLowerCase()}.`,
          });
      if (errors.length) throw AssociationException.invalid(errors);
      const kind = str(body.kind) === 'provisional' ? 'provisional' : 'definitive';
      await this.boards.record(
        actor,
        id,
        { kind, startsOn: str(body.startsOn), endsOn: str(body.endsOn) || undefined, seats: seatsFrom(body) },
        auditContextFrom(req, actor),
      );
      setFlash(res, { type: 'success', key: 'flash.boardRecorded' });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err);
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
  ): Promise<void> {
    const { constitution, checks, isAssigned, canCertify } = await this.constitution.certificationChecks(
      actor,
      id,
      auditContextFrom(req, actor),
    );
    const association = await this.associations.get(actor, id, auditContextFrom(req, actor));
    res.status(status).render('constitution/certify', {
      title: translate(locale(res), 'constitution.certifyTitle', { name: association.name }),
      association,
      timeZone: association.timeZone,
      constitution,
      checks,
      isAssigned,
      canCertify,
      pending: association.status === 'pending_certification',
      values: { notes: status === 200 ? '' : str(((req.body ?? {}) as Body_).notes) },
      errors: {},
      formError,
    });
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
    @Body() body: Body_,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const dto = await validateBody(CertifyDto, body);
      const result = await this.constitution.certify(actor, id, dto, auditContextFrom(req, actor));
      setFlash(res, {
        type: 'success',
        key: 'flash.certified',
        params: { acta: result.actaVerificationCode, certificate: result.verificationCode },
      });
      res.redirect(303, `/organizaciones/${id}`);
    } catch (err) {
      const { status, formError } = formRefusal(err);
      await this.certifyPage(actor, id, req, res, status, formError);
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
    const doc = await this.constitution.document(actor, id, which, auditContextFrom(req, actor));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${doc.filename}"`);
    res.send(doc.content);
  }
}
