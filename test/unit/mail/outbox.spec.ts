import { isLoopback } from '../../../src/mail/outbox.controller';
import { backoffMs } from '../../../src/mail/outbox.worker';

describe('outbox rules', () => {
  it('retries after 30 s, 1 min, 2 min… and never waits more than an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3_600_000);
  });

  it('serves the outbox page outside production only to this machine', () => {
    for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.1.1']) expect(isLoopback(local)).toBe(true);
    for (const remote of ['192.168.1.20', '::ffff:10.0.0.5', '2001:db8::1', undefined]) expect(isLoopback(remote)).toBe(false);
  });
});
