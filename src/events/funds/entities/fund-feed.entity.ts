import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The secret address of an ICS feed of fund calls (DOM-FND-3), an association's (the calls it may apply to) or a
 * user's (the calls of their associations and those they subscribed). Only the token's SHA-256 is kept; a revoked
 * address answers 404; a new address revokes the previous one of the same owner.
 */
@Entity('fund_feed')
@Check('CK_fund_feed_owner', 'num_nonnulls(association_id, user_id) = 1')
export class FundFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IX_fund_feed_association')
  @Column({ type: 'uuid', nullable: true })
  associationId: string | null;

  @ManyToOne('Association', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: { id: string };

  @Index('IX_fund_feed_user')
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };

  @Index('UQ_fund_feed_token', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
