import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

export type LoginBudgetKind = 'account' | 'device' | 'source';

/**
 * One budget of failed sign-ins (SECURITY.md brute force, issue 22 item 8): an account's attempts from unknown
 * devices (by e-mail, whether or not it has a user), one known device of an account, or one source (IP). Each
 * failure past the budget's free ones makes the next attempt wait longer; waits end on their own and failures
 * are forgotten with time (src/auth/login-throttle.ts).
 */
@Entity('login_throttle')
@Check('CK_login_throttle_kind', "kind IN ('account', 'device', 'source')")
export class LoginThrottle {
  /** SHA-256 of `<kind>:<e-mail, device id or IP>`: the addresses strangers type and the IPs are not stored. */
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  kind: LoginBudgetKind;

  /** The account's user (account and device budgets): a password reset clears them. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Failures counted now (one is forgotten per quiet period since the last one). */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz' })
  lastFailureAt: Date;

  /** Attempts before this instant are refused without being judged or counted. */
  @Column({ type: 'timestamptz', nullable: true })
  waitUntil: Date | null;

  /** When the current run of failures began (the attack window: one mail to the owner per window). */
  @Column({ type: 'timestamptz' })
  windowStartedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  notifiedAt: Date | null;
}
