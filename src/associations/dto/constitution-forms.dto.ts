import { IntersectionType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, registerDecorator } from 'class-validator';
import { localMessage, localText } from '../../common/errors/validation-messages';
import type { BoardPosition } from '../constitution-rules';
import { BoardTermDto, type SeatDto } from './constitution.dto';

/**
 * The constitution's page forms (the constitutive assembly and a new board), validated with `validateBody`
 * (issue 16 item 7): the fields as a browser posts them, every one a text (the founders' ticks a list of ids). The
 * refusals the pages always gave keep their Spanish texts (the statutes' approval, the assembly's date, each
 * required seat); what the service checks (dates, ids, founders, ages, seats) it still says with its own messages.
 * A body that is not the form's (a seat or a date that is not a text, a term kind the form does not offer) is
 * refused naming its field, never read as an empty field or as a definitive board.
 */

/** The seat fields of the board forms, in the order of the acta. */
export const SEAT_FIELDS: { field: SeatField; position: BoardPosition; rank?: number; required: boolean }[] = [
  { field: 'president', position: 'president', required: true },
  { field: 'secretary', position: 'secretary', required: true },
  { field: 'treasurer', position: 'treasurer', required: true },
  { field: 'director1', position: 'director', required: false },
  { field: 'director2', position: 'director', required: false },
  { field: 'substitute1', position: 'substitute', rank: 1, required: false },
  { field: 'substitute2', position: 'substitute', rank: 2, required: false },
];

type SeatField = 'president' | 'secretary' | 'treasurer' | 'director1' | 'director2' | 'substitute1' | 'substitute2';

/** A rule of a form field with the page's own message (`localMessage`: in the reader's language). */
function FormRule(name: string, test: (value: unknown) => boolean, message: () => string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: (value: unknown) => test(value), defaultMessage: message },
    });
}

const filled = (v: unknown): boolean => typeof v === 'string' && v !== '';

/** A seat every board has: a member must be chosen. */
const RequiredSeat = (field: SeatField): PropertyDecorator =>
  FormRule('requiredSeat', filled, () =>
    localMessage('validation.constitution.seat', {
      seat: localText(`constitution.seat.${field}`),
    }),
  );

/** The seats of a board form: the three officers, then two directors and two substitutes (empty: no seat). */
class SeatsFormDto {
  // Decorators apply from the one nearest the property up: @IsString() last, so a value that is not a text is told
  // so first (one message per field, API.md); a required seat has only its rule, which also refuses a non-text.
  @RequiredSeat('president') president: string;
  @RequiredSeat('secretary') secretary: string;
  @RequiredSeat('treasurer') treasurer: string;
  @IsOptional() @MaxLength(40) @IsString() director1?: string;
  @IsOptional() @MaxLength(40) @IsString() director2?: string;
  @IsOptional() @MaxLength(40) @IsString() substitute1?: string;
  @IsOptional() @MaxLength(40) @IsString() substitute2?: string;
  /** The checkbox of the seats' one declaration (DOM-ORG-5): `on` when ticked. */
  @IsOptional() @MaxLength(10) @IsString() declaredEligible?: string;
}

/** The ticks of a list of checkboxes: none, one (a text) or several (a list). */
const ticks = ({ value }: { value: unknown }): unknown =>
  value === undefined || value === '' ? [] : typeof value === 'string' ? [value] : value;

/** POST /organizaciones/:id/constitucion/asamblea: the constitutive assembly as recorded by the officer. */
export class AssemblyFormDto extends SeatsFormDto {
  // the refusals in the order the page always gave them: the statutes, the date, then each missing seat
  @FormRule('statutesApproved', (v) => v === 'on', () => localMessage('validation.constitution.statutesApproved'))
  statutesApproved: string;
  @MaxLength(40)
  @FormRule('assemblyAt', filled, () => localMessage('validation.constitution.assemblyAt'))
  assemblyAt: string;
  /** Left empty, the service says it is required (as it always did). */
  @IsOptional() @MaxLength(300) @IsString() place?: string;
  /** The founders present: membership ids (the service checks each one). */
  @Transform(ticks)
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @IsArray()
  founders: string[];
}

/** POST /organizaciones/:id/directorio/nuevo: a new board, its term as the API's (kind, startsOn, endsOn). */
export class BoardFormDto extends IntersectionType(
  PickType(BoardTermDto, ['kind', 'startsOn', 'endsOn'] as const),
  SeatsFormDto,
) {}

/** The seats a board form describes (empty selects are no seat); every seat carries the form's one declaration. */
export function seatsFromForm(dto: Partial<Record<SeatField | 'declaredEligible', string>>): SeatDto[] {
  const declared = dto.declaredEligible === 'on';
  return SEAT_FIELDS.filter((s) => dto[s.field]).map((s) => ({
    position: s.position,
    memberId: dto[s.field] as string,
    ...(s.rank ? { rank: s.rank } : {}),
    declaredEligible: declared,
  }));
}
