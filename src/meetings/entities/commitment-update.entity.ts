import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Commitment } from './commitment.entity';

/** A progress note on a commitment (DOM-MTG-8): who, when, the note, and the status or percentage it set. */
@Entity('commitment_update')
@Index('IX_commitment_update_commitment', ['commitmentId', 'createdAt'])
@Check('CK_commitment_update_status', "status IS NULL OR status IN ('open', 'in_progress', 'done', 'cancelled')")
@Check('CK_commitment_update_progress', 'progress IS NULL OR (progress >= 0 AND progress <= 100)')
export class CommitmentUpdate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => Commitment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  @Column({ type: 'text', nullable: true })
  status: 'open' | 'in_progress' | 'done' | 'cancelled' | null;

  @Column({ type: 'integer', nullable: true })
  progress: number | null;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'text', nullable: true })
  createdByName: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
