import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Program } from './program.entity';

/**
 * A program activity (DOM-PRG-5): a training, fair or technical visit with its title and line of action. Its date,
 * place and attendance are a meeting of the acta engine (kind `program_activity`, the program as its body, each
 * invited beneficiary's mark in the engine's attendance), so attendance exists once for every body.
 */
@Entity('program_activity')
@Index('IX_program_activity_program', ['programId'])
export class ProgramActivity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  @Index('UQ_program_activity_meeting', { unique: true })
  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: { id: string };

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  line: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
