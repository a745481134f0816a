import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ForeignRow } from './foreign-row';

/**
 * A series of meetings of a body (an association now; a table with the tables issue), DOM-MTG-1: a recurrence
 * rule in a time zone, from a local start, with a count or an end date. Its meetings are created when the
 * series is, so each one can be moved or cancelled on its own.
 */
@Entity('meeting_series')
@Check('CK_meeting_series_body', 'num_nonnulls(association_id, table_id) = 1')
export class MeetingSeries {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  associationId: string | null;

  @ManyToOne('Association', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: ForeignRow;

  /** A table's series (the tables issue adds the table and its foreign key). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  tableId: string | null;

  @ManyToOne('Mesa', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'table_id' })
  table?: ForeignRow;

  /** The RFC 5545 rule without DTSTART/COUNT/UNTIL, e.g. FREQ=WEEKLY;INTERVAL=2 or FREQ=MONTHLY;BYDAY=1TU,3TU. */
  @Column({ type: 'text' })
  rrule: string;

  /** First occurrence in local wall time (2026-03-03T19:30). */
  @Column({ type: 'text' })
  localStart: string;

  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'integer', nullable: true })
  count: number | null;

  @Column({ type: 'date', nullable: true })
  until: string | null;

  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
