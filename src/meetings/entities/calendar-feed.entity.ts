import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ForeignRow } from './foreign-row';

/**
 * The secret address of an association's ICS feed (a phone calendar subscribes to it without signing in).
 * Only the token's SHA-256 is kept; a new address revokes the previous one.
 */
@Entity('calendar_feed')
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  associationId: string;

  @ManyToOne('Association', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: ForeignRow;

  @Index('UQ_calendar_feed_token', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
