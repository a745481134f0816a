/** Lowercase without accents: the key used for Spanish search and ordering (no ICU collations on PGlite). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `…?token=abc` -> `…?token=[oculto]`: single-use link tokens (and the secret paths of calendar feeds and shared
 * boards) never show in logs, audit rows or on the outbox page. Also in
 * HTML, where Handlebars writes "=" as `&#x3D;` and "&" as `&amp;`.
 */
export function redactLinkTokens(text: string): string {
  return text
    .replace(/([?&](?:amp;)?token(?:=|&#x3D;|&#61;))[^&#"'\s<]*/gi, '$1[oculto]')
    .replace(/(\/calendario\/)[A-Za-z0-9_-]+(\.ics)/g, '$1[oculto]$2')
    .replace(/(\/mesas\/compartida\/)[^/?#\s"'<]+/g, '$1[oculto]');
}

/** C0 control characters other than tab, line feed and carriage return (PostgreSQL refuses NUL in text). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
