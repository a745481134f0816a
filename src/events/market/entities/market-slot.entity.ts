import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProgramBeneficiary } from '../../../programs/entities/beneficiary.entity';
import { MarketVenue } from './market-venue.entity';

export const SLOT_STATUSES = ['assigned', 'cancelled'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];
export const SLOT_ATTENDANCE = ['attended', 'excused', 'no_show'] as const;
export type SlotAttendance = (typeof SLOT_ATTENDANCE)[number];
export const SLOT_ORIGINS = ['allocation', 'waitlist'] as const;
export type SlotOrigin = (typeof SLOT_ORIGINS)[number];

/**
 * One stand of one week given to one entrepreneur (DOM-MKT-2): placed by the allocation (a draft's slots are
 * replaced on each run) or taken from the waitlist after a cancellation (DOM-MKT-3); its attendance (DOM-MKT-4)
 * feeds the next months' order. One live slot per stand and week, and per entrepreneur and month.
 */
@Entity('market_slot')
@Check('CK_market_slot_status', "status IN ('assigned', 'cancelled')")
@Check('CK_market_slot_attendance', "attendance IS NULL OR attendance IN ('attended', 'excused', 'no_show')")
@Check('CK_market_slot_origin', "origin IN ('allocation', 'waitlist')")
@Check('CK_market_slot_stand', 'stand > 0')
@Check('CK_market_slot_week', 'week_ends_on >= week_starts_on')
@Check('CK_market_slot_cancelled', "status = 'assigned' OR cancelled_at IS NOT NULL")
@Check('CK_market_slot_month', "month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'")
@Index('UQ_market_slot_stand', ['venueId', 'weekStartsOn', 'stand'], { unique: true, where: "status = 'assigned'" })
@Index('UQ_market_slot_beneficiary', ['venueId', 'month', 'beneficiaryId'], {
  unique: true,
  where: "status = 'assigned'",
})
@Index('IX_market_slot_month', ['venueId', 'month'])
export class MarketSlot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  venueId: string;

  @ManyToOne(() => MarketVenue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: MarketVenue;

  @Column({ type: 'char', length: 7 })
  month: string;

  @Column({ type: 'date' })
  weekStartsOn: string;

  @Column({ type: 'date' })
  weekEndsOn: string;

  @Column({ type: 'integer' })
  stand: number;

  @Index()
  @Column({ type: 'uuid' })
  beneficiaryId: string;

  @ManyToOne(() => ProgramBeneficiary, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: ProgramBeneficiary;

  @Column({ type: 'text', default: 'assigned' })
  status: SlotStatus;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'text', nullable: true })
  attendance: SlotAttendance | null;

  @Column({ type: 'timestamptz', nullable: true })
  attendanceMarkedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  attendanceMarkedBy: string | null;

  @Column({ type: 'text', default: 'allocation' })
  origin: SlotOrigin;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
