import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';
import { parseCalendarDate } from '../../../common/format/dates';
import { localMessage } from '../../../common/errors/validation-messages';
import { emptyToUndefined, lineList } from '../../../common/form-values';
import { IsSpreadsheetText } from '../../../common/text-validators';

/**
 * The market's bodies (API.md phase 2). Every rule carries its own Spanish message in plain words (the field as a
 * person calls it), so the API and the forms refuse alike.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const isRealDate = (v: unknown): boolean =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && parseCalendarDate(v) === v;

/**
 * A rule of its own (not one of class-validator's, whose messages name the field by its key); `key`: its message in
 * the dictionary's `validation.market`.
 */
const rule = (name: string, validate: (value: unknown) => boolean, key: string): PropertyDecorator =>
  ValidateBy({ name, validator: { validate } }, { message: localMessage(`validation.market.${key}`) });

/** A form's number ("4") as a number; anything else stays as typed, for the rule to refuse. */
const formNumber = () =>
  Transform(({ value }) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value));
const wholeBetween = (min: number, max: number) => (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const text = (max: number) => (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const dates = (max: number) => (v: unknown) => Array.isArray(v) && v.length <= max && v.every(isRealDate);

/** POST /api/v1/market-venues (DOM-MKT-1). */
export class MarketVenueDto {
  @ApiProperty({ example: 'Mall Espacio Urbano Melipilla' })
  @rule('venueName', text(200), 'venueName')
  @IsSpreadsheetText({ aside: 'name' })
  name: string;

  @ApiProperty({ example: 'Av. Vicuña Mackenna 3175, Melipilla' })
  @rule('venueAddress', text(300), 'venueAddress')
  @IsSpreadsheetText({ aside: 'address' })
  address: string;

  @ApiProperty({
    example: '13501',
    description: 'La comuna (código CUT) del lugar: su zona horaria es la del municipio',
  })
  @rule('venueCommune', (v) => typeof v === 'string' && /^\d{4,6}$/.test(v), 'venueCommune')
  communeCode: string;

  @ApiPropertyOptional({ description: 'El programa cuyos beneficiarios venden aquí (requerido)' })
  @emptyToUndefined()
  @IsOptional()
  @rule('venueProgram', (v) => typeof v === 'string' && UUID.test(v), 'venueProgram')
  programId?: string;

  @ApiPropertyOptional({ description: 'La mesa que también lo administra (sus coordinadores)' })
  @emptyToUndefined()
  @IsOptional()
  @rule('venueTable', (v) => typeof v === 'string' && UUID.test(v), 'venueTable')
  tableId?: string;

  @ApiProperty({ example: 4 })
  @formNumber()
  @rule('standsPerWeek', wholeBetween(1, 1000), 'standsPerWeek')
  standsPerWeek: number;

  @ApiPropertyOptional({ example: 2, description: 'Máximo de puestos de un mismo rubro por semana' })
  @emptyToUndefined()
  @formNumber()
  @IsOptional()
  @rule('categoryCapPerWeek', wholeBetween(1, 1000), 'categoryCapPerWeek')
  categoryCapPerWeek?: number;

  @ApiPropertyOptional({ example: ['2027-03-05'], description: 'Fechas propias de inicio de semana (DOM-MKT-1)' })
  @emptyToUndefined()
  @lineList()
  @IsOptional()
  @rule('ownDates', dates(200), 'ownDates')
  ownDates?: string[];
}

const monthRule = () => rule('month', (v) => typeof v === 'string' && MONTH.test(v), 'month');

/** POST /api/v1/market-venues/:id/applications (DOM-MKT-2). */
export class MarketApplicationDto {
  @ApiProperty({ description: 'La persona beneficiaria del programa del lugar' })
  @rule('beneficiaryId', (v) => typeof v === 'string' && UUID.test(v), 'beneficiary')
  beneficiaryId: string;

  @ApiProperty({ example: '2027-03' })
  @monthRule()
  month: string;

  @ApiPropertyOptional({ example: ['2027-03-08'], description: 'Inicio de las semanas preferidas, en orden' })
  @emptyToUndefined()
  @lineList()
  @IsOptional()
  @rule('preferredWeeks', dates(10), 'preferredWeeks')
  preferredWeeks?: string[];
}

/** The entrepreneur's own application (/mis-semanas/postular): the venue is chosen on the form. */
export class MarketOwnApplicationDto extends MarketApplicationDto {
  @rule('venueId', (v) => typeof v === 'string' && UUID.test(v), 'venue')
  venueId: string;
}

/** POST /api/v1/market-venues/:id/allocations (DOM-MKT-2). */
export class MarketAllocationDto {
  @ApiProperty({ example: '2027-03' })
  @monthRule()
  month: string;
}

/** `?month=` of the venue's reads. */
export class MarketMonthQueryDto {
  @ApiPropertyOptional({ example: '2027-03' })
  @emptyToUndefined()
  @IsOptional()
  @monthRule()
  month?: string;
}
