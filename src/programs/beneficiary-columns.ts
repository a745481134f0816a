/** The beneficiaries' file (DOM-PRG-2): its columns, Spanish first, shared by the template, the export and the import. */

/** The beneficiaries file's columns (import and export), Spanish first; the API's names are accepted too. */
export const COLUMNS = {
  rut: ['rut'],
  dni: ['dni'],
  fullName: ['nombre', 'nombre completo', 'fullname'],
  birthDate: ['fecha de nacimiento', 'nacimiento', 'birthdate'],
  businessName: ['negocio', 'nombre del negocio', 'businessname'],
  businessCategory: ['rubro', 'categoria', 'businesscategory'],
  ownerSex: ['sexo', 'sexo de quien lo dirige', 'ownersex'],
  address: ['direccion', 'address'],
  communeCode: ['comuna', 'codigo comuna', 'communecode'],
  enrolledOn: ['fecha de inscripcion', 'inscripcion', 'enrolledon'],
} as const;
/** Columns of an export that an import reads past (so an export imports back as it is). */
export const EXPORT_ONLY = ['organizacion', 'origen'];
export const TEMPLATE_HEADER = [
  'rut',
  'nombre',
  'fecha de nacimiento',
  'negocio',
  'rubro',
  'sexo',
  'dirección',
  'comuna',
  'fecha de inscripción',
];
export const SEX_OUT: Record<string, string> = {
  female: 'femenino',
  male: 'masculino',
  other: 'otro',
  undisclosed: 'no informa',
};
export const SEX_IN: Record<string, string> = {
  femenino: 'female',
  mujer: 'female',
  f: 'female',
  female: 'female',
  masculino: 'male',
  hombre: 'male',
  m: 'male',
  male: 'male',
  otro: 'other',
  other: 'other',
  'no informa': 'undisclosed',
  'prefiere no decir': 'undisclosed',
  undisclosed: 'undisclosed',
  '': 'undisclosed',
};
