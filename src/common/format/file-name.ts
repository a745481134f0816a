import { foldForSearch } from '../text';

/**
 * The names of downloaded files (issue 20 item 8): the document, the date and the organisation (or the table, the
 * program, the venue), e.g. `acta-2026-03-10-barrio-patrimonial.pdf`. ASCII only, no spaces, so a phone, Windows
 * and a mail attachment keep it as it is. Every download of the portal names its file here.
 */

/** `Barrio Patrimonial La Serena` -> `barrio-patrimonial-la-serena` (accents dropped, at most `max` characters). */
export function slugify(text: string | null | undefined, max = 60): string {
  return foldForSearch(text ?? '')
    .replace(/ñ/g, 'n')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

/**
 * `downloadName('acta', '2026-03-10', 'Barrio Patrimonial', 'pdf')` -> `acta-2026-03-10-barrio-patrimonial.pdf`.
 * The date is a calendar date (`yyyy-mm-dd`) or a month (`yyyy-mm`); empty parts are left out.
 */
export function downloadName(
  document: string,
  date: string | null | undefined,
  owner: string | null | undefined,
  extension: string,
): string {
  const parts = [slugify(document, 40) || 'documento', date && /^\d{4}-\d{2}(-\d{2})?$/.test(date) ? date : '']
    .concat(slugify(owner))
    .filter((p) => p);
  return `${parts.join('-')}.${slugify(extension, 8) || 'bin'}`;
}

/**
 * The Content-Disposition header of a download: the name made ASCII (quotes and controls cannot break the header),
 * with the UTF-8 name alongside for names kept from before (RFC 6266).
 */
export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii =
    foldForSearch(filename)
      .replace(/ñ/g, 'n')
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'documento';
  return ascii === filename
    ? `${disposition}; filename="${ascii}"`
    : `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
