import { bearer } from './api-problem';
import type { TestContext } from './test-app';

/**
 * The market weeks' fixtures shared by the market specs and the market benchmark (issue 19): Melipilla's business
 * centre program and its mall, and the shape of a month's allocation as the API returns it.
 */
export const MARKET_PROGRAM = {
  name: 'Centro de Negocios Melipilla',
  kind: 'individual',
  year: 2027,
  agencyName: 'Sercotec Melipilla',
  communeCodes: ['13501'],
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
};

/** The venue without its stands: each spec says how many a week (and the cap per category). */
export const MARKET_VENUE = {
  name: 'Mall Espacio Urbano Melipilla',
  address: 'Av. Vicuña Mackenna 3175, Melipilla',
  communeCode: '13501',
};

export type MarketStand = {
  slotId: string;
  stand: number;
  beneficiaryId: string;
  businessName: string;
  category: string;
};

/** A month's allocation, draft or published: its weeks with their stands and the waitlist. */
export type MarketMonth = {
  month: string;
  published: boolean;
  weeks: { startsOn: string; endsOn: string; stands: MarketStand[] }[];
  waitlist: { beneficiaryId: string; position: number }[];
};

/**
 * How both market specs start, through the API: an administrator creates the market program and another one; the
 * program's officer (user and token), another program's officer and a user with no role sign in.
 */
export async function newMarketPrograms(ctx: TestContext) {
  const admin = await ctx.apiToken(await ctx.newUser({ roles: [['admin', null]] }));
  const programId = (await ctx.http.post('/api/v1/programs').set(bearer(admin)).send(MARKET_PROGRAM).expect(201)).body
    .id as string;
  const otherProgramId = (
    await ctx.http
      .post('/api/v1/programs')
      .set(bearer(admin))
      .send({ ...MARKET_PROGRAM, name: 'Otro programa' })
      .expect(201)
  ).body.id as string;
  const officerUser = await ctx.newUser({ roles: [['program_officer', programId]] });
  const officer = await ctx.apiToken(officerUser);
  const otherOfficer = await ctx.apiToken(await ctx.newUser({ roles: [['program_officer', otherProgramId]] }));
  const plain = await ctx.apiToken(await ctx.newUser());
  return { admin, programId, otherProgramId, officerUser, officer, otherOfficer, plain };
}
