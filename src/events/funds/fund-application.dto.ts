import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsUUID, ValidateBy } from 'class-validator';
import { localMessage, localText } from '../../common/errors/validation-messages';
import { parseCalendarDate } from '../../common/format/dates';
import { clp, emptyToUndefined } from '../../common/form-values';
import { FUND_APPLICATION_STATUSES, type FundApplicationStatus } from './entities/fund-application.entity';
import { FUND_DECLARATION_KINDS, type FundDeclarationKind } from './entities/fund-declaration.entity';

const MAX_CLP = 999_999_999_999;
/**
 * The field as the messages name it in words, in each language: `label` is a key of the dictionary's
 * `validation.funds.subjects` ("El monto solicitado (amountRequestedClp)").
 */
const subject = (label: string) => localText(`validation.funds.subjects.${label}`);

/** Whole pesos between 0 and MAX_CLP; the message names the field in words (the pipe keeps our own messages). */
const IsClp = (label: string): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isClp',
      validator: { validate: (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_CLP },
    },
    { message: localMessage('validation.funds.clp', { subject: subject(label) }) },
  );
/** One of a list of values, the message naming the field in words and the values admitted. */
const IsOneOf = (values: readonly string[], label: string): PropertyDecorator =>
  ValidateBy(
    { name: 'isOneOf', validator: { validate: (v: unknown) => typeof v === 'string' && values.includes(v) } },
    { message: localMessage('validation.funds.oneOf', { subject: subject(label), values: values.join(', ') }) },
  );
/** A real calendar date written aaaa-mm-dd or dd-mm-aaaa, normalised to aaaa-mm-dd. */
const calendarDate = () =>
  Transform(({ value }) => (typeof value === 'string' && parseCalendarDate(value) ? parseCalendarDate(value) : value));
const IsRealDate = (label: string): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isRealDate',
      validator: { validate: (v: unknown) => typeof v === 'string' && parseCalendarDate(v) === v },
    },
    { message: localMessage('validation.funds.realDate', { subject: subject(label) }) },
  );
const CREATE_STATUSES = ['preparing', 'submitted'] as const;

/** POST /api/v1/fund-calls/:id/applications (DOM-FND-4): who applies (one of the two) and the CLP requested. */
export class FundApplicationDto {
  @ApiPropertyOptional({ description: 'La organización que postula (o beneficiaryId)' })
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.funds.applicantAssociation') })
  associationId?: string;

  @ApiPropertyOptional({ description: 'La persona beneficiaria de un programa que postula (o associationId)' })
  @emptyToUndefined()
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.funds.applicantBeneficiary') })
  beneficiaryId?: string;

  @ApiProperty({ example: 3500000 })
  @clp()
  @IsClp('amountRequestedClp')
  amountRequestedClp: number;

  @ApiPropertyOptional({ enum: CREATE_STATUSES, default: 'preparing' })
  @emptyToUndefined()
  @IsOptional()
  @IsOneOf(CREATE_STATUSES, 'applicationStatus')
  status?: 'preparing' | 'submitted';
}

/** PATCH /api/v1/fund-applications/:id: the outcome; an award sets the expense report's due date (DOM-FND-4). */
export class FundApplicationChangeDto {
  @ApiPropertyOptional({ enum: FUND_APPLICATION_STATUSES })
  @emptyToUndefined()
  @IsOptional()
  @IsOneOf(FUND_APPLICATION_STATUSES, 'applicationStatus')
  status?: FundApplicationStatus;

  @ApiPropertyOptional({ example: 3000000 })
  @emptyToUndefined()
  @IsOptional()
  @clp()
  @IsClp('amountAwardedClp')
  amountAwardedClp?: number;

  @ApiPropertyOptional({ example: '2027-06-30', description: 'Por omisión, 6 meses después de la adjudicación' })
  @emptyToUndefined()
  @IsOptional()
  @calendarDate()
  @IsRealDate('expenseReportDueOn')
  expenseReportDueOn?: string;

  @ApiPropertyOptional({ example: '2027-06-20' })
  @emptyToUndefined()
  @IsOptional()
  @calendarDate()
  @IsRealDate('expenseReportSubmittedOn')
  expenseReportSubmittedOn?: string;
}

/** What an applicant declares (DOM-FND-1): public funds registry (Ley 19.862), no activity start at the SII. */
export class FundDeclarationDto {
  @ApiProperty({ enum: FUND_DECLARATION_KINDS })
  @IsOneOf(FUND_DECLARATION_KINDS, 'declarationKind')
  kind: FundDeclarationKind;

  @ApiProperty({ description: 'inscrita (o sin inicio de actividades): sí o no' })
  @Transform(({ value }) =>
    value === 'true' || value === 'si' ? true : value === 'false' || value === 'no' ? false : value,
  )
  @ValidateBy(
    { name: 'isYesNo', validator: { validate: (v: unknown) => typeof v === 'boolean' } },
    { message: localMessage('validation.funds.yesNo') },
  )
  value: boolean;

  @ApiProperty({ example: '2025-05-02', description: 'La fecha de inscripción, o la de la declaración' })
  @calendarDate()
  @IsRealDate('declaredOn')
  declaredOn: string;
}

/** GET .../fund-matches?state= */
export class FundMatchQueryDto {
  @ApiPropertyOptional({ enum: ['upcoming', 'open', 'closing_soon', 'closed'] })
  @emptyToUndefined()
  @IsOptional()
  @IsOneOf(['upcoming', 'open', 'closing_soon', 'closed'], 'callState')
  state?: 'upcoming' | 'open' | 'closing_soon' | 'closed';

  @ApiPropertyOptional({ description: 'página (API.md: 50 por página, hasta 200)' })
  @IsOptional()
  page?: string;

  @ApiPropertyOptional({ description: 'tamaño de la página, 1 a 200 (50 por omisión)' })
  @IsOptional()
  pageSize?: string;
}
