export type CountryCode = 'CL' | 'PE';
