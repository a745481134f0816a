import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { localMessage } from '../../common/errors/validation-messages';
import { parseCalendarDate } from '../../common/format/dates';
import { checkbox, clp, emptyToUndefined } from '../../common/form-values';
import {
  MAX_CLP,
  OptionalChoice,
  OptionalClp,
  OptionalLines,
  OptionalText,
  OptionalWholeNumber,
} from '../../common/dto-fields';
import { IsPersonName, IsPrintableText, IsSpreadsheetText } from '../../common/text-validators';
import { PROGRAM_KINDS } from '../entities/program.entity';
import { ENROLMENT_STATUSES } from '../entities/program-enrolment.entity';
import { OWNER_SEXES } from '../entities/beneficiary.entity';
import { BENEFIT_KINDS } from '../entities/benefit.entity';

/** A real calendar date written aaaa-mm-dd (2026-02-30 is refused here, never by the database). */
const IsRealDate = (field: string): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isRealDate',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && parseCalendarDate(v) === v,
      },
    },
    { message: localMessage('validation.realDate', { field }) },
  );

/** POST /api/v1/programs (DOM-PRG-1). */
export class ProgramDto {
  @ApiProperty({ example: 'Barrios Comerciales Coquimbo 2025' })
  @IsString()
  @MaxLength(200)
  @IsSpreadsheetText({ aside: 'name' })
  name: string;

  @ApiProperty({ enum: PROGRAM_KINDS }) @IsIn(PROGRAM_KINDS) kind: (typeof PROGRAM_KINDS)[number];

  @ApiProperty({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ description: 'Una institución de la lista compartida' })
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.idOf.institution', { field: 'agencyInstitutionId' }) })
  agencyInstitutionId?: string;

  @OptionalText(200, { description: 'O su nombre: se reutiliza la institución de ese nombre o se crea (Sercotec)' })
  @IsSpreadsheetText({ aside: 'institution' })
  agencyName?: string;

  @ApiPropertyOptional({ example: '04' })
  @emptyToUndefined()
  @IsOptional()
  @IsString()
  @Matches(/^(\d{2}|PE-\d{2})$/, { message: localMessage('validation.regionCode', { field: 'regionCode' }) })
  regionCode?: string;

  @OptionalLines(400, { type: [String], example: ['04101'] })
  @Matches(/^(\d{5}|PE-\d{6})$/, {
    each: true,
    message: localMessage('validation.communeCodes', { field: 'communeCodes' }),
  })
  communeCodes?: string[];

  @ApiProperty({ example: '2025-03-01' }) @IsString() @IsRealDate('startsOn') startsOn: string;
  @ApiProperty({ example: '2027-12-31' }) @IsString() @IsRealDate('endsOn') endsOn: string;

  @OptionalClp({ example: 80000000 })
  budgetClp?: number;

  @OptionalLines(20, { type: [String], example: ['Capital social', 'Oferta comercial', 'Entorno urbano comercial'] })
  @MaxLength(120, { each: true })
  @IsSpreadsheetText({ aside: 'actionLines' }, { each: true })
  lines?: string[];
}

/** POST /api/v1/programs/:id/officers: the admin names a program officer (invited when they have no account). */
export class ProgramOfficerDto {
  @ApiProperty({ example: 'ejecutiva@sercotec.cl' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Verónica Alfaro Díaz' })
  @IsString()
  @MaxLength(200)
  @IsPersonName('name')
  name: string;
}

/** POST /api/v1/programs/:id/associations (DOM-PRG-2). */
export class EnrolmentDto {
  @ApiProperty()
  @IsUUID('all', { message: localMessage('validation.idOf.association', { field: 'associationId' }) })
  associationId: string;

  @ApiProperty({ example: '2025-04-01' }) @IsString() @IsRealDate('enrolledOn') enrolledOn: string;

  @OptionalChoice(ENROLMENT_STATUSES)
  status?: (typeof ENROLMENT_STATUSES)[number];
}

/** POST /api/v1/associations/:id/program-consents (DOM-PRG-3). */
export class ProgramConsentDto {
  @ApiProperty()
  @IsUUID('all', { message: localMessage('validation.idOf.program', { field: 'programId' }) })
  programId: string;
  @ApiProperty({ example: 'programa-registro-2026-12' }) @IsString() @MaxLength(60) textVersion: string;
}

/** POST /api/v1/programs/:id/beneficiaries (DOM-PRG-2, DOM-PRG-3). */
export class BeneficiaryDto {
  @OptionalText(20, { example: '12.345.678-5' })
  rut?: string;

  @OptionalText(20, { example: '45678912' })
  dni?: string;

  @OptionalText(200)
  @IsPersonName('fullName')
  fullName?: string;

  @ApiPropertyOptional({ example: '1980-04-23' })
  @emptyToUndefined()
  @IsOptional()
  @IsString()
  @IsRealDate('birthDate')
  birthDate?: string;

  /** Where the program writes to the entrepreneur (their market week, a fund call); kept in the person registry. */
  @ApiPropertyOptional({ example: 'maria.perez@example.cl' })
  @emptyToUndefined()
  @IsOptional()
  @MaxLength(254)
  @IsEmail()
  email?: string;

  @OptionalText(200, { description: 'Se toma del registro de socios cuando se indica memberId' })
  @IsSpreadsheetText({ aside: 'businessName' })
  businessName?: string;

  @OptionalText(100, { example: 'Restaurante' })
  @IsSpreadsheetText({ aside: 'businessCategory' })
  businessCategory?: string;

  @ApiProperty({ enum: OWNER_SEXES }) @IsIn(OWNER_SEXES) ownerSex: (typeof OWNER_SEXES)[number];

  @OptionalText(300)
  @IsSpreadsheetText({ aside: 'address' })
  address?: string;

  @ApiPropertyOptional({ example: '04101' })
  @emptyToUndefined()
  @IsOptional()
  @IsString()
  @Matches(/^(\d{5}|PE-\d{6})$/, { message: localMessage('validation.communeCode', { field: 'communeCode' }) })
  communeCode?: string;

  @ApiPropertyOptional()
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.idOf.association', { field: 'associationId' }) })
  associationId?: string;

  @ApiPropertyOptional({ description: 'Un socio activo de una organización inscrita que compartió su registro' })
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.idOf.member', { field: 'memberId' }) })
  memberId?: string;

  @ApiProperty({ example: '2025-04-01' }) @IsString() @IsRealDate('enrolledOn') enrolledOn: string;

  @OptionalText(60, { description: 'La versión del texto de consentimiento que la persona aceptó (sin memberId)' })
  consentTextVersion?: string;
}

export class BeneficiaryQueryDto {
  @ApiPropertyOptional() @emptyToUndefined() @IsOptional() @IsUUID() associationId?: string;
  @OptionalText(100) category?: string;
  @OptionalChoice(OWNER_SEXES) ownerSex?: string;
  @OptionalText(100) q?: string;
}

/** POST /api/v1/programs/:id/benefits (DOM-PRG-4). */
export class BenefitDto {
  @ApiPropertyOptional()
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.idOf.beneficiary', { field: 'beneficiaryId' }) })
  beneficiaryId?: string;

  @ApiPropertyOptional()
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.idOf.association', { field: 'associationId' }) })
  associationId?: string;

  @ApiProperty({ enum: BENEFIT_KINDS }) @IsIn(BENEFIT_KINDS) kind: (typeof BENEFIT_KINDS)[number];

  @ApiProperty({ example: 1500000 })
  @clp()
  @IsInt()
  @Min(0)
  @Max(MAX_CLP)
  amountClp: number;

  @ApiProperty({ example: '2025-06-15' }) @IsString() @IsRealDate('deliveredOn') deliveredOn: string;

  @OptionalText(120) line?: string;

  @OptionalText(500)
  @IsSpreadsheetText({ aside: 'description' })
  description?: string;

  @ApiPropertyOptional() @emptyToUndefined() @IsOptional() @checkbox() @IsBoolean() overBudgetConfirmed?: boolean;
}

/** POST /api/v1/programs/:id/activities (DOM-PRG-5). */
export class ActivityDto {
  @ApiProperty({ example: 'Taller de vitrinas' })
  @IsString()
  @MaxLength(200)
  @IsPrintableText('title')
  title: string;

  @ApiProperty({ example: '2025-07-10T19:00' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, {
    message: localMessage('validation.localDateTime', { field: 'localStart' }),
  })
  localStart: string;

  @ApiProperty() @IsString() @MaxLength(300) @IsPrintableText('place') place: string;
  @OptionalText(120) line?: string;
}

export class AttendanceMarkDto {
  @ApiProperty()
  @IsUUID('all', { message: localMessage('validation.idOf.beneficiary', { field: 'beneficiaryId' }) })
  beneficiaryId: string;
  @ApiProperty({ enum: ['present', 'excused', 'absent'] })
  @IsIn(['present', 'excused', 'absent'])
  status: 'present' | 'excused' | 'absent';
}

/** PUT /api/v1/program-activities/:id/attendance. */
export class ActivityAttendanceDto {
  @ApiProperty({ type: [AttendanceMarkDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceMarkDto)
  marks: AttendanceMarkDto[];
}

export class ReportQueryDto {
  @OptionalWholeNumber(2000, 2100, { example: 2025 })
  year?: number;
}
