import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Logger, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor, Public } from '../common/access/decorators';
import { AssociationRegistrationService } from './association-registration.service';
import { AssociationRegistryService } from './association-registry.service';
import { AssociationsService } from './associations.service';
import {
  CorrectPersonDto,
  CreateAssociationDto,
  CreateMemberDto,
  EndMemberDto,
  ErasePersonDto,
  ReactivateMemberDto,
  RecognitionDto,
  RegistryQueryDto,
  RosterQueryDto,
  SuspendMemberDto,
  UpdateAssociationDto,
  UpdateMemberDto,
} from './dto/association.dto';
import { PeopleService } from './people.service';
import { RosterService } from './roster.service';
import { RosterExportService, sendRosterExport } from './roster-export.service';
import { RosterImportService } from './roster-import.service';
import { MembershipStatusService } from './membership-status.service';
import { RosterMembersService } from './roster-members.service';

/** The registry, rosters and people as JSON (API.md); the same services as the HTML pages. */
@ApiTags('organizaciones')
@ApiBearerAuth()
@Controller('api/v1')
export class AssociationsApiController {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly associations: AssociationsService,
    private readonly registration: AssociationRegistrationService,
    private readonly registries: AssociationRegistryService,
    private readonly roster: RosterService,
    private readonly rosterMembers: RosterMembersService,
    private readonly rosterExports: RosterExportService,
    private readonly rosterImports: RosterImportService,
    private readonly memberships: MembershipStatusService,
    private readonly people: PeopleService,
  ) {}

  @Post('associations')
  @ApiOperation({
    summary:
      'Registrar una organización (en formación; en vigor si es una A.G. inscrita o una organización peruana reconocida)',
  })
  create(@Body() dto: CreateAssociationDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.registration.create(actor, dto, auditContextFrom(req, actor));
  }

  @Get('associations')
  @ApiOperation({ summary: 'El registro de organizaciones visible para el usuario, con filtros y advertencias' })
  list(@Query() query: RegistryQueryDto, @CurrentActor() actor: Actor) {
    return this.registries.registry(actor, query);
  }

  @Get('associations/:id')
  @ApiOperation({
    summary: 'Una organización: estado, historial de estados, socios activos frente al mínimo, advertencias',
  })
  get(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.associations.get(actor, id, auditContextFrom(req, actor));
  }

  @Patch('associations/:id')
  @ApiOperation({ summary: 'Modificar nombre, dirección, contacto (el tipo y la comuna no cambian)' })
  update(
    @Param('id') id: string,
    @Body() dto: UpdateAssociationDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    return this.registration.update(actor, id, dto, auditContextFrom(req, actor));
  }

  @Post('associations/:id/recognition')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Inscripción de una A.G. (DOM-ORG-13) o reconocimiento/renovación de una organización peruana (DOM-ORG-14): queda en vigor',
  })
  recognition(@Param('id') id: string, @Body() dto: RecognitionDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.registration.recordRecognition(actor, id, dto, auditContextFrom(req, actor));
  }

  @Get('communes/:code/associations')
  @Public()
  @ApiOperation({ summary: 'Público: organizaciones en vigor de una comuna (sin datos personales)' })
  async publicRegistry(@Param('code') code: string) {
    const { commune, items } = await this.registries.publicRegistry(code);
    return { communeCode: commune.communeCode, communeName: commune.communeName, items, total: items.length };
  }

  @Post('associations/:id/members')
  @ApiOperation({
    summary: 'Agregar un socio (RUT o DNI validado; una persona es un solo registro entre organizaciones)',
  })
  addMember(@Param('id') id: string, @Body() dto: CreateMemberDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.rosterMembers.add(actor, id, dto, auditContextFrom(req, actor));
  }

  @Get('associations/:id/members')
  @ApiOperation({ summary: 'El registro de socios (RUT enmascarado para quien no lo necesita, DOM-DATA-1)' })
  async members(
    @Param('id') id: string,
    @Query() query: RosterQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    const { items, total } = await this.roster.list(actor, id, query, auditContextFrom(req, actor));
    return { items: items.map(({ documentDisplay: _display, ...rest }) => rest), total };
  }

  @Get('associations/:id/members.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Exportar el registro de socios en CSV (formato de API.md, celdas tipo fórmula protegidas)',
  })
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

  @Get('associations/:id/members.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Exportar el registro de socios en XLSX' })
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

  @Post('associations/:id/members/import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'El CSV del registro de socios (API.md)', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'Importar socios desde CSV: todo o nada; cualquier fila con error da 422 IMPORT_INVALID con cada línea',
  })
  importCsv(@Param('id') id: string, @Body() body: unknown, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.rosterImports.importFile(actor, id, body, 'csv', auditContextFrom(req, actor));
  }

  @Get('associations/:id/members/:memberId')
  @ApiOperation({ summary: 'Un socio con su historial' })
  member(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    return this.roster
      .get(actor, id, memberId, auditContextFrom(req, actor))
      .then(({ member: { documentDisplay: _d, ...member }, history }) => ({ ...member, history }));
  }

  @Patch('associations/:id/members/:memberId')
  @ApiOperation({
    summary: 'Modificar contacto y negocio (directiva); nombre y nacimiento solo la municipalidad (DOM-ORG-15)',
  })
  updateMember(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() dto: UpdateMemberDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    return this.rosterMembers.update(actor, id, memberId, dto, auditContextFrom(req, actor));
  }

  @Post('associations/:id/members/:memberId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminar una membresía (queda en el historial)' })
  end(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() dto: EndMemberDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    return this.memberships.end(actor, id, memberId, dto, auditContextFrom(req, actor));
  }

  @Post('associations/:id/members/:memberId/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspender una membresía' })
  suspend(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() dto: SuspendMemberDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    return this.memberships.suspend(actor, id, memberId, dto, auditContextFrom(req, actor));
  }

  @Post('associations/:id/members/:memberId/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivar una membresía suspendida' })
  reactivate(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() dto: ReactivateMemberDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
  ) {
    return this.memberships.reactivate(actor, id, memberId, dto, auditContextFrom(req, actor));
  }

  @Get('people/:id')
  @ApiOperation({ summary: 'Una persona y sus membresías (municipalidad)' })
  person(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.people.get(actor, id, auditContextFrom(req, actor)).then(({ documentDisplay: _d, ...p }) => p);
  }

  @Get('people/:id/export')
  @ApiOperation({
    summary: 'Todos los datos de una persona (acceso y portabilidad, DOM-DATA-2); queda en la auditoría',
  })
  async exportPerson(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = await this.people.exportData(actor, id, auditContextFrom(req, actor));
    res.setHeader('Content-Disposition', contentDisposition(`datos-persona-${id}.json`));
    return data;
  }

  @Post('people/:id/correction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Corregir el RUT o DNI de una persona (municipalidad, DOM-ORG-15)' })
  correct(@Param('id') id: string, @Body() dto: CorrectPersonDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.people.correct(actor, id, dto, auditContextFrom(req, actor)).then(({ documentDisplay: _d, ...p }) => p);
  }

  @Post('people/:id/erase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suprimir los datos de una persona a su solicitud (DOM-DATA-2); queda en la auditoría' })
  erase(@Param('id') id: string, @Body() dto: ErasePersonDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.people.erase(actor, id, dto, auditContextFrom(req, actor)).then(({ documentDisplay: _d, ...p }) => p);
  }
}
