import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { Association } from './association.entity';

/**
 * An organisation's constitution (DOM-ORG-1 to -7): the request for a faith minister, the assignment, the
 * constitutive assembly as held, the certification with its two documents, the deposit and any objection.
 */
@Entity('constitution')
export class Constitution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  associationId: string;

  @OneToOne(() => Association, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: Association;

  @Index()
  @Column({ type: 'text' })
  communeCode: string;

  /** The officers' request: when and where they propose to hold the assembly. */
  @Column({ type: 'timestamptz', nullable: true })
  proposedAt: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  proposedPlace: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  requestedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  /** DOM-ORG-2: the faith minister of the commune assigned by a municipal officer. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  faithMinisterUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'faith_minister_user_id' })
  faithMinister?: User;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /** The constitutive assembly as held (DOM-ORG-7). */
  @Column({ type: 'timestamptz', nullable: true })
  assemblyAt: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  place: string | null;

  @Column({ type: 'boolean', default: false })
  statutesApproved: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  certifiedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  certifiedBy: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  actaDocumentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  certificateDocumentId: string | null;

  /** DOM-ORG-6: the deposit gives legal personality; the municipality may object within 30 days. */
  @Column({ type: 'date', nullable: true })
  depositedOn: string | null;

  @Column({ type: 'date', nullable: true })
  objectedOn: string | null;

  @Column({ type: 'text', nullable: true })
  objectionReasons: string | null;

  /** DOM-ORG-6: the objection corrected within 90 days (the association is in force again). */
  @Column({ type: 'date', nullable: true })
  correctedOn: string | null;

  @Column({ type: 'text', nullable: true })
  correctionNotes: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
