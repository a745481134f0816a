import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MarketVenue } from './market-venue.entity';

export const MARKET_MONTH_STATUSES = ['draft', 'published'] as const;
export type MarketMonthStatus = (typeof MARKET_MONTH_STATUSES)[number];

/**
 * A venue's month (DOM-MKT-2, 3): a draft the allocation may re-run as often as wanted, then published (no longer
 * re-run). The draft locks this row, so two runs of one month never interleave.
 */
@Entity('market_month')
@Check('CK_market_month_status', "status IN ('draft', 'published')")
@Check('CK_market_month_month', "month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'")
@Check('CK_market_month_published', "status = 'draft' OR published_at IS NOT NULL")
@Index('UQ_market_month', ['venueId', 'month'], { unique: true })
export class MarketMonth {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  venueId: string;

  @ManyToOne(() => MarketVenue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: MarketVenue;

  @Column({ type: 'char', length: 7 })
  month: string;

  @Column({ type: 'text', default: 'draft' })
  status: MarketMonthStatus;

  @Column({ type: 'timestamptz', nullable: true })
  draftedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  publishedBy: string | null;
}
