import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { clp, emptyToUndefined, lineList } from './form-values';

/**
 * The validated field shapes that many DTOs repeat (issue 16, duplicates), each one decorator. Every field keeps
 * exactly the decorators it had, in the same order, so its transforms, its rules, the order of its messages and its
 * OpenAPI description stay as they were.
 */

/** Decorators written as if stacked above a property in this order (TypeScript applies the lowest first). */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(target, key);
  };
}

/** The largest whole CLP amount a form or the API takes (DOM-FMT-1). */
export const MAX_CLP = 999_999_999_999;

/** The row version a form read (409 if someone else changed the row since). */
export const RowVersion = (min = 1): PropertyDecorator =>
  stacked(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(2_000_000_000),
  );

/** An optional text of at most `max` characters; a form's empty field is absent. */
export const OptionalText = (max: number, api?: ApiPropertyOptions): PropertyDecorator =>
  stacked(ApiPropertyOptional(api), emptyToUndefined(), IsOptional(), IsString(), MaxLength(max));

/** An optional whole number from `min` to `max`, typed in a form or sent as JSON. */
export const OptionalWholeNumber = (min: number, max: number, api?: ApiPropertyOptions): PropertyDecorator =>
  stacked(
    ApiPropertyOptional(api),
    emptyToUndefined(),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

/** An optional amount in whole CLP (a form may write 1.500.000). */
export const OptionalClp = (api?: ApiPropertyOptions): PropertyDecorator =>
  stacked(ApiPropertyOptional(api), emptyToUndefined(), IsOptional(), clp(), IsInt(), Min(0), Max(MAX_CLP));

/** An optional list of at most `maxSize` texts: a form's lines (or commas), or a JSON array. */
export const OptionalLines = (maxSize: number, api?: ApiPropertyOptions): PropertyDecorator =>
  stacked(
    ApiPropertyOptional(api),
    emptyToUndefined(),
    IsOptional(),
    lineList(),
    IsArray(),
    ArrayMaxSize(maxSize),
    IsString({ each: true }),
  );

/** An optional choice of `list` (a form's empty select is absent); `api` adds to the OpenAPI enum. */
export const OptionalChoice = (list: readonly string[], api?: ApiPropertyOptions): PropertyDecorator =>
  stacked(ApiPropertyOptional({ enum: list, ...api }), emptyToUndefined(), IsOptional(), IsIn(list));

/** `?page=` of a list (API.md: from 1). */
export const PageNumber = (): PropertyDecorator => OptionalWholeNumber(1, 100_000, { default: 1 });

/** `?pageSize=` of a list (API.md: default 50, at most 200). */
export const PageSize = (): PropertyDecorator => OptionalWholeNumber(1, 200, { default: 50, maximum: 200 });

/** An optional text of at most `max` characters, kept as sent (a query's filter, a form's text checked later). */
export const LooseText = (max: number, api?: ApiPropertyOptions): PropertyDecorator =>
  stacked(ApiPropertyOptional(api), IsOptional(), IsString(), MaxLength(max));
