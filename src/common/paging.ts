import { type FieldError, ModuleException, ValidationFailedException } from './errors/domain.exception';
import { defineMessages, type LocalizedText } from './i18n/messages';

/** The refusal of a bad page (issue 16 item 6): Spanish as always, English beside it. */
const pagingTexts = defineMessages({
  integerBetween: {
    es: 'El campo {field} debe ser un número entero entre 1 y {max}.',
    en: 'The field {field} must be a whole number between 1 and {max}.',
  },
});

/** "entre 1 y 100.000" / "between 1 and 100,000": the limit grouped as each language writes it. */
function integerBetween(field: string, max: number): LocalizedText {
  return {
    es: pagingTexts.integerBetween({ field, max: max.toLocaleString('es-CL') }).es,
    en: pagingTexts.integerBetween({ field, max: max.toLocaleString('en-GB') }).en,
  };
}

/** API.md lists: `?page=&pageSize=` (default 50, max 200); a bad value is a 400 naming the field. */
export function paging(input: { page?: string | number; pageSize?: string | number }): {
  limit: number;
  offset: number;
} {
  const page = input.page === undefined || input.page === '' ? 1 : Number(input.page);
  const size = input.pageSize === undefined || input.pageSize === '' ? 50 : Number(input.pageSize);
  const errors: FieldError[] = [];
  if (!Number.isInteger(page) || page < 1 || page > 100_000)
    errors.push(ModuleException.fieldError('page', integerBetween('page', 100_000)));
  if (!Number.isInteger(size) || size < 1 || size > 200)
    errors.push(ModuleException.fieldError('pageSize', integerBetween('pageSize', 200)));
  if (errors.length) throw new ValidationFailedException(errors);
  return { limit: size, offset: (page - 1) * size };
}
