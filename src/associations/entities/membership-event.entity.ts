import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from './membership.entity';

export type MembershipAction =
  'joined' | 'imported' | 'updated' | 'suspended' | 'reactivated' | 'ended' | 'person_corrected' | 'person_erased';

/** A membership's history: what happened, on which date it took effect, who recorded it and why. */
@Entity('membership_event')
export class MembershipEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id' })
  membership?: Membership;

  @Column({ type: 'text' })
  action: MembershipAction;

  /** The date the change takes effect (joining, suspension, leaving). */
  @Column({ type: 'date' })
  effectiveOn: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  byUserId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  byName: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Changed field names (never the personal values themselves). */
  @Column({ type: 'jsonb', nullable: true })
  fields: string[] | null;
}
