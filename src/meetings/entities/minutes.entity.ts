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
import { IssuedDocument } from '../../documents/entities/document.entity';
import type { ActaSnapshot } from '../acta';
import { Meeting } from './meeting.entity';

/** Notes of one point of the agenda, as written in the minutes. */
export interface MinutesItem {
  agendaItemId: string | null;
  title: string;
  notes: string;
}

/**
 * The minutes (acta) of a meeting (DOM-MTG-9): a draft the officers edit (optimistic `version`), then approved
 * once: numbered in the body's sequence, frozen (`snapshot` of what the acta shows), hashed and chained to the
 * body's previous approved acta, and issued as a PDF with a verification code. A database trigger refuses any
 * UPDATE or DELETE of an approved row and any change to its agreements and amendments.
 */
@Entity('minutes')
@Check('CK_minutes_body', 'num_nonnulls(association_id, table_id) = 1')
@Check('CK_minutes_status', "status IN ('draft', 'approved')")
@Check(
  'CK_minutes_approved',
  "status = 'draft' OR (approved_at IS NOT NULL AND number IS NOT NULL AND content_hash IS NOT NULL AND snapshot IS NOT NULL)",
)
@Check('CK_minutes_book', "book IN ('assembly', 'board')")
@Index('UQ_minutes_association_number', ['associationId', 'book', 'number'], {
  unique: true,
  where: 'association_id IS NOT NULL AND number IS NOT NULL',
})
@Index('UQ_minutes_table_number', ['tableId', 'book', 'number'], {
  unique: true,
  where: 'table_id IS NOT NULL AND number IS NOT NULL',
})
// an organisation's drafts (issue 21: the start page), which the numbering index never holds
@Index('IX_minutes_association_draft', ['associationId'], { where: "status = 'draft'" })
export class Minutes {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'uuid', nullable: true })
  associationId: string | null;

  @ManyToOne('Association', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'association_id' })
  association?: ForeignRow;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  tableId: string | null;

  @ManyToOne('Mesa', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'table_id' })
  table?: ForeignRow;

  @Column({ type: 'text', default: 'draft' })
  status: 'draft' | 'approved';

  /** The book the acta belongs to: the assemblies' (and table sessions') or the board's, each numbered and chained on its own. */
  @Column({ type: 'text', default: 'assembly' })
  book: 'assembly' | 'board';

  /** Acta N°: its place in the book's sequence of approved actas (given at approval). */
  @Column({ type: 'integer', nullable: true })
  number: number | null;

  /** Notes per agenda item. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  items: MinutesItem[];

  /** What the approved acta shows, frozen at approval (attendance, quorum, agenda, commitments, signers...). */
  @Column({ type: 'jsonb', nullable: true })
  snapshot: ActaSnapshot | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'text', nullable: true })
  approverName: string | null;

  /** The approver's board position at approval (president, secretary, treasurer...), if they held one. */
  @Column({ type: 'text', nullable: true })
  approverPosition: string | null;

  /** SHA-256 of the acta's canonical content with `previousHash` (DOM-MTG-9, SECURITY.md records integrity). */
  @Column({ type: 'text', nullable: true })
  contentHash: string | null;

  @Column({ type: 'text', nullable: true })
  previousHash: string | null;

  @Column({ type: 'uuid', nullable: true })
  previousMinutesId: string | null;

  @Column({ type: 'uuid', nullable: true })
  documentId: string | null;

  @ManyToOne(() => IssuedDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document?: IssuedDocument;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
