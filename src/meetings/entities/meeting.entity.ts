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
import type { ForeignRow } from './foreign-row';
import { MeetingSeries } from './meeting-series.entity';

export type MeetingKind =
  'ordinary' | 'extraordinary' | 'constitutive' | 'board' | 'table_session' | 'program_activity';
export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

/**
 * A meeting of an association or a table (DOM-MTG-2), or a program's activity (DOM-PRG-5: the program is the body,
 * the invited beneficiaries attend), on its own or an occurrence of a series.
 */
@Entity('meeting')
@Check('CK_meeting_body', 'num_nonnulls(association_id, table_id, program_id) = 1')
@Check(
  'CK_meeting_kind',
  "kind IN ('ordinary', 'extraordinary', 'constitutive', 'board', 'table_session', 'program_activity')",
)
@Check('CK_meeting_status', "status IN ('scheduled', 'held', 'cancelled')")
@Check('CK_meeting_call', "call IN ('first', 'second')")
@Index('UQ_meeting_series_number', ['seriesId', 'number'], { unique: true, where: 'series_id IS NOT NULL' })
@Index('IX_meeting_association_start', ['associationId', 'startsAt'])
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  associationId: string | null;

  @ManyToOne('Association', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: ForeignRow;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  tableId: string | null;

  @ManyToOne('Mesa', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'table_id' })
  table?: ForeignRow;

  /** A program whose activity this is (programs are a feature above: related by entity name). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne('Program', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: ForeignRow;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  seriesId: string | null;

  @ManyToOne(() => MeetingSeries, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'series_id' })
  series?: MeetingSeries;

  /** Position in its series (1, 2, 3...); null for a meeting on its own. */
  @Column({ type: 'integer', nullable: true })
  number: number | null;

  @Column({ type: 'text', default: 'ordinary' })
  kind: MeetingKind;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  /** The zone its local time is kept in (DOM-MTG-1). */
  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'text', default: 'scheduled' })
  status: MeetingStatus;

  /** DOM-MTG-6: first or second call. */
  @Column({ type: 'text', default: 'first' })
  call: 'first' | 'second';

  @Column({ type: 'text', nullable: true })
  cancelledReason: string | null;

  /** RFC 5545 SEQUENCE: raised when the meeting moves or is cancelled, so calendars replace their copy. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  /** DOM-MTG-3: when the notice was last sent to the members (and by whom). */
  @Column({ type: 'timestamptz', nullable: true })
  convenedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  convenedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
