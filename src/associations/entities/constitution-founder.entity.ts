import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Constitution } from './constitution.entity';
import { Membership } from './membership.entity';

/** A founder present at the constitutive assembly (DOM-ORG-3, -7): a member of the roster. */
@Entity('constitution_founder')
export class ConstitutionFounder {
  @PrimaryColumn({ type: 'uuid' })
  constitutionId: string;

  @PrimaryColumn({ type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => Constitution, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'constitution_id' })
  constitution?: Constitution;

  @ManyToOne(() => Membership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id' })
  membership?: Membership;
}
