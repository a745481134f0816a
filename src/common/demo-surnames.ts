/**
 * The commonest Chilean surnames, most frequent first: the demo data (src/associations, src/programs) and the
 * benchmark's generated roster (bench/run.ts) draw their people's names from this one list.
 */
export const COMMON_SURNAMES = [
  'González',
  'Muñoz',
  'Rojas',
  'Díaz',
  'Pérez',
  'Soto',
  'Contreras',
  'Silva',
  'Martínez',
  'Sepúlveda',
  'Morales',
  'Rodríguez',
  'López',
  'Fuentes',
  'Hernández',
  'Torres',
  'Araya',
  'Flores',
  'Espinoza',
  'Valenzuela',
  'Castillo',
  'Tapia',
];
