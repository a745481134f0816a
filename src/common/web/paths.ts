/**
 * Express matches routes without regard to case, so `/API/v1/me` reaches the `/api/v1/me` handler: every
 * decision taken from the path (API or page, session or token, CSRF) must ignore case too.
 */
export function isApiPath(path: string): boolean {
  return path.toLowerCase().startsWith('/api/');
}

export function hasPrefix(path: string, prefix: string): boolean {
  return path.toLowerCase().startsWith(prefix);
}
