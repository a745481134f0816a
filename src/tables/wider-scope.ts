/** A province or a region, as the pages' lists name them (its value says which: `province:041`, `region:04`). */
export interface WiderScope {
  value: string;
  level: 'province' | 'region';
  code: string;
  name: string;
}

/** `province:041` or `region:04` (a plain code is a commune: the form's commune options keep their codes). */
export function widerScopeOf(value: unknown): { level: 'province' | 'region'; code: string } | null {
  const m = typeof value === 'string' ? /^(province|region):([0-9A-Za-z]{1,12})$/.exec(value.trim()) : null;
  return m ? { level: m[1] as 'province' | 'region', code: m[2] } : null;
}
