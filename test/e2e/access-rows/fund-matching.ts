import { type AccessRows, CONSENT, EVERYONE, type Expect, GET, PATCH, POST, PROGRAM } from './shared';

/** Who reads an association (its officers and members, the commune's officer and faith minister, an enrolling program's officer). */
const READ = (anonymous: number): Expect => ({
  ...EVERYONE(200),
  anonymous,
  officerOther: 404,
  plainUser: 404,
  progOther: 404,
});
/** Acting for an association (declare, apply, record the outcome): its officers and the admin; other readers 403. */
const ACT = CONSENT;
/** A program's beneficiary: the admin and the program's officers; everyone else 404. */
const BENEFICIARY = PROGRAM;

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
    // refused after the access check, with nothing written: a declaration an association cannot make (400), an
    // award without its amount (400), an application to a call for another kind of applicant (422)
    const wrongDeclaration = { kind: 'no_activity_start', value: 'true', declaredOn: '2026-01-01' };
    const futureDeclaration = { kind: 'no_activity_start', value: 'true', declaredOn: '2027-01-01' };
    const noAmount = { amountAwardedClp: '5' };
    return [
      // which enrolled associations qualify for a call: each program officer sees their own programs'
      GET(
        '/fondos/:id/organizaciones',
        { ...EVERYONE(403), anonymous: 303, admin: 200, progOfficer: 200, progOther: 200 },
        [ids.fundCall],
      ),
      GET('/api/v1/associations/:id/fund-matches', READ(401), [ids.assoc]),
      GET('/api/v1/associations/:id/fund-applications', READ(401), [ids.assoc]),
      GET('/api/v1/program-beneficiaries/:id/fund-matches', BENEFICIARY(401, 200), [ids.beneficiary]),
      POST('/api/v1/fund-calls/:id/applications', ACT(401, 422), [ids.personsCall], {
        associationId: ids.assoc,
        amountRequestedClp: 1000,
      }),
      PATCH('/api/v1/fund-applications/:id', ACT(401, 400), [ids.fundApplication], { amountAwardedClp: 5 }),
      POST('/api/v1/associations/:id/fund-declarations', ACT(401, 400), [ids.assoc], {
        ...wrongDeclaration,
        value: true,
      }),
      POST('/api/v1/program-beneficiaries/:id/fund-declarations', BENEFICIARY(401, 400), [ids.beneficiary], {
        ...futureDeclaration,
        value: true,
      }),
      GET('/organizaciones/:id/fondos', READ(303), [ids.assoc]),
      POST('/organizaciones/:id/fondos/declaracion', ACT(303, 400), [ids.assoc], wrongDeclaration),
      POST('/organizaciones/:id/fondos/postulaciones', ACT(303, 422), [ids.assoc], {
        fundCallId: ids.personsCall,
        amountRequestedClp: '1000',
      }),
      POST(
        '/organizaciones/:id/fondos/postulaciones/:applicationId',
        ACT(303, 400),
        [ids.assoc, ids.fundApplication],
        noAmount,
      ),
      GET('/programas/:id/beneficiarios/:beneficiaryId/fondos', BENEFICIARY(303, 200), [ids.program, ids.beneficiary]),
      POST(
        '/programas/:id/beneficiarios/:beneficiaryId/fondos/declaracion',
        BENEFICIARY(303, 400),
        [ids.program, ids.beneficiary],
        futureDeclaration,
      ),
      POST(
        '/programas/:id/beneficiarios/:beneficiaryId/fondos/postulaciones',
        BENEFICIARY(303, 422),
        [ids.program, ids.beneficiary],
        { fundCallId: ids.fundCall, amountRequestedClp: '1000' },
      ),
      POST(
        '/programas/:id/beneficiarios/:beneficiaryId/fondos/postulaciones/:applicationId',
        BENEFICIARY(303, 400),
        [ids.program, ids.beneficiary, ids.beneficiaryApplication],
        noAmount,
      ),
    ];
  },
};
