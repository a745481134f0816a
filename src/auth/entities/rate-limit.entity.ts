import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One window of a per-minute rate limit (@nestjs/throttler's `verify` and `login`), shared by every instance
 * (issue 21 item 5): the hits counted in the current window and, past the limit, until when the key is refused.
 */
@Entity('rate_limit')
export class RateLimit {
  /** SHA-256 of the throttler's key (`verify:verify:<ip>`...): IPs and device ids are not stored. */
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'integer' })
  hits: number;

  @Index()
  @Column({ type: 'timestamptz' })
  windowEndsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}
