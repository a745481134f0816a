import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { CurrentCaller, type Caller } from '../audit/caller';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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
  async create(@Body() dto: InstitutionDto, @CurrentCaller() who: Caller, @Res({ passthrough: true }) res: Response) {
    const { institution, created } = await this.institutions.create(who.actor, dto, who.audit);
    res.status(created ? 201 : 200);
    return institution;
  }
}
