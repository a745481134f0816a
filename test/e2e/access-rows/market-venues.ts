import type { AccessRows, Expect } from './shared';

/**
 * A market venue of the matrix's program (issue 19): the administration and the program's officers manage it; an
 * officer of another program, and everyone else, gets 404 (API.md: outside the scope is 404).
 */
const VENUE = (anonymous: number, act: number, extra: Expect = {}): Expect => ({
  anonymous,
  admin: act,
  officerOwn: 404,
  officerOther: 404,
  faithMinister: 404,
  plainUser: 404,
  assocOfficer: 404,
  assocMember: 404,
  progOfficer: act,
  progOther: 404,
  ...extra,
});
/** Anyone signed in (their own list, possibly empty). */
const SIGNED_IN = (anonymous: number): Expect => ({
  anonymous,
  admin: 200,
  officerOwn: 200,
  officerOther: 200,
  faithMinister: 200,
  plainUser: 200,
  assocOfficer: 200,
  assocMember: 200,
  progOfficer: 200,
  progOther: 200,
});

/** The market venues, applications and draft routes in the access matrix (issue 19). */
export const MARKET_VENUE_ACCESS_ROWS: AccessRows = {
  setup: async (ctx, ids, tokens) => {
    const venue = await ctx.http
      .post('/api/v1/market-venues')
      .set({ Authorization: `Bearer ${tokens.admin}` })
      .send({
        name: 'Feria de la matriz',
        address: 'Plaza',
        communeCode: '04101',
        programId: ids.program,
        standsPerWeek: 2,
      })
      .expect(201);
    ids.marketVenue = (venue.body as { id: string }).id;
  },
  cases: (ids) => {
    const venueBody = {
      name: 'Otra feria',
      address: 'Calle Prat 1',
      communeCode: '04101',
      programId: ids.program,
      standsPerWeek: 3,
    };
    const v = ids.marketVenue;
    return [
      {
        method: 'POST',
        path: '/api/v1/market-venues',
        route: '/api/v1/market-venues',
        expect: VENUE(401, 201),
        body: venueBody,
      },
      { method: 'GET', path: '/api/v1/market-venues', route: '/api/v1/market-venues', expect: SIGNED_IN(401) },
      {
        method: 'GET',
        path: `/api/v1/market-venues/${v}?month=2026-05`,
        route: '/api/v1/market-venues/:id',
        expect: VENUE(401, 200),
      },
      {
        // the admin applies first; the program's officer then meets the same application (409): both may apply
        method: 'POST',
        path: `/api/v1/market-venues/${v}/applications`,
        route: '/api/v1/market-venues/:id/applications',
        expect: VENUE(401, 201, { progOfficer: 409 }),
        body: { beneficiaryId: ids.beneficiary, month: '2026-05' },
      },
      {
        method: 'GET',
        path: `/api/v1/market-venues/${v}/applications?month=2026-05`,
        route: '/api/v1/market-venues/:id/applications',
        expect: VENUE(401, 200),
      },
      {
        method: 'POST',
        path: `/api/v1/market-venues/${v}/allocations`,
        route: '/api/v1/market-venues/:id/allocations',
        expect: VENUE(401, 200),
        body: { month: '2026-05' },
      },
      {
        method: 'GET',
        path: `/api/v1/market-venues/${v}/allocations/2026-05`,
        route: '/api/v1/market-venues/:id/allocations/:month',
        expect: VENUE(401, 200),
      },
      {
        method: 'GET',
        path: `/programas/${ids.program}/semanas-de-venta`,
        route: '/programas/:id/semanas-de-venta',
        expect: VENUE(303, 200),
      },
      {
        method: 'POST',
        path: `/programas/${ids.program}/semanas-de-venta`,
        route: '/programas/:id/semanas-de-venta',
        expect: VENUE(303, 303),
        body: { name: 'Feria del formulario', address: 'Calle Prat 2', communeCode: '04101', standsPerWeek: 3 },
      },
      { method: 'GET', path: '/semanas-de-venta', route: '/semanas-de-venta', expect: SIGNED_IN(303) },
      {
        method: 'GET',
        path: `/semanas-de-venta/${v}?mes=2026-05`,
        route: '/semanas-de-venta/:id',
        expect: VENUE(303, 200),
      },
      {
        method: 'POST',
        path: `/semanas-de-venta/${v}/postulaciones?mes=2026-06`,
        route: '/semanas-de-venta/:id/postulaciones',
        expect: VENUE(303, 303, { progOfficer: 409 }),
        body: { beneficiaryId: ids.beneficiary, month: '2026-06' },
      },
      {
        method: 'POST',
        path: `/semanas-de-venta/${v}/sorteo`,
        route: '/semanas-de-venta/:id/sorteo',
        expect: VENUE(303, 303),
        body: { month: '2026-06' },
      },
      { method: 'GET', path: '/mis-semanas/postular', route: '/mis-semanas/postular', expect: SIGNED_IN(303) },
      {
        // an entrepreneur applies for their own business; nobody here is one: the form refuses the venue (400),
        // while the venue's managers may apply for the program's beneficiaries (the admin first, then 409)
        method: 'POST',
        path: '/mis-semanas/postular',
        route: '/mis-semanas/postular',
        expect: {
          ...VENUE(303, 303, { progOfficer: 409 }),
          officerOwn: 400,
          officerOther: 400,
          faithMinister: 400,
          plainUser: 400,
          assocOfficer: 400,
          assocMember: 400,
          progOther: 400,
        },
        body: { beneficiaryId: ids.beneficiary, venueId: v, month: '2026-07' },
      },
    ];
  },
};
