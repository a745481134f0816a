import type { TestContext } from '../../support/test-app';

export type Caller =
  | 'anonymous'
  | 'admin'
  | 'officerOwn'
  | 'officerOther'
  | 'faithMinister'
  | 'plainUser'
  | 'assocOfficer'
  | 'assocMember'
  | 'progOfficer'
  | 'progOther';
export type Expect = Partial<Record<Caller, number>>;
export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** the route as Express registers it, to check that every route is covered */
  route: string;
  expect: Expect;
  body?: Record<string, unknown> | unknown[];
}

export const ALL = (status: number): Expect => ({
  anonymous: status,
  admin: status,
  officerOwn: status,
  officerOther: status,
  faithMinister: status,
  plainUser: status,
  assocOfficer: status,
  assocMember: status,
});
/** A page for anyone signed in (the start page, issue 20 item 1): each caller sees their own work; anonymous to the login. */
export const SIGNED_IN = (anonymous: number, status: number): Expect => ({
  ...ALL(status),
  progOfficer: status,
  progOther: status,
  anonymous,
});
/** A route of one association of La Serena: its officers and La Serena's officer act, Melipilla's gets 404. */
export const ASSOC = (anonymous: number, act: number, extra: Expect = {}): Expect => ({
  anonymous,
  admin: act,
  officerOwn: act,
  officerOther: 404,
  faithMinister: 403,
  plainUser: 404,
  assocOfficer: act,
  assocMember: 403,
  ...extra,
});
/** The association's own meetings: its officers (and administrators); the municipality reads but does not run them (API.md). */
export const MEETINGS = (anonymous: number, act: number, extra: Expect = {}): Expect =>
  ASSOC(anonymous, act, { officerOwn: 403, ...extra });
/** A commune table of La Serena: the administration and La Serena's officers run it; nobody else sees it (no table roles among these callers). */
export const TABLE = (anonymous: number, act: number): Expect => ({
  anonymous,
  admin: act,
  officerOwn: act,
  officerOther: 404,
  faithMinister: 404,
  plainUser: 404,
  assocOfficer: 404,
  assocMember: 404,
});
/**
 * A program of the Coquimbo region (issue 17): the administration and the program's own officers act; an officer of
 * another program, and everyone else, gets 404 (API.md: a program officer of another program gets 404).
 */
export const PROGRAM = (anonymous: number, act: number, extra: Expect = {}): Expect => ({
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
/** What the association's officer decides about its programs (consent): its officers (and administrators). */
export const CONSENT = (anonymous: number, act: number): Expect => ({
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
/** A registry act of the municipality on one association (recognition, people). */
export const MUNICIPAL = (anonymous: number, act: number, extra: Expect = {}): Expect => ({
  anonymous,
  admin: act,
  officerOwn: act,
  officerOther: 404,
  faithMinister: 403,
  plainUser: 404,
  assocOfficer: 403,
  assocMember: 403,
  ...extra,
});

/**
 * Rows a feature adds to the matrix from its own file (the events' fund calls and market weeks): `setup` runs once
 * after the matrix's own fixtures (with its ids and every caller's API token) and adds the ids its rows need;
 * `cases` lists its routes like the matrix's own.
 */
export interface AccessRows {
  setup(ctx: TestContext, ids: Record<string, string>, tokens: Partial<Record<Caller, string>>): Promise<void>;
  cases(ids: Record<string, string>): RouteCase[];
}
