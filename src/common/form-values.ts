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

/** A form's list typed one per line (or separated by commas), or a JSON array. */
export const lineList = () =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(/\r?\n|,/)
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  );

/** Whole CLP: digits (a form may write 1.500.000 or $1.500.000), never decimals or negatives (DOM-FMT-1). */
export const clp = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const t = value.trim().replace(/^\$\s*/, '');
    return /^\d{1,3}(\.\d{3})+$/.test(t) ? Number(t.replace(/\./g, '')) : /^\d+$/.test(t) ? Number(t) : value;
  });
