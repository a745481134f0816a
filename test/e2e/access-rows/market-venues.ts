import { type AccessRows, GET, POST, PROGRAM, SIGNED_IN } from './shared';

/**
 * A market venue of the matrix's program (issue 19): the administration and the program's officers manage it; an
 * officer of another program, and everyone else, gets 404 (API.md: outside the scope is 404).
 */
const VENUE = PROGRAM;

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
      POST('/api/v1/market-venues', VENUE(401, 201), [], venueBody),
      GET('/api/v1/market-venues', SIGNED_IN(401, 200)),
      GET('/api/v1/market-venues/:id?month=2026-05', VENUE(401, 200), [v]),
      // the admin applies first; the program's officer then meets the same application (409): both may apply
      POST('/api/v1/market-venues/:id/applications', VENUE(401, 201, { progOfficer: 409 }), [v], {
        beneficiaryId: ids.beneficiary,
        month: '2026-05',
      }),
      GET('/api/v1/market-venues/:id/applications?month=2026-05', VENUE(401, 200), [v]),
      POST('/api/v1/market-venues/:id/allocations', VENUE(401, 200), [v], { month: '2026-05' }),
      GET('/api/v1/market-venues/:id/allocations/:month', VENUE(401, 200), [v, '2026-05']),
      GET('/programas/:id/semanas-de-venta', VENUE(303, 200), [ids.program]),
      POST('/programas/:id/semanas-de-venta', VENUE(303, 303), [ids.program], {
        name: 'Feria del formulario',
        address: 'Calle Prat 2',
        communeCode: '04101',
        standsPerWeek: 3,
      }),
      GET('/semanas-de-venta', SIGNED_IN(303, 200)),
      GET('/semanas-de-venta/:id?mes=2026-05', VENUE(303, 200), [v]),
      POST('/semanas-de-venta/:id/postulaciones?mes=2026-06', VENUE(303, 303, { progOfficer: 409 }), [v], {
        beneficiaryId: ids.beneficiary,
        month: '2026-06',
      }),
      POST('/semanas-de-venta/:id/sorteo', VENUE(303, 303), [v], { month: '2026-06' }),
      GET('/mis-semanas/postular', SIGNED_IN(303, 200)),
      // an entrepreneur applies for their own business; nobody here is one: the form refuses the venue (400),
      // while the venue's managers may apply for the program's beneficiaries (the admin first, then 409)
      POST(
        '/mis-semanas/postular',
        {
          ...VENUE(303, 303, { progOfficer: 409 }),
          officerOwn: 400,
          officerOther: 400,
          faithMinister: 400,
          plainUser: 400,
          assocOfficer: 400,
          assocMember: 400,
          progOther: 400,
        },
        [],
        { beneficiaryId: ids.beneficiary, venueId: v, month: '2026-07' },
      ),
    ];
  },
};
