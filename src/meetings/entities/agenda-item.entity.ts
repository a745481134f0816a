import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ExtraordinaryMatter } from '../extraordinary-matters';
import { Meeting } from './meeting.entity';

/**
 * An item the officers add to a meeting's agenda (DOM-MTG-4), in their order. The approval of the previous acta
 * and the carried commitments come first and are computed when the agenda is read, so a commitment done before
 * the meeting drops off by itself.
 */
@Entity('agenda_item')
@Check('CK_agenda_item_source', "source IN ('manual', 'previous_minutes', 'carried_commitment')")
@Check(
  'CK_agenda_item_matter',
  "matter IS NULL OR matter IN ('statute_reform', 'dissolution', 'real_estate', 'first_definitive_board', 'member_exclusion')",
)
@Index('IX_agenda_item_meeting', ['meetingId', 'position'])
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: 'manual' })
  source: 'manual' | 'previous_minutes' | 'carried_commitment';

  @Column({ type: 'uuid', nullable: true })
  commitmentId: string | null;

  /** DOM-MTG-2: a matter that only an extraordinary meeting decides (extraordinary-matters.ts). */
  @Column({ type: 'text', nullable: true })
  matter: ExtraordinaryMatter | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
