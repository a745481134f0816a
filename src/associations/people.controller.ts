import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { AllowRoles, CurrentActor } from '../common/access/decorators';
import { formRefusal } from '../common/web/form-errors.filter';
import { setFlash } from '../common/web/flash';
import { validateBody } from '../common/validation.pipe';
import { CorrectPersonDto, ErasePersonDto } from './dto/association.dto';
import { PeopleService } from './people.service';
import { personPageView } from './person-page.view-model';

/** A person's record for the municipality: identity correction and data-subject requests (DOM-ORG-15, DOM-DATA-2). */
@ApiExcludeController()
@AllowRoles('admin', 'municipal_officer')
@Controller('personas/:id')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  private async page(
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    status = 200,
    errors: Record<string, string> = {},
    formError: string | null = null,
  ): Promise<void> {
    const person = await this.people.get(actor, id, auditContextFrom(req, actor));
    const posted = status === 200 ? null : ((req.body ?? {}) as Record<string, unknown>);
    res
      .status(status)
      .render(
        'associations/person',
        personPageView({ person, posted, errors, formError }, res.locals.locale === 'en' ? 'en' : 'es'),
      );
  }

  @Get()
  show(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.page(actor, id, req, res);
  }

  @Get('datos.json')
  async export(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const data = await this.people.exportData(actor, id, auditContextFrom(req, actor));
    res.setHeader('Content-Disposition', contentDisposition(`datos-persona-${id}.json`));
    res.json(data);
  }

  private async act<T extends object>(
    type: new () => T,
    body: unknown,
    run: (dto: T) => Promise<unknown>,
    actor: Actor,
    id: string,
    req: Request,
    res: Response,
    flashKey: string,
  ): Promise<void> {
    try {
      await run(await validateBody(type, body));
      setFlash(res, { type: 'success', key: flashKey });
      res.redirect(303, `/personas/${id}`);
    } catch (err) {
      const { status, errors, formError } = formRefusal(err, res, (f) => (f === 'rut' || f === 'dni' ? 'document' : f));
      await this.page(actor, id, req, res, status, errors, formError);
    }
  }

  @Post('corregir')
  correct(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.act(
      CorrectPersonDto,
      body,
      (dto) => this.people.correct(actor, id, dto, auditContextFrom(req, actor)),
      actor,
      id,
      req,
      res,
      'flash.saved',
    );
  }

  @Post('suprimir')
  erase(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.act(
      ErasePersonDto,
      body,
      (dto) => this.people.erase(actor, id, dto, auditContextFrom(req, actor)),
      actor,
      id,
      req,
      res,
      'flash.personErased',
    );
  }
}
