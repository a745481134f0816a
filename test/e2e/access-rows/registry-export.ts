import { type AccessRows, EVERYONE, type Expect, GET } from './shared';

/**
 * The registry's export with contacts (issue 20 item 7): a municipal officer (their own communes: Melipilla's gets
 * its own, empty registry) and the administration; everyone else 403, anonymous to the login page.
 */
const EXPORT: Expect = { ...EVERYONE(403), anonymous: 303, admin: 200, officerOwn: 200, officerOther: 200 };

export const REGISTRY_EXPORT_ACCESS_ROWS: AccessRows = {
  async setup() {},
  cases() {
    return [GET('/organizaciones/exportar.csv', EXPORT), GET('/organizaciones/exportar.xlsx', EXPORT)];
  },
};
