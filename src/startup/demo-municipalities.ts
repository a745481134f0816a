/**
 * The municipalities of the five stories in DOMAIN.md §1b, onboarded in the demo. Offices are the ones that
 * work with community organisations in each story.
 */
export const DEMO_MUNICIPALITIES: { communeCode: string; officeName: string; story: string }[] = [
  // 1 and 3: La Serena merchants and the La Serena security plan
  {
    communeCode: '04101',
    officeName: 'Dirección de Desarrollo Comunitario (DIDECO)',
    story: 'Barrio Patrimonial La Serena; plan de seguridad',
  },
  // 2: AMRA, the Antofagasta region's security directors
  { communeCode: '02101', officeName: 'Dirección de Seguridad Pública', story: 'AMRA' },
  { communeCode: '02102', officeName: 'Dirección de Seguridad Pública', story: 'AMRA (sede de la reunión)' },
  { communeCode: '02103', officeName: 'Dirección de Seguridad Pública', story: 'AMRA' },
  { communeCode: '02104', officeName: 'Dirección de Seguridad Pública', story: 'AMRA' },
  { communeCode: '02202', officeName: 'Dirección de Seguridad Pública', story: 'AMRA (en línea)' },
  { communeCode: '02203', officeName: 'Dirección de Seguridad Pública', story: 'AMRA' },
  { communeCode: '02301', officeName: 'Dirección de Seguridad Pública', story: 'AMRA (en línea)' },
  // 4: El Porvenir (Trujillo, Peru)
  { communeCode: 'PE-130102', officeName: 'Gerencia de Seguridad Ciudadana', story: 'Barrios seguros' },
  // 5: Melipilla provincial productive-development and tourism table
  {
    communeCode: '13501',
    officeName: 'Oficina de Fomento Productivo',
    story: 'Mesa Provincial de Fomento Productivo y Turismo',
  },
  {
    communeCode: '13504',
    officeName: 'Oficina de Fomento Productivo',
    story: 'Mesa Provincial de Fomento Productivo y Turismo',
  },
];
