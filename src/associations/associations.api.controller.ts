import { contentDisposition } from '../common/format/file-name';
import { Body, Controller, Logger, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { Public } from '../common/access/decorators';
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
  PublicRegistryQueryDto,
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
  create(@Body() dto: CreateAssociationDto, @CurrentCaller() who: Caller) {
    return this.registration.create(who.actor, dto, who.audit);
  }

  @Get('associations')
  @ApiOperation({ summary: 'El registro de organizaciones visible para el usuario, con filtros y advertencias' })
  list(@Query() query: RegistryQueryDto, @CurrentCaller() who: Caller) {
    return this.registries.registry(who.actor, query);
  }

  @Get('associations/:id')
  @ApiOperation({
    summary: 'Una organización: estado, historial de estados, socios activos frente al mínimo, advertencias',
  })
  get(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.associations.get(who.actor, id, who.audit);
  }

  @Patch('associations/:id')
  @ApiOperation({ summary: 'Modificar nombre, dirección, contacto (el tipo y la comuna no cambian)' })
  update(@Param('id') id: string, @Body() dto: UpdateAssociationDto, @CurrentCaller() who: Caller) {
    return this.registration.update(who.actor, id, dto, who.audit);
  }

  @Post('associations/:id/recognition')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Inscripción de una A.G. (DOM-ORG-13) o reconocimiento/renovación de una organización peruana (DOM-ORG-14): queda en vigor',
  })
  recognition(@Param('id') id: string, @Body() dto: RecognitionDto, @CurrentCaller() who: Caller) {
    return this.registration.recordRecognition(who.actor, id, dto, who.audit);
  }

  @Get('communes/:code/associations')
  @Public()
  @ApiOperation({ summary: 'Público: organizaciones en vigor de una comuna (sin datos personales)' })
  async publicRegistry(@Param('code') code: string, @Query() query: PublicRegistryQueryDto) {
    const page = { page: query.page ?? 1, pageSize: query.pageSize ?? 50 };
    const { commune, items, total } = await this.registries.publicRegistry(code, page);
    return { communeCode: commune.communeCode, communeName: commune.communeName, items, total, ...page };
  }

  @Post('associations/:id/members')
  @ApiOperation({
    summary: 'Agregar un socio (RUT o DNI validado; una persona es un solo registro entre organizaciones)',
  })
  addMember(@Param('id') id: string, @Body() dto: CreateMemberDto, @CurrentCaller() who: Caller) {
    return this.rosterMembers.add(who.actor, id, dto, who.audit);
  }

  @Get('associations/:id/members')
  @ApiOperation({ summary: 'El registro de socios (RUT enmascarado para quien no lo necesita, DOM-DATA-1)' })
  async members(@Param('id') id: string, @Query() query: RosterQueryDto, @CurrentCaller() who: Caller) {
    const { items, total } = await this.roster.list(who.actor, id, query, who.audit);
    return { items: items.map(({ documentDisplay: _display, ...rest }) => rest), total };
  }

  @Get('associations/:id/members.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Exportar el registro de socios en CSV (formato de API.md, celdas tipo fórmula protegidas)',
  })
  async exportCsv(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await sendRosterExport(
      this.rosterExports,
      'csv',
      { actor: who.actor, associationId: id, context: who.audit },
      res,
      (message) => this.logger.warn(message),
    );
  }

  @Get('associations/:id/members.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Exportar el registro de socios en XLSX' })
  async exportXlsx(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await sendRosterExport(
      this.rosterExports,
      'xlsx',
      { actor: who.actor, associationId: id, context: who.audit },
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
  importCsv(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller) {
    return this.rosterImports.importFile(who.actor, id, body, 'csv', who.audit);
  }

  @Get('associations/:id/members/:memberId')
  @ApiOperation({ summary: 'Un socio con su historial' })
  member(@Param('id') id: string, @Param('memberId') memberId: string, @CurrentCaller() who: Caller) {
    return this.roster
      .get(who.actor, id, memberId, who.audit)
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
    @CurrentCaller() who: Caller,
  ) {
    return this.rosterMembers.update(who.actor, id, memberId, dto, who.audit);
  }

  @Post('associations/:id/members/:memberId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminar una membresía (queda en el historial)' })
  end(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() dto: EndMemberDto,
    @CurrentCaller() who: Caller,
  ) {
    return this.memberships.end(who.actor, id, memberId, dto, who.audit);
  }

  @Post('associations/:id/members/:memberId/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspender una membresía' })
  suspend(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() dto: SuspendMemberDto,
    @CurrentCaller() who: Caller,
  ) {
    return this.memberships.suspend(who.actor, id, memberId, dto, who.audit);
  }

  @Post('associations/:id/members/:memberId/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivar una membresía suspendida' })
  reactivate(
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() dto: ReactivateMemberDto,
    @CurrentCaller() who: Caller,
  ) {
    return this.memberships.reactivate(who.actor, id, memberId, dto, who.audit);
  }

  @Get('people/:id')
  @ApiOperation({ summary: 'Una persona y sus membresías (municipalidad)' })
  person(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.people.get(who.actor, id, who.audit).then(({ documentDisplay: _d, ...p }) => p);
  }

  @Get('people/:id/export')
  @ApiOperation({
    summary: 'Todos los datos de una persona (acceso y portabilidad, DOM-DATA-2); queda en la auditoría',
  })
  async exportPerson(@Param('id') id: string, @CurrentCaller() who: Caller, @Res({ passthrough: true }) res: Response) {
    const data = await this.people.exportData(who.actor, id, who.audit);
    res.setHeader('Content-Disposition', contentDisposition(`datos-persona-${id}.json`));
    return data;
  }

  @Post('people/:id/correction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Corregir el RUT o DNI de una persona (municipalidad, DOM-ORG-15)' })
  correct(@Param('id') id: string, @Body() dto: CorrectPersonDto, @CurrentCaller() who: Caller) {
    return this.people.correct(who.actor, id, dto, who.audit).then(({ documentDisplay: _d, ...p }) => p);
  }

  @Post('people/:id/erase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suprimir los datos de una persona a su solicitud (DOM-DATA-2); queda en la auditoría' })
  erase(@Param('id') id: string, @Body() dto: ErasePersonDto, @CurrentCaller() who: Caller) {
    return this.people.erase(who.actor, id, dto, who.audit).then(({ documentDisplay: _d, ...p }) => p);
  }
}
