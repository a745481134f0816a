import { type FieldError, ValidationFailedException } from './errors/domain.exception';

/** API.md lists: `?page=&pageSize=` (default 50, max 200); a bad value is a 400 naming the field. */
export function paging(input: { page?: string | number; pageSize?: string | number }): {
  limit: number;
  offset: number;
} {
  const page = input.page === undefined || input.page === '' ? 1 : Number(input.page);
  const size = input.pageSize === undefined || input.pageSize === '' ? 50 : Number(input.pageSize);
  const errors: FieldError[] = [];
  if (!Number.isInteger(page) || page < 1 || page > 100_000)
    errors.push({ field: 'page', message: 'El campo page debe ser un número entero entre 1 y 100.000.' });
  if (!Number.isInteger(size) || size < 1 || size > 200)
    errors.push({ field: 'pageSize', message: 'El campo pageSize debe ser un número entero entre 1 y 200.' });
  if (errors.length) throw new ValidationFailedException(errors);
  return { limit: size, offset: (page - 1) * size };
}
