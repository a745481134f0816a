import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Program } from './program.entity';

export const ENROLMENT_STATUSES = ['active', 'graduated', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** An association enrolled in a program (DOM-PRG-2): since when, and whether it is active, graduated or withdrawn. */
@Entity('program_association')
@Check('CK_program_association_status', "status IN ('active', 'graduated', 'withdrawn')")
@Index('UQ_program_association', ['programId', 'associationId'], { unique: true })
export class ProgramEnrolment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  /** The association (a feature of the same floor: related by entity name). */
  @Index()
  @Column({ type: 'uuid' })
  associationId: string;

  @ManyToOne('Association', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: { id: string };

  @Column({ type: 'date' })
  enrolledOn: string;

  @Column({ type: 'text', default: 'active' })
  status: EnrolmentStatus;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
