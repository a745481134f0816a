import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProgramBeneficiary } from '../../../programs/entities/beneficiary.entity';
import { MarketVenue } from './market-venue.entity';

/** A month's waitlist (DOM-MKT-2): those the allocation could not place, in the fairness order (1 is first). */
@Entity('market_waitlist')
@Check('CK_market_waitlist_position', 'position > 0')
@Check('CK_market_waitlist_month', "month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'")
@Index('UQ_market_waitlist_beneficiary', ['venueId', 'month', 'beneficiaryId'], { unique: true })
@Index('UQ_market_waitlist_position', ['venueId', 'month', 'position'], { unique: true })
export class MarketWaitlist {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  venueId: string;

  @ManyToOne(() => MarketVenue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: MarketVenue;

  @Column({ type: 'char', length: 7 })
  month: string;

  @Index()
  @Column({ type: 'uuid' })
  beneficiaryId: string;

  @ManyToOne(() => ProgramBeneficiary, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: ProgramBeneficiary;

  @Column({ type: 'integer' })
  position: number;
}
