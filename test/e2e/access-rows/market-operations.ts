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
/** The same answer for everyone, signed in or not (public pages; unknown secret links). */
const EVERYONE = (status: number): Expect => ({
  anonymous: status,
  admin: status,
  officerOwn: status,
  officerOther: status,
  faithMinister: status,
  plainUser: status,
  assocOfficer: status,
  assocMember: status,
  progOfficer: status,
  progOther: status,
});
/** Anyone signed in; the page says when they have no business of a program. */
const SIGNED_IN = (anonymous: number, status: number): Expect => ({ ...EVERYONE(status), anonymous });

const BOGUS_TOKEN = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The market publishing, offers, attendance and outputs routes in the access matrix (issue 19). */
export const MARKET_OPERATION_ACCESS_ROWS: AccessRows = {
  setup: async (ctx, ids, tokens) => {
    const admin = { Authorization: `Bearer ${tokens.admin}` };
    // a venue of its own (the venues' rows run drafts on theirs), two stands a week
    const venue = await ctx.http
      .post('/api/v1/market-venues')
      .set(admin)
      .send({
        name: 'Feria de operaciones',
        address: 'Plaza',
        communeCode: '04101',
        programId: ids.program,
        standsPerWeek: 2,
      })
      .expect(201);
    const v = (venue.body as { id: string }).id;
    ids.marketOpsVenue = v;
    const beneficiary = async (rut: string, name: string) =>
      (
        await ctx.http
          .post(`/api/v1/programs/${ids.program}/beneficiaries`)
          .set(admin)
          .send({
            rut,
            fullName: name,
            businessName: `Negocio de ${name}`,
            businessCategory: 'Alimentos',
            ownerSex: 'female',
            communeCode: '04101',
            enrolledOn: '2026-03-01',
            consentTextVersion: 'beneficiario-2026-12',
          })
          .expect(201)
      ).body.id as string;
    const second = await beneficiary('22.222.222-2', 'Berta Rojas');
    const third = await beneficiary('33.333.333-3', 'Carla Díaz');
    // March 2026 published (today is Tuesday 17-03-2026), April drafted; the stands written as the draft writes them
    await ctx.query(
      `INSERT INTO market_month (venue_id, month, status, drafted_at, published_at)
       VALUES ($1, '2026-03', 'published', now(), now()), ($1, '2026-04', 'draft', now(), NULL)`,
      [v],
    );
    const slot = async (month: string, week: string, ends: string, stand: number, beneficiaryId: string) =>
      (
        await ctx.query<{ id: string }>(
          `INSERT INTO market_slot (venue_id, month, week_starts_on, week_ends_on, stand, beneficiary_id)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [v, month, week, ends, stand, beneficiaryId],
        )
      )[0].id;
    ids.marketSlotAttend = await slot('2026-03', '2026-03-09', '2026-03-15', 1, ids.beneficiary);
    ids.marketSlotCancel = await slot('2026-03', '2026-03-16', '2026-03-22', 1, second);
    ids.marketSlotCancelPage = await slot('2026-03', '2026-03-16', '2026-03-22', 2, third);
    await slot('2026-04', '2026-04-06', '2026-04-12', 1, ids.beneficiary);
  },
  cases: (ids) => {
    const v = ids.marketOpsVenue;
    return [
      {
        method: 'POST',
        path: `/api/v1/market-venues/${v}/allocations/2026-04/publish`,
        route: '/api/v1/market-venues/:id/allocations/:month/publish',
        // the first to publish does; the next is told it is published already
        expect: VENUE(401, 200, { progOfficer: 422 }),
      },
      {
        method: 'POST',
        path: `/api/v1/market-slots/${ids.marketSlotCancel}/cancel`,
        route: '/api/v1/market-slots/:id/cancel',
        expect: VENUE(401, 200, { progOfficer: 409 }),
        body: { reason: 'Enfermedad' },
      },
      {
        method: 'PUT',
        path: `/api/v1/market-slots/${ids.marketSlotAttend}/attendance`,
        route: '/api/v1/market-slots/:id/attendance',
        expect: VENUE(401, 200),
        body: { status: 'attended' },
      },
      {
        method: 'GET',
        path: `/api/v1/market-venues/${v}/schedule.pdf?month=2026-03`,
        route: '/api/v1/market-venues/:id/schedule.pdf',
        expect: VENUE(401, 200),
      },
      {
        method: 'GET',
        path: `/semanas/oferta/${BOGUS_TOKEN}`,
        route: '/semanas/oferta/:token',
        expect: EVERYONE(404),
      },
      {
        method: 'POST',
        path: `/semanas/oferta/${BOGUS_TOKEN}`,
        route: '/semanas/oferta/:token',
        expect: EVERYONE(404),
      },
      {
        method: 'POST',
        path: `/semanas/oferta/${BOGUS_TOKEN}/rechazar`,
        route: '/semanas/oferta/:token/rechazar',
        expect: EVERYONE(404),
      },
      {
        method: 'POST',
        path: `/semanas-de-venta/${v}/meses/2026-04/publicar`,
        route: '/semanas-de-venta/:id/meses/:month/publicar',
        // published, or refused as published already: back to the venue page either way
        expect: VENUE(303, 303),
      },
      {
        method: 'GET',
        path: `/semanas-de-venta/${v}/asistencia?mes=2026-03`,
        route: '/semanas-de-venta/:id/asistencia',
        expect: VENUE(303, 200),
      },
      {
        method: 'POST',
        path: `/semanas-de-venta/${v}/asistencia/${ids.marketSlotAttend}`,
        route: '/semanas-de-venta/:id/asistencia/:slotId',
        expect: VENUE(303, 303),
        body: { status: 'excused' },
      },
      {
        method: 'POST',
        path: `/semanas-de-venta/${v}/puestos/${ids.marketSlotCancelPage}/cancelar`,
        route: '/semanas-de-venta/:id/puestos/:slotId/cancelar',
        // the first cancels; the next sees the page again with the refusal (cancelled already)
        expect: VENUE(303, 303, { progOfficer: 409 }),
        body: { reason: 'Viaje' },
      },
      {
        method: 'GET',
        path: `/semanas-de-venta/${v}/programa.pdf?mes=2026-03`,
        route: '/semanas-de-venta/:id/programa.pdf',
        expect: VENUE(303, 200),
      },
      {
        method: 'GET',
        path: `/semanas-de-venta/${v}/publico/2026-03`,
        route: '/semanas-de-venta/:id/publico/:month',
        expect: EVERYONE(200),
      },
      { method: 'GET', path: '/mis-semanas', route: '/mis-semanas', expect: SIGNED_IN(303, 200) },
      // none of the matrix's callers holds a business: nothing to subscribe to
      {
        method: 'POST',
        path: '/mis-semanas/calendario',
        route: '/mis-semanas/calendario',
        expect: SIGNED_IN(303, 403),
      },
      {
        method: 'POST',
        path: '/mis-semanas/calendario/revocar',
        route: '/mis-semanas/calendario/revocar',
        expect: SIGNED_IN(303, 403),
      },
      {
        method: 'GET',
        path: `/mis-semanas/calendario/${BOGUS_TOKEN}.ics`,
        route: '/mis-semanas/calendario/:file',
        expect: EVERYONE(404),
      },
    ];
  },
};
