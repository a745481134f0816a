import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { AllowRoles } from '../common/access/decorators';
import { doneTo, formState, submitForm, type FormRefusal } from '../common/web/page-form';
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

  private async page(who: Caller, id: string, res: Response, refused?: FormRefusal, posted?: unknown): Promise<void> {
    const person = await this.people.get(who.actor, id, who.audit);
    const view = personPageView({ person, ...formState(refused, posted) }, res.locals.locale === 'en' ? 'en' : 'es');
    res.status(refused?.status ?? 200).render('associations/person', view);
  }

  @Get()
  show(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.page(who, id, res);
  }

  @Get('datos.json')
  async export(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const data = await this.people.exportData(who.actor, id, who.audit);
    res.setHeader('Content-Disposition', contentDisposition(`datos-persona-${id}.json`));
    res.json(data);
  }

  /** A request on the person's page: its form, the service call and the message; refused, the page again. */
  private act<T extends object>(
    [id, who, res]: [string, Caller, Response],
    [type, body]: [new () => T, unknown],
    run: (dto: T) => Promise<unknown>,
    flash: string,
  ): Promise<void> {
    const act = async () => {
      await run(await validateBody(type, body));
      return doneTo(`/personas/${id}`, flash);
    };
    const again = (refused: FormRefusal) => this.page(who, id, res, refused, body);
    // the form's one document field stands for the RUT and the DNI
    return submitForm(res, act, again, (f) => (f === 'rut' || f === 'dni' ? 'document' : f));
  }

  @Post('corregir')
  correct(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: CorrectPersonDto) => this.people.correct(who.actor, id, dto, who.audit);
    return this.act([id, who, res], [CorrectPersonDto, body], run, 'flash.saved');
  }

  @Post('suprimir')
  erase(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const run = (dto: ErasePersonDto) => this.people.erase(who.actor, id, dto, who.audit);
    return this.act([id, who, res], [ErasePersonDto, body], run, 'flash.personErased');
  }
}
