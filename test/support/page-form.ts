import type { TestContext } from './test-app';

/** A signed-in browser (`ctx.signIn`): its agent and the CSRF token of a page's form. */
type Browser = Awaited<ReturnType<TestContext['signIn']>>;

/** A browser's form body: repeated names for check boxes, as a real form posts them. */
export const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

/** Posts `fields` as the form of `page` (to `action`, the page itself unless given), with the page's CSRF token. */
export const postForm = async (browser: Browser, page: string, fields: [string, string][], action = page) =>
  browser.agent
    .post(action)
    .type('form')
    .send(form([['_csrf', await browser.csrf(page)], ...fields]));

/** The three seats of a board's form (issue 4): the members for president, secretary and treasurer. */
export const boardSeats = (president: string, secretary: string, treasurer: string): [string, string][] => [
  ['president', president],
  ['secretary', secretary],
  ['treasurer', treasurer],
];
