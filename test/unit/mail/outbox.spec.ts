import { backoffMs } from '../../../src/mail/outbox.worker';

describe('outbox rules', () => {
  it('retries after 30 s, 1 min, 2 min… and never waits more than an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3_600_000);
  });
});
