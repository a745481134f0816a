import type { AccessRows, Expect } from './shared';

/** The calendar is public (ARCHITECTURE §6): everyone reads it, signed in or not. */
const PUBLIC: Expect = {
  anonymous: 200,
  admin: 200,
  officerOwn: 200,
  officerOther: 200,
  faithMinister: 200,
  plainUser: 200,
  assocOfficer: 200,
  assocMember: 200,
  progOfficer: 200,
  progOther: 200,
};

/**
 * Writing calls (DOM-FND-1): the roles that create calls reach the service (`act`); who holds none of them gets 403
 * at the door. `extra` says what the service answers the ones whose territory does not fit.
 */
const WRITE = (anonymous: number, act: number, extra: Expect = {}): Expect => ({
  anonymous,
  plainUser: 403,
  faithMinister: 403,
  assocOfficer: 403,
  assocMember: 403,
  admin: act,
  progOfficer: act,
  officerOwn: act,
  officerOther: act,
  progOther: act,
  ...extra,
});

/** Anyone signed in acts on their own things (their subscriptions, their calendar address). */
const SIGNED_IN = (anonymous: number, act: number): Expect => ({
  anonymous,
  admin: act,
  officerOwn: act,
  officerOther: act,
  faithMinister: act,
  plainUser: act,
  assocOfficer: act,
  assocMember: act,
  progOfficer: act,
  progOther: act,
});

const CALL = {
  institutionName: 'Gobierno Regional de Coquimbo',
  name: 'Fondo de seguridad de la matriz',
  year: 2026,
  scope: 'regional',
  regionCodes: ['04'],
  category: 'security',
  targetApplicant: 'organizations',
  opensAt: '2026-05-04T09:00',
  closesAt: '2026-06-05T14:00',
  requirements: { boardInForce: true },
};

/** The fund calls and calendar routes in the access matrix (issue 18). */
export const FUND_CALL_ACCESS_ROWS: AccessRows = {
  setup: async (ctx, ids, tokens) => {
    // an upcoming regional call of the matrix's program (Coquimbo), created by its officer
    const call = await ctx.http
      .post('/api/v1/fund-calls')
      .set({ Authorization: `Bearer ${tokens.progOfficer}` })
      .send(CALL)
      .expect(201);
    ids.fundCall = (call.body as { id: string }).id;
    // the association's calendar address, made by its officer
    const feed = await ctx.http
      .post('/api/v1/fund-feeds')
      .set({ Authorization: `Bearer ${tokens.assocOfficer}` })
      .send({ associationId: ids.assoc })
      .expect(201);
    ids.fundFeed = (feed.body as { id: string }).id;
  },
  cases: (ids) => [
    // delivery (DOM-FND-3): reminders of a call, calendar addresses; the feed answers only behind its secret
    {
      method: 'POST',
      path: `/api/v1/fund-calls/${ids.fundCall}/subscription`,
      route: '/api/v1/fund-calls/:id/subscription',
      expect: SIGNED_IN(401, 201),
    },
    {
      method: 'DELETE',
      path: `/api/v1/fund-calls/${ids.fundCall}/subscription`,
      route: '/api/v1/fund-calls/:id/subscription',
      expect: SIGNED_IN(401, 200),
    },
    { method: 'POST', path: '/api/v1/fund-feeds', route: '/api/v1/fund-feeds', expect: SIGNED_IN(401, 201) },
    {
      // an association's address: its officers (and the administration) revoke it; the municipality and a program
      // officer read the association but do not act for it (403); outside its scope, 404
      method: 'DELETE',
      path: `/api/v1/fund-feeds/${ids.fundFeed}`,
      route: '/api/v1/fund-feeds/:id',
      expect: {
        anonymous: 401,
        assocOfficer: 200,
        admin: 200,
        officerOwn: 403,
        officerOther: 404,
        faithMinister: 403,
        plainUser: 404,
        assocMember: 403,
        progOfficer: 403,
        progOther: 404,
      },
    },
    {
      method: 'GET',
      path: '/fondos/calendario/abcdefghijklmnopqrstuvwxyz012345.ics',
      route: '/fondos/calendario/:token.ics',
      expect: { ...PUBLIC, ...Object.fromEntries(Object.keys(PUBLIC).map((k) => [k, 404])) },
    },
    {
      method: 'POST',
      path: `/fondos/${ids.fundCall}/avisos`,
      route: '/fondos/:id/avisos',
      body: { subscribe: 'no' },
      expect: SIGNED_IN(303, 303),
    },
    { method: 'GET', path: '/mis-fondos', route: '/mis-fondos', expect: SIGNED_IN(303, 200) },
    {
      method: 'POST',
      path: '/mis-fondos',
      route: '/mis-fondos',
      body: { action: 'revoke' },
      expect: SIGNED_IN(303, 303),
    },
    // the pages: the calendar and a call's page are public; the forms need a role that creates calls
    { method: 'GET', path: '/fondos', route: '/fondos', expect: PUBLIC },
    { method: 'GET', path: `/fondos/${ids.fundCall}`, route: '/fondos/:id', expect: PUBLIC },
    { method: 'GET', path: '/fondos/nuevo', route: '/fondos/nuevo', expect: WRITE(303, 200) },
    // an empty form: refused naming the fields (400), nothing written
    { method: 'POST', path: '/fondos/nuevo', route: '/fondos/nuevo', expect: WRITE(303, 400) },
    { method: 'GET', path: '/fondos/importar', route: '/fondos/importar', expect: WRITE(303, 200) },
    // an empty file: 422 with its line, nothing written
    { method: 'POST', path: '/fondos/importar', route: '/fondos/importar', expect: WRITE(303, 422) },
    {
      method: 'GET',
      path: `/fondos/${ids.fundCall}/editar`,
      route: '/fondos/:id/editar',
      expect: WRITE(303, 200, { officerOwn: 403, officerOther: 403, progOther: 403 }),
    },
    {
      method: 'POST',
      path: `/fondos/${ids.fundCall}/editar`,
      route: '/fondos/:id/editar',
      body: { ...CALL, regionCodes: '04', requirements: undefined, reqBoardInForce: 'on' },
      expect: WRITE(303, 303, { officerOwn: 403, officerOther: 403, progOther: 403 }),
    },
    { method: 'GET', path: '/api/v1/fund-calls', route: '/api/v1/fund-calls', expect: PUBLIC },
    { method: 'GET', path: `/api/v1/fund-calls/${ids.fundCall}`, route: '/api/v1/fund-calls/:id', expect: PUBLIC },
    {
      method: 'GET',
      path: '/api/v1/fund-calls/template.csv',
      route: '/api/v1/fund-calls/template.:format',
      expect: PUBLIC,
    },
    {
      // the same call again: who may create a regional call of Coquimbo reaches the service, which refuses the
      // duplicate (400) and creates nothing; municipal officers create only communal calls, another program's
      // officer only in its own territory (403)
      method: 'POST',
      path: '/api/v1/fund-calls',
      route: '/api/v1/fund-calls',
      body: CALL,
      expect: WRITE(401, 400, { officerOwn: 403, officerOther: 403, progOther: 403 }),
    },
    {
      // an empty file: refused (422) for the roles that import, with nothing written
      method: 'POST',
      path: '/api/v1/fund-calls/import',
      route: '/api/v1/fund-calls/import',
      expect: WRITE(401, 422),
    },
    {
      // the call's own program officer and the admin edit it while upcoming; officers of other scopes see it (it is
      // public) but may not edit it
      method: 'PATCH',
      path: `/api/v1/fund-calls/${ids.fundCall}`,
      route: '/api/v1/fund-calls/:id',
      body: { description: 'Cámaras y luminarias' },
      expect: WRITE(401, 200, { officerOwn: 403, officerOther: 403, progOther: 403 }),
    },
  ],
};
