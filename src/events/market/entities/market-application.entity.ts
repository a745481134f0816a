import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProgramBeneficiary } from '../../../programs/entities/beneficiary.entity';
import { DATE_LIST, MarketVenue } from './market-venue.entity';

/** An entrepreneur's application for a month at a venue (DOM-MKT-2), with the weeks they prefer, in their order. */
@Entity('market_application')
@Check('CK_market_application_month', "month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'")
@Index('UQ_market_application', ['venueId', 'beneficiaryId', 'month'], { unique: true })
@Index('IX_market_application_month', ['venueId', 'month'])
export class MarketApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  venueId: string;

  @ManyToOne(() => MarketVenue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: MarketVenue;

  @Index()
  @Column({ type: 'uuid' })
  beneficiaryId: string;

  @ManyToOne(() => ProgramBeneficiary, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: ProgramBeneficiary;

  /** yyyy-mm */
  @Column({ type: 'char', length: 7 })
  month: string;

  /** Start dates of weeks of the month, in the applicant's order of preference. */
  @Column({ type: 'date', array: true, default: () => "'{}'", transformer: DATE_LIST })
  preferredWeeks: string[];

  /** When the application was made (the fairness order's third key). */
  @Column({ type: 'timestamptz' })
  appliedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  appliedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
