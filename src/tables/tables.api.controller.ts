import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/decorators';
import { AxisDto, InstitutionDto, InstitutionQueryDto, PageDto, ParticipantDto, TableDto } from './dto/tables.dto';
import { TablesService } from './tables.service';

/** Institutions and inter-institutional tables (API.md; DOMAIN.md §6). */
@ApiTags('mesas')
@ApiBearerAuth()
@Controller('api/v1')
export class TablesApiController {
  constructor(private readonly tables: TablesService) {}

  @Get('institutions')
  @ApiOperation({ summary: 'La lista compartida de instituciones (Carabineros, PDI, municipalidades, Sercotec…)' })
  institutions(@Query() query: InstitutionQueryDto) {
    return this.tables.institutions(query);
  }

  @Post('institutions')
  @ApiOperation({ summary: 'Registra una institución; si ya existe con ese nombre en la comuna, responde 200 con ella' })
  async createInstitution(@Body() dto: InstitutionDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { institution, created } = await this.tables.createInstitution(actor, dto, auditContextFrom(req, actor));
    res.status(created ? 201 : 200);
    return institution;
  }

  @Post('tables')
  @ApiOperation({ summary: 'Crea una mesa: comunal (funcionario municipal de la comuna) o provincial o regional (administración) (DOM-TBL-1)' })
  createTable(@Body() dto: TableDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.tables.createTable(actor, dto, auditContextFrom(req, actor));
  }

  @Get('tables')
  @ApiOperation({ summary: 'Las mesas que el usuario ve' })
  list(@Query() query: PageDto, @CurrentActor() actor: Actor) {
    return this.tables.list(actor, query);
  }

  @Get('tables/:id')
  @ApiOperation({ summary: 'Una mesa con sus participantes y ejes' })
  async get(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: Request) {
    const { rights: _r, ...table } = await this.tables.get(actor, id, auditContextFrom(req, actor));
    return table;
  }

  @Post('tables/:id/participants')
  @ApiOperation({ summary: 'Un representante de una institución (por id, o por nombre: se reutiliza o se crea con su tipo); no es usuario' })
  addParticipant(@Param('id') id: string, @Body() dto: ParticipantDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.tables.addParticipant(actor, id, dto, auditContextFrom(req, actor));
  }

  @Post('tables/:id/axes')
  @ApiOperation({ summary: 'Un eje de trabajo de la mesa con sus integrantes (participantes de la mesa)' })
  addAxis(@Param('id') id: string, @Body() dto: AxisDto, @CurrentActor() actor: Actor, @Req() req: Request) {
    return this.tables.addAxis(actor, id, dto, auditContextFrom(req, actor));
  }
}
