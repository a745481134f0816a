import type { AccessRows, Expect } from './shared';

/** Who reads an association (its officers and members, the commune's officer and faith minister, an enrolling program's officer). */
const READ = (anonymous: number): Expect => ({
  anonymous,
  admin: 200,
  officerOwn: 200,
  officerOther: 404,
  faithMinister: 200,
  plainUser: 404,
  assocOfficer: 200,
  assocMember: 200,
  progOfficer: 200,
  progOther: 404,
});
/** Acting for an association (declare, apply, record the outcome): its officers and the admin; other readers 403. */
const ACT = (anonymous: number, act: number): Expect => ({
  anonymous,
  admin: act,
  officerOwn: 403,
  officerOther: 404,
  faithMinister: 403,
  plainUser: 404,
  assocOfficer: act,
  assocMember: 403,
  progOfficer: 403,
  progOther: 404,
});
/** A program's beneficiary: the admin and the program's officers; everyone else 404. */
const BENEFICIARY = (anonymous: number, act: number): Expect => ({
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
});

/** The fund matching, declarations and applications routes in the access matrix (issue 18). */
export const FUND_MATCHING_ACCESS_ROWS: AccessRows = {
  setup: async (ctx, ids) => {
    // a national call for persons (an association applying to it is refused after the access check: 422)
    ids.personsCall = (
      await ctx.query<{ id: string }>(
        `INSERT INTO fund_call (institution_id, name, year, scope, category, target_applicant, opens_at, closes_at, requirements, version)
         VALUES ($1, 'Capital de la matriz', 2026, 'national', 'productive', 'persons', '2026-03-01T12:00:00Z', '2026-12-01T20:00:00Z', '{}', 1) RETURNING id`,
        [ids.institution],
      )
    )[0].id;
    ids.fundApplication = (
      await ctx.query<{ id: string }>(
        `INSERT INTO fund_application (fund_call_id, association_id, amount_requested_clp, version) VALUES ($1, $2, 1000000, 1) RETURNING id`,
        [ids.fundCall, ids.assoc],
      )
    )[0].id;
    ids.beneficiaryApplication = (
      await ctx.query<{ id: string }>(
        `INSERT INTO fund_application (fund_call_id, beneficiary_id, amount_requested_clp, version) VALUES ($1, $2, 1000000, 1) RETURNING id`,
        [ids.personsCall, ids.beneficiary],
      )
    )[0].id;
  },
  cases: (ids) => {
    const assoc = `/organizaciones/${ids.assoc}/fondos`;
    const person = `/programas/${ids.program}/beneficiarios/${ids.beneficiary}/fondos`;
    // refused after the access check, with nothing written: a declaration an association cannot make (400), an
    // award without its amount (400), an application to a call for another kind of applicant (422)
    const wrongDeclaration = { kind: 'no_activity_start', value: 'true', declaredOn: '2026-01-01' };
    const futureDeclaration = { kind: 'no_activity_start', value: 'true', declaredOn: '2027-01-01' };
    const noAmount = { amountAwardedClp: '5' };
    return [
      // which enrolled associations qualify for a call: each program officer sees their own programs'
      {
        method: 'GET',
        path: `/fondos/${ids.fundCall}/organizaciones`,
        route: '/fondos/:id/organizaciones',
        expect: {
          anonymous: 303,
          admin: 200,
          officerOwn: 403,
          officerOther: 403,
          faithMinister: 403,
          plainUser: 403,
          assocOfficer: 403,
          assocMember: 403,
          progOfficer: 200,
          progOther: 200,
        },
      },
      {
        method: 'GET',
        path: `/api/v1/associations/${ids.assoc}/fund-matches`,
        route: '/api/v1/associations/:id/fund-matches',
        expect: READ(401),
      },
      {
        method: 'GET',
        path: `/api/v1/associations/${ids.assoc}/fund-applications`,
        route: '/api/v1/associations/:id/fund-applications',
        expect: READ(401),
      },
      {
        method: 'GET',
        path: `/api/v1/program-beneficiaries/${ids.beneficiary}/fund-matches`,
        route: '/api/v1/program-beneficiaries/:id/fund-matches',
        expect: BENEFICIARY(401, 200),
      },
      {
        method: 'POST',
        path: `/api/v1/fund-calls/${ids.personsCall}/applications`,
        route: '/api/v1/fund-calls/:id/applications',
        body: { associationId: ids.assoc, amountRequestedClp: 1000 },
        expect: ACT(401, 422),
      },
      {
        method: 'PATCH',
        path: `/api/v1/fund-applications/${ids.fundApplication}`,
        route: '/api/v1/fund-applications/:id',
        body: { amountAwardedClp: 5 },
        expect: ACT(401, 400),
      },
      {
        method: 'POST',
        path: `/api/v1/associations/${ids.assoc}/fund-declarations`,
        route: '/api/v1/associations/:id/fund-declarations',
        body: { ...wrongDeclaration, value: true },
        expect: ACT(401, 400),
      },
      {
        method: 'POST',
        path: `/api/v1/program-beneficiaries/${ids.beneficiary}/fund-declarations`,
        route: '/api/v1/program-beneficiaries/:id/fund-declarations',
        body: { ...futureDeclaration, value: true },
        expect: BENEFICIARY(401, 400),
      },
      { method: 'GET', path: assoc, route: '/organizaciones/:id/fondos', expect: READ(303) },
      {
        method: 'POST',
        path: `${assoc}/declaracion`,
        route: '/organizaciones/:id/fondos/declaracion',
        body: wrongDeclaration,
        expect: ACT(303, 400),
      },
      {
        method: 'POST',
        path: `${assoc}/postulaciones`,
        route: '/organizaciones/:id/fondos/postulaciones',
        body: { fundCallId: ids.personsCall, amountRequestedClp: '1000' },
        expect: ACT(303, 422),
      },
      {
        method: 'POST',
        path: `${assoc}/postulaciones/${ids.fundApplication}`,
        route: '/organizaciones/:id/fondos/postulaciones/:applicationId',
        body: noAmount,
        expect: ACT(303, 400),
      },
      {
        method: 'GET',
        path: person,
        route: '/programas/:id/beneficiarios/:beneficiaryId/fondos',
        expect: BENEFICIARY(303, 200),
      },
      {
        method: 'POST',
        path: `${person}/declaracion`,
        route: '/programas/:id/beneficiarios/:beneficiaryId/fondos/declaracion',
        body: futureDeclaration,
        expect: BENEFICIARY(303, 400),
      },
      {
        method: 'POST',
        path: `${person}/postulaciones`,
        route: '/programas/:id/beneficiarios/:beneficiaryId/fondos/postulaciones',
        body: { fundCallId: ids.fundCall, amountRequestedClp: '1000' },
        expect: BENEFICIARY(303, 422),
      },
      {
        method: 'POST',
        path: `${person}/postulaciones/${ids.beneficiaryApplication}`,
        route: '/programas/:id/beneficiarios/:beneficiaryId/fondos/postulaciones/:applicationId',
        body: noAmount,
        expect: BENEFICIARY(303, 400),
      },
    ];
  },
};
