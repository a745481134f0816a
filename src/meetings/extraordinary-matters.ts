/**
 * DOM-MTG-2: the matters an association may decide only in an extraordinary meeting (DOMAIN.md: statute reforms,
 * dissolution, property, the first definitive board, the exclusion of members; reference JV-51). An agenda point
 * may name one; a point naming one is refused on any other kind of meeting.
 */
export const EXTRAORDINARY_MATTERS = [
  'statute_reform',
  'dissolution',
  'real_estate',
  'first_definitive_board',
  'member_exclusion',
] as const;

export type ExtraordinaryMatter = (typeof EXTRAORDINARY_MATTERS)[number];

export const isExtraordinaryMatter = (value: unknown): value is ExtraordinaryMatter =>
  typeof value === 'string' && (EXTRAORDINARY_MATTERS as readonly string[]).includes(value);

/** The matter as the pages, the convocation and the acta name it. */
export const MATTER_LABELS: Record<ExtraordinaryMatter, { es: string; en: string }> = {
  statute_reform: { es: 'reforma de los estatutos', en: 'reform of the statutes' },
  dissolution: { es: 'disolución de la organización', en: 'dissolution of the organisation' },
  real_estate: { es: 'compra, venta o gravamen de bienes raíces', en: 'buying, selling or mortgaging real estate' },
  first_definitive_board: {
    es: 'elección del primer directorio definitivo',
    en: 'election of the first definitive board',
  },
  member_exclusion: { es: 'exclusión de socios', en: 'exclusion of members' },
};
