import type { AccessRows, Expect } from './shared';

/**
 * The registry's export with contacts (issue 20 item 7): a municipal officer (their own communes: Melipilla's gets
 * its own, empty registry) and the administration; everyone else 403, anonymous to the login page.
 */
const EXPORT: Expect = {
  anonymous: 303,
  admin: 200,
  officerOwn: 200,
  officerOther: 200,
  faithMinister: 403,
  plainUser: 403,
  assocOfficer: 403,
  assocMember: 403,
  progOfficer: 403,
  progOther: 403,
};

export const REGISTRY_EXPORT_ACCESS_ROWS: AccessRows = {
  async setup() {},
  cases() {
    return [
      { method: 'GET', path: '/organizaciones/exportar.csv', route: '/organizaciones/exportar.csv', expect: EXPORT },
      { method: 'GET', path: '/organizaciones/exportar.xlsx', route: '/organizaciones/exportar.xlsx', expect: EXPORT },
    ];
  },
};
