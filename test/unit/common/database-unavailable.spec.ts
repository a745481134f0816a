import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  TypeORMError,
} from 'typeorm';
import { isDatabaseUnavailable, isLostTransaction } from '../../../src/common/errors/database-unavailable';

/** Which errors a request answers with 503 (the database went away) rather than 500 or a 4xx. */
describe('isDatabaseUnavailable', () => {
  const failed = (code: string, message = 'x') =>
    new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

  it('a transaction whose connection TypeORM gave back after it failed (PostgreSQL restarted) is a 503, issue 21 item 4', () => {
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isLostTransaction(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isLostTransaction(failed('57P01'))).toBe(false);
  });

  it('connection-level failures are a 503; refused queries and other errors are not', () => {
    expect(isDatabaseUnavailable(failed('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(failed('23505', 'duplicate key'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeORMError('something else'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
