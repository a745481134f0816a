import { type ArgumentsHost, Logger, ServiceUnavailableException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from '../../../src/common/errors/all-exceptions.filter';

/**
 * Issue 21: how a 503 is logged. A full connection pool (the database may be fine) is a capacity problem the operator
 * must see: a warning, at most one per 10 s with how many requests were refused since. A refusal while the database is
 * known to be down stays one debug line (DatabaseAvailability logs the outage itself); a session that failed to load
 * for any other reason is an error. The availability tracker is shown the database's own error.
 */
describe('503 logging', () => {
  const POOL_BUSY = new Error('timeout exceeded when trying to connect');
  let warn: jest.SpyInstance;
  let debug: jest.SpyInstance;
  let error: jest.SpyInstance;
  let now: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
  });
  afterEach(() => jest.restoreAllMocks());

  /** Answers `thrown` for a page request; the status the response got. */
  function answer(filter: AllExceptionsFilter, thrown: unknown): number {
    let status = 0;
    const res = {
      locals: {},
      headersSent: false,
      status(code: number) {
        status = code;
        return res;
      },
      type: () => res,
      send: () => res,
      setHeader: () => res,
      getHeader: () => undefined,
    };
    const req = { path: '/api/v1/me', headers: {}, id: 'req-1' };
    const host = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ArgumentsHost;
    filter.catch(thrown, host);
    return status;
  }

  it('a session the saturated pool could not load: 503, one warning per 10 s counting the refusals, the cause to the tracker', () => {
    const seen: unknown[] = [];
    const filter = new AllExceptionsFilter(undefined, (e) => seen.push(e));
    const refused = () => answer(filter, new ServiceUnavailableException(undefined, { cause: POOL_BUSY }));
    expect([refused(), refused(), refused()]).toEqual([503, 503, 503]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatchObject({ refused: 1 });
    expect(String(warn.mock.calls[0][1])).toContain('database pool saturated');
    expect(seen).toEqual([POOL_BUSY, POOL_BUSY, POOL_BUSY]);

    now.mockReturnValue(1_010_000);
    refused();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][0]).toMatchObject({ refused: 3 }); // the two held back and this one
    expect(error).not.toHaveBeenCalled();
  });

  it('a query that waited out the full pool is the same warning, not an error with a stack per request', () => {
    const filter = new AllExceptionsFilter();
    expect(answer(filter, POOL_BUSY)).toBe(503);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('refused while the database is known to be down, or its session lost with the connection: one debug line', () => {
    const filter = new AllExceptionsFilter();
    expect(answer(filter, new ServiceUnavailableException())).toBe(503);
    const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(answer(filter, new ServiceUnavailableException(undefined, { cause: lost }))).toBe(503);
    expect(debug).toHaveBeenCalledTimes(2);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('a session that failed to load for another reason is logged as an error with its cause', () => {
    const filter = new AllExceptionsFilter();
    const bug = new TypeError("Cannot read properties of undefined (reading 'cookie')");
    expect(answer(filter, new ServiceUnavailableException(undefined, { cause: bug }))).toBe(503);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toMatchObject({ err: bug });
  });

  it("a session read that failed in the database is logged without the statement's parameters (the session id: SECURITY.md, no tokens in logs)", () => {
    const filter = new AllExceptionsFilter();
    const sid = 'k3yH0lder-session-id-0123456789';
    const timeout = new QueryFailedError(
      'SELECT sess FROM user_session WHERE sid = $1',
      [sid],
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    );
    expect(answer(filter, new ServiceUnavailableException(undefined, { cause: timeout }))).toBe(503);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toMatchObject({
      err: { code: '57014', message: expect.stringContaining('timeout') },
    });
    expect(JSON.stringify(error.mock.calls[0])).not.toContain(sid);
  });
});
