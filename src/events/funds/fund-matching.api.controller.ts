import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentCaller, type Caller } from '../../audit/caller';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  FundApplicationChangeDto,
  FundApplicationDto,
  FundDeclarationDto,
  FundMatchQueryDto,
} from './fund-application.dto';
import { FundApplicationsService } from './fund-applications.service';
import { FundDeclarationsService } from './fund-declarations.service';
import { FundMatchingService } from './fund-matching.service';

/** Fund matching, declarations and applications (API.md phase 2; DOM-FND-2, DOM-FND-4). */
@ApiTags('fondos')
@ApiBearerAuth()
@Controller('api/v1')
export class FundMatchingApiController {
  constructor(
    private readonly matching: FundMatchingService,
    private readonly applications: FundApplicationsService,
    private readonly declarations: FundDeclarationsService,
  ) {}

  @Get('associations/:id/fund-matches')
  @ApiOperation({
    summary:
      'Las convocatorias del territorio de una organización con su resultado (eligible, not_eligible, unknown) y una razón por requisito (DOM-FND-2); ?state=open deja las que reciben postulaciones',
  })
  associationMatches(@Param('id') id: string, @Query() query: FundMatchQueryDto, @CurrentCaller() who: Caller) {
    return this.matching.matchesForAssociation(who.actor, id, query, who.audit);
  }

  @Get('program-beneficiaries/:id/fund-matches')
  @ApiOperation({ summary: 'Las convocatorias para una persona beneficiaria de un programa, con sus razones' })
  beneficiaryMatches(@Param('id') id: string, @Query() query: FundMatchQueryDto, @CurrentCaller() who: Caller) {
    return this.matching.matchesForBeneficiary(who.actor, id, query, who.audit);
  }

  @Post('fund-calls/:id/applications')
  @ApiOperation({
    summary:
      'Registra la postulación de una organización (su directiva) o de una persona beneficiaria (el programa); una por convocatoria (409); convocatoria cerrada 422 FUND_CALL_CLOSED',
  })
  apply(@Param('id') id: string, @Body() dto: FundApplicationDto, @CurrentCaller() who: Caller) {
    return this.applications.create(who.actor, id, dto, who.audit);
  }

  @Patch('fund-applications/:id')
  @ApiOperation({
    summary:
      'Cambia el estado de una postulación; adjudicarla fija el vencimiento de la rendición (6 meses por omisión) (DOM-FND-4)',
  })
  change(@Param('id') id: string, @Body() dto: FundApplicationChangeDto, @CurrentCaller() who: Caller) {
    return this.applications.update(who.actor, id, dto, who.audit);
  }

  @Get('associations/:id/fund-applications')
  @ApiOperation({ summary: 'Las postulaciones de una organización, con la rendición vencida marcada' })
  associationApplications(@Param('id') id: string, @CurrentCaller() who: Caller) {
    return this.applications.listForActor(who.actor, { associationId: id }, who.audit);
  }

  @Post('associations/:id/fund-declarations')
  @ApiOperation({
    summary: 'Declara la inscripción en el Registro de Receptores de Fondos Públicos (Ley 19.862) y su fecha',
  })
  declareForAssociation(@Param('id') id: string, @Body() dto: FundDeclarationDto, @CurrentCaller() who: Caller) {
    return this.declarations.record(who.actor, { associationId: id }, dto, who.audit);
  }

  @Post('program-beneficiaries/:id/fund-declarations')
  @ApiOperation({
    summary: 'Declara por una persona beneficiaria: sin inicio de actividades ante el SII, o la inscripción Ley 19.862',
  })
  declareForBeneficiary(@Param('id') id: string, @Body() dto: FundDeclarationDto, @CurrentCaller() who: Caller) {
    return this.declarations.record(who.actor, { beneficiaryId: id }, dto, who.audit);
  }
}
