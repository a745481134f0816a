import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { localMessage } from '../../common/errors/validation-messages';
import { checkbox, emptyToUndefined } from '../../common/form-values';
import { OptionalChoice, OptionalClp, OptionalLines, OptionalText } from '../../common/dto-fields';
import { IsPrintableText, IsSpreadsheetText } from '../../common/text-validators';
import {
  FUND_CALL_CATEGORIES,
  FUND_CALL_SCOPES,
  FUND_CALL_STATES,
  FUND_TARGET_APPLICANTS,
  type FundCallRequirements,
} from './fund-call-categories';

/**
 * POST /api/v1/fund-calls (API.md phase 2, DOM-FND-1). Scope, category, target applicant, territory, kinds,
 * requirements and the local times are checked by the service (one set of rules and Spanish messages for the API,
 * the form and the CSV import).
 */
export class FundCallDto {
  @ApiPropertyOptional({ description: 'Una institución de la lista compartida' })
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.funds.institutionId') })
  institutionId?: string;

  @OptionalText(200, { description: 'O su nombre: se reutiliza la institución de ese nombre o se crea' })
  @IsSpreadsheetText({ aside: 'institution' })
  institutionName?: string;

  @ApiProperty({ example: 'Fondo de Fortalecimiento de las Organizaciones de Interés Público 2027' })
  @IsString()
  @MaxLength(200)
  @IsSpreadsheetText({ aside: 'name' })
  name: string;

  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: FUND_CALL_SCOPES }) @IsString() scope: string;

  @OptionalLines(20, { type: [String], example: ['04'] })
  @MaxLength(10, { each: true })
  regionCodes?: string[];

  @OptionalLines(400, { type: [String], example: ['04101'] })
  @MaxLength(10, { each: true })
  communeCodes?: string[];

  @ApiProperty({ enum: FUND_CALL_CATEGORIES }) @IsString() category: string;

  @ApiProperty({ enum: FUND_TARGET_APPLICANTS })
  @IsString()
  targetApplicant: string;

  @OptionalLines(10, { type: [String], description: 'Tipos de organización admitidos; vacío: cualquiera' })
  @MaxLength(40, { each: true })
  associationKinds?: string[];

  @OptionalClp({ example: 1000000 })
  amountMinClp?: number;

  @OptionalClp({ example: 15000000 })
  amountMaxClp?: number;

  @ApiProperty({ example: '2027-04-01T09:00', description: 'Hora local de timeZone' })
  @IsString()
  @MaxLength(20)
  opensAt: string;

  @ApiProperty({ example: '2027-05-15T17:00', description: 'Hora local de timeZone' })
  @IsString()
  @MaxLength(20)
  closesAt: string;

  @OptionalText(60, { example: 'America/Santiago' })
  timeZone?: string;

  @OptionalText(500, { example: 'https://fondos.gob.cl' })
  url?: string;

  @ApiPropertyOptional({
    example: { legalPersonalityInForce: true, boardInForce: true, minOrganizationAgeYears: 2, other: ['Carta Gantt'] },
  })
  @IsOptional()
  @IsObject({ message: localMessage('validation.funds.requirements') })
  requirements?: FundCallRequirements;

  @OptionalText(4000)
  @IsPrintableText('description')
  description?: string;

  @ApiPropertyOptional({ description: 'El programa del ejecutivo que crea el fondo (si tiene más de uno)' })
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.funds.programId') })
  programId?: string;
}

/** PATCH /api/v1/fund-calls/:id: any field, while the call is upcoming (DOM-FND-1). */
export class FundCallPatchDto extends PartialType(FundCallDto) {}

/** GET /api/v1/fund-calls and /fondos filters (API.md). */
export class FundCallQueryDto {
  @OptionalChoice(FUND_CALL_STATES)
  state?: (typeof FUND_CALL_STATES)[number];

  @ApiPropertyOptional({ example: '2027-04' })
  @emptyToUndefined()
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: localMessage('validation.funds.month') })
  month?: string;

  @ApiPropertyOptional({ example: '04101' })
  @emptyToUndefined()
  @IsOptional()
  @Matches(/^(\d{5}|PE-\d{6})$/, { message: localMessage('validation.funds.communeCode') })
  communeCode?: string;

  @OptionalChoice(FUND_CALL_CATEGORIES)
  category?: (typeof FUND_CALL_CATEGORIES)[number];

  @OptionalChoice(FUND_TARGET_APPLICANTS)
  targetApplicant?: (typeof FUND_TARGET_APPLICANTS)[number];

  /** The page's view: the month grid (default) or the list. */
  @OptionalChoice(['month', 'list'])
  view?: 'month' | 'list';
}

/** The create/edit form (/fondos/nuevo): the body's fields flat, the requirements as checkboxes and numbers. */
export class FundCallFormDto extends PartialType(FundCallDto) {
  @IsOptional() @checkbox() reqLegalPersonalityInForce?: boolean;
  @IsOptional() @checkbox() reqBoardInForce?: boolean;
  @IsOptional() @checkbox() reqNoPendingExpenseReport?: boolean;
  @IsOptional() @checkbox() reqOrganizationRut?: boolean;
  @IsOptional() @checkbox() reqPublicFundsRegistry?: boolean;
  @IsOptional() @checkbox() reqNoActivityStart?: boolean;
  @emptyToUndefined() @IsOptional() @IsString() @MaxLength(3) reqMinOrganizationAgeYears?: string;
  @emptyToUndefined() @IsOptional() @IsString() @MaxLength(3) reqMinAgeYears?: string;
  @emptyToUndefined() @IsOptional() @IsString() @MaxLength(10) reqOwnerSex?: string;
  @emptyToUndefined() @IsOptional() @IsString() @MaxLength(4000) reqOther?: string;
  @emptyToUndefined() @IsOptional() @Type(() => Number) @IsInt() version?: number;
}
