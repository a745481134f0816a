import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AssociationStatus } from '../association-rules';
import { Association } from './association.entity';

/** DOM-ORG-1: every transition of an association's life cycle, with who, when and why. */
@Entity('association_status_change')
export class AssociationStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order: transitions recorded in the same instant (one request, or a fixed test clock) keep it. */
  @Column({ type: 'bigint', generated: 'increment', select: false })
  seq?: string;

  @Index()
  @Column({ type: 'uuid' })
  associationId: string;

  @ManyToOne(() => Association, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: Association;

  @Column({ type: 'text', nullable: true })
  fromStatus: AssociationStatus | null;

  @Column({ type: 'text' })
  toStatus: AssociationStatus;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** The user who made the change (null for the system or the demo data). */
  @Column({ type: 'uuid', nullable: true })
  byUserId: string | null;

  /** Their name at the time, so the timeline reads well even if the user is later renamed or disabled. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  byName: string | null;

  @Column({ type: 'text' })
  reason: string;
}
