import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { CurrentActor } from '../common/access/decorators';
import { InstitutionDto, InstitutionQueryDto } from './dto/institutions.dto';
import { InstitutionsService } from './institutions.service';

/** The shared list of institutions (API.md: GET, POST /api/v1/institutions). */
@ApiTags('instituciones')
@ApiBearerAuth()
@Controller('api/v1/institutions')
export class InstitutionsApiController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Get()
  @ApiOperation({ summary: 'La lista compartida de instituciones (Carabineros, PDI, municipalidades, Sercotec…)' })
  list(@Query() query: InstitutionQueryDto) {
    return this.institutions.list(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Registra una institución; si ya existe con ese nombre en la comuna, responde 200 con ella',
  })
  async create(
    @Body() dto: InstitutionDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { institution, created } = await this.institutions.create(actor, dto, auditContextFrom(req, actor));
    res.status(created ? 201 : 200);
    return institution;
  }
}
