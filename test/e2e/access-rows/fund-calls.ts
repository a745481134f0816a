import { type AccessRows, DELETE, EVERYONE, type Expect, GET, PATCH, POST, SIGNED_IN } from './shared';

/** The calendar is public (ARCHITECTURE §6): everyone reads it, signed in or not. */
const PUBLIC: Expect = EVERYONE(200);

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
    POST('/api/v1/fund-calls/:id/subscription', SIGNED_IN(401, 201), [ids.fundCall]),
    DELETE('/api/v1/fund-calls/:id/subscription', SIGNED_IN(401, 200), [ids.fundCall]),
    POST('/api/v1/fund-feeds', SIGNED_IN(401, 201)),
    // an association's address: its officers (and the administration) revoke it; the municipality and a program
    // officer read the association but do not act for it (403); outside its scope, 404
    DELETE(
      '/api/v1/fund-feeds/:id',
      {
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
      [ids.fundFeed],
    ),
    GET(
      '/fondos/calendario/:token.ics',
      { ...PUBLIC, ...Object.fromEntries(Object.keys(PUBLIC).map((k) => [k, 404])) },
      ['abcdefghijklmnopqrstuvwxyz012345'],
    ),
    POST('/fondos/:id/avisos', SIGNED_IN(303, 303), [ids.fundCall], { subscribe: 'no' }),
    GET('/mis-fondos', SIGNED_IN(303, 200)),
    POST('/mis-fondos', SIGNED_IN(303, 303), [], { action: 'revoke' }),
    // the pages: the calendar and a call's page are public; the forms need a role that creates calls
    GET('/fondos', PUBLIC),
    GET('/fondos/:id', PUBLIC, [ids.fundCall]),
    GET('/fondos/nuevo', WRITE(303, 200)),
    // an empty form: refused naming the fields (400), nothing written
    POST('/fondos/nuevo', WRITE(303, 400)),
    GET('/fondos/importar', WRITE(303, 200)),
    // an empty file: 422 with its line, nothing written
    POST('/fondos/importar', WRITE(303, 422)),
    GET('/fondos/:id/editar', WRITE(303, 200, { officerOwn: 403, officerOther: 403, progOther: 403 }), [ids.fundCall]),
    POST(
      '/fondos/:id/editar',
      WRITE(303, 303, { officerOwn: 403, officerOther: 403, progOther: 403 }),
      [ids.fundCall],
      { ...CALL, regionCodes: '04', requirements: undefined, reqBoardInForce: 'on' },
    ),
    GET('/api/v1/fund-calls', PUBLIC),
    GET('/api/v1/fund-calls/:id', PUBLIC, [ids.fundCall]),
    GET('/api/v1/fund-calls/template.:format', PUBLIC, ['csv']),
    // the same call again: who may create a regional call of Coquimbo reaches the service, which refuses the
    // duplicate (400) and creates nothing; municipal officers create only communal calls, another program's
    // officer only in its own territory (403)
    POST('/api/v1/fund-calls', WRITE(401, 400, { officerOwn: 403, officerOther: 403, progOther: 403 }), [], CALL),
    // an empty file: refused (422) for the roles that import, with nothing written
    POST('/api/v1/fund-calls/import', WRITE(401, 422)),
    // the call's own program officer and the admin edit it while upcoming; officers of other scopes see it (it is
    // public) but may not edit it
    PATCH(
      '/api/v1/fund-calls/:id',
      WRITE(401, 200, { officerOwn: 403, officerOther: 403, progOther: 403 }),
      [ids.fundCall],
      { description: 'Cámaras y luminarias' },
    ),
  ],
};
