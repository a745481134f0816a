import { type AccessRows, EVERYONE, GET, POST, PROGRAM, PUT, SIGNED_IN } from './shared';

/**
 * A market venue of the matrix's program (issue 19): the administration and the program's officers manage it; an
 * officer of another program, and everyone else, gets 404 (API.md: outside the scope is 404).
 */
const VENUE = PROGRAM;

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
      // the first to publish does; the next is told it is published already
      POST('/api/v1/market-venues/:id/allocations/:month/publish', VENUE(401, 200, { progOfficer: 422 }), [
        v,
        '2026-04',
      ]),
      POST('/api/v1/market-slots/:id/cancel', VENUE(401, 200, { progOfficer: 409 }), [ids.marketSlotCancel], {
        reason: 'Enfermedad',
      }),
      PUT('/api/v1/market-slots/:id/attendance', VENUE(401, 200), [ids.marketSlotAttend], { status: 'attended' }),
      GET('/api/v1/market-venues/:id/schedule.pdf?month=2026-03', VENUE(401, 200), [v]),
      GET('/semanas/oferta/:token', EVERYONE(404), [BOGUS_TOKEN]),
      POST('/semanas/oferta/:token', EVERYONE(404), [BOGUS_TOKEN]),
      POST('/semanas/oferta/:token/rechazar', EVERYONE(404), [BOGUS_TOKEN]),
      // published, or refused as published already: back to the venue page either way
      POST('/semanas-de-venta/:id/meses/:month/publicar', VENUE(303, 303), [v, '2026-04']),
      GET('/semanas-de-venta/:id/asistencia?mes=2026-03', VENUE(303, 200), [v]),
      POST('/semanas-de-venta/:id/asistencia/:slotId', VENUE(303, 303), [v, ids.marketSlotAttend], {
        status: 'excused',
      }),
      // the first cancels; the next sees the page again with the refusal (cancelled already)
      POST(
        '/semanas-de-venta/:id/puestos/:slotId/cancelar',
        VENUE(303, 303, { progOfficer: 409 }),
        [v, ids.marketSlotCancelPage],
        { reason: 'Viaje' },
      ),
      GET('/semanas-de-venta/:id/programa.pdf?mes=2026-03', VENUE(303, 200), [v]),
      GET('/semanas-de-venta/:id/publico/:month', EVERYONE(200), [v, '2026-03']),
      GET('/mis-semanas', SIGNED_IN(303, 200)),
      // none of the matrix's callers holds a business: nothing to subscribe to
      POST('/mis-semanas/calendario', SIGNED_IN(303, 403)),
      POST('/mis-semanas/calendario/revocar', SIGNED_IN(303, 403)),
      GET('/mis-semanas/calendario/:file', EVERYONE(404), [`${BOGUS_TOKEN}.ics`]),
    ];
  },
};
