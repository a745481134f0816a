import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { MembershipStatus } from '../association-rules';
import { Association } from './association.entity';
import { Person } from '../../people/entities/person.entity';

/**
 * A person's membership of an association (the registro de socios). History is kept: ending a membership sets
 * `leftOn` and `status = ended`; the row stays. One current (not ended) membership per person and association,
 * and one current junta de vecinos per person (DOM-ORG-12), both enforced by partial unique indexes.
 */
@Entity('membership')
@Check('CK_membership_status', "status IN ('active','suspended','ended')")
@Check('CK_membership_left', "(status = 'ended') = (left_on IS NOT NULL)")
@Index('UQ_membership_current', ['associationId', 'personId'], { unique: true, where: "status <> 'ended'" })
@Index('UQ_membership_one_neighbourhood_council', ['personId'], {
  unique: true,
  where: "status <> 'ended' AND neighbourhood_council",
})
@Index('IX_membership_roster', ['associationId', 'status'])
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  associationId: string;

  @ManyToOne(() => Association, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: Association;

  @Index()
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  /** Copied from the association's kind (which does not change), so DOM-ORG-12 is one index. */
  @Column({ type: 'boolean', default: false })
  neighbourhoodCouncil: boolean;

  @Column({ type: 'text', default: 'active' })
  status: MembershipStatus;

  @Column({ type: 'date' })
  joinedOn: string;

  @Column({ type: 'date', nullable: true })
  leftOn: string | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  /** Merchants' associations: the member's business and its category. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  businessName: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  businessCategory: string | null;

  /** DOM-ORG-4 / DOM-DATA-3: a guardian's consent for a member under 16, who recorded it and when. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  guardianName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  guardianConsentAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  guardianConsentBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
