/** Sercotec Coquimbo's 2026 program for the region's commercial neighbourhoods, as the API takes it (issue 17). */
export const COQUIMBO_PROGRAM = {
  name: 'Barrios Comerciales Coquimbo 2026',
  kind: 'associative',
  year: 2026,
  agencyName: 'Sercotec Coquimbo',
  regionCode: '04',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
};

/** A beneficiary the officer registers directly, who gives their own consent; each test adds the RUT. */
export const DIRECT_BENEFICIARY = {
  fullName: 'Luis Araya Tapia',
  businessName: 'Peluquería Estilo',
  businessCategory: 'Peluquería',
  ownerSex: 'male',
  communeCode: '04101',
  enrolledOn: '2026-03-02',
  consentTextVersion: 'beneficiario-2026-12',
};
