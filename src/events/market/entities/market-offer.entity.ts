import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProgramBeneficiary } from '../../../programs/entities/beneficiary.entity';
import { MarketSlot } from './market-slot.entity';

/**
 * A cancelled stand offered to the next on the month's waitlist (DOM-MKT-3): a mail with an accept link whose token
 * is stored only as its SHA-256; open until `expires_at` (MARKET_OFFER_HOURS, 48 by default), then it lapses and the
 * next on the waitlist gets one. At most one open offer per cancelled slot.
 */
@Entity('market_offer')
@Check(
  'CK_market_offer_outcome',
  '(CASE WHEN accepted_at IS NULL THEN 0 ELSE 1 END + CASE WHEN lapsed_at IS NULL THEN 0 ELSE 1 END + CASE WHEN declined_at IS NULL THEN 0 ELSE 1 END) <= 1',
)
@Check('CK_market_offer_expiry', 'expires_at > offered_at')
@Index('UQ_market_offer_token', ['tokenHash'], { unique: true })
@Index('UQ_market_offer_open', ['slotId'], {
  unique: true,
  where: 'accepted_at IS NULL AND lapsed_at IS NULL AND declined_at IS NULL',
})
@Index('IX_market_offer_beneficiary', ['beneficiaryId'])
export class MarketOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The cancelled slot whose stand and week are offered. */
  @Column({ type: 'uuid' })
  slotId: string;

  @ManyToOne(() => MarketSlot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id' })
  slot?: MarketSlot;

  @Column({ type: 'uuid' })
  beneficiaryId: string;

  @ManyToOne(() => ProgramBeneficiary, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: ProgramBeneficiary;

  /** SHA-256 (hex) of the link's token; the token itself is only in the mail. */
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  offeredAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lapsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  declinedAt: Date | null;

  /** The slot the acceptance created (origin `waitlist`). */
  @Column({ type: 'uuid', nullable: true })
  acceptedSlotId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
