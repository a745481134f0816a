import { Transform } from 'class-transformer';

/** HTML forms send empty strings for empty fields: optional fields treat them as absent. */
export const emptyToUndefined = () =>
  Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));

/** A form checkbox ("on"/"true") or a JSON boolean. */
export const checkbox = () =>
  Transform(({ value }) =>
    value === true || value === 'on' || value === 'true' || value === '1'
      ? true
      : value === false || value === 'false' || value === '0' || value === ''
        ? false
        : value,
  );
