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
/** The same answer for all ten callers, the programs' officers too (public pages; unknown secret links). */
export const EVERYONE = (status: number): Expect => ({ ...ALL(status), progOfficer: status, progOther: status });
/** A page for anyone signed in (the start page, issue 20 item 1): each caller sees their own work; anonymous to the login. */
export const SIGNED_IN = (anonymous: number, status: number): Expect => ({ ...EVERYONE(status), anonymous });
/** A route of one association of La Serena: its officers and La Serena's officer act, Melipilla's gets 404. */
export const ASSOC = (anonymous: number, act: number, extra: Expect = {}): Expect =>
  MUNICIPAL(anonymous, act, { assocOfficer: act, ...extra });
/** Everyone who reads the association (its members and the commune's faith minister too) gets the same answer. */
export const READERS = (anonymous: number, status: number): Expect =>
  ASSOC(anonymous, status, { faithMinister: status, assocMember: status });
/** The association's own meetings: its officers (and administrators); the municipality reads but does not run them (API.md). */
export const MEETINGS = (anonymous: number, act: number, extra: Expect = {}): Expect =>
  ASSOC(anonymous, act, { officerOwn: 403, ...extra });
/** A commune table of La Serena: the administration and La Serena's officers run it; nobody else sees it (no table roles among these callers). */
export const TABLE = (anonymous: number, act: number): Expect => ({
  ...ALL(404),
  anonymous,
  admin: act,
  officerOwn: act,
});
/**
 * A program of the Coquimbo region (issue 17): the administration and the program's own officers act; an officer of
 * another program, and everyone else, gets 404 (API.md: a program officer of another program gets 404).
 */
export const PROGRAM = (anonymous: number, act: number, extra: Expect = {}): Expect => ({
  ...EVERYONE(404),
  anonymous,
  admin: act,
  progOfficer: act,
  ...extra,
});
/** What the association's officer decides about its programs (consent): its officers (and administrators). */
export const CONSENT = (anonymous: number, act: number): Expect => ({
  ...EVERYONE(404),
  anonymous,
  admin: act,
  officerOwn: 403,
  faithMinister: 403,
  assocOfficer: act,
  assocMember: 403,
  progOfficer: 403,
});
/** A registry act of the municipality on one association (recognition, people). */
export const MUNICIPAL = (anonymous: number, act: number, extra: Expect = {}): Expect => ({
  ...ALL(403),
  anonymous,
  admin: act,
  officerOwn: act,
  officerOther: 404,
  plainUser: 404,
  ...extra,
});

/**
 * A row on one line: `route` as Express registers it, its `:parameters` filled in order from `params` to make the
 * path (a query after `?` is sent, not part of the route), e.g.
 * `POST('/organizaciones/:id/socios/:memberId/suspender', ASSOC(303, 400), [ids.assoc, ids.member], { reason: '' })`.
 */
const row =
  (method: RouteCase['method']) =>
  (route: string, expect: Expect, params: string[] = [], body?: RouteCase['body']): RouteCase => {
    let next = 0;
    const path = route.replace(/:[A-Za-z]+/g, (name) => {
      if (next >= params.length) throw new Error(`${method} ${route}: no value for ${name}`);
      return String(params[next++]);
    });
    if (next !== params.length) throw new Error(`${method} ${route}: ${params.length - next} values too many`);
    return { method, path, route: route.split('?')[0], expect, ...(body === undefined ? {} : { body }) };
  };
export const GET = row('GET');
export const POST = row('POST');
export const PATCH = row('PATCH');
export const PUT = row('PUT');
export const DELETE = row('DELETE');

/**
 * Rows a feature adds to the matrix from its own file (the events' fund calls and market weeks): `setup` runs once
 * after the matrix's own fixtures (with its ids and every caller's API token) and adds the ids its rows need;
 * `cases` lists its routes like the matrix's own.
 */
export interface AccessRows {
  setup(ctx: TestContext, ids: Record<string, string>, tokens: Partial<Record<Caller, string>>): Promise<void>;
  cases(ids: Record<string, string>): RouteCase[];
}
