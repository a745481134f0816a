import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ForeignRow } from './foreign-row';
import { Meeting } from './meeting.entity';

/**
 * A person's attendance at a meeting (DOM-MTG-5): a member of the association (or, with the tables issue, a
 * table's representative), present, excused or absent, in person or online, with optional arrival and departure.
 * Members without a row are absent.
 */
@Entity('attendance')
@Check('CK_attendance_person', 'num_nonnulls(membership_id, participant_id, beneficiary_id) = 1')
@Check('CK_attendance_status', "status IN ('present', 'excused', 'absent')")
@Check('CK_attendance_mode', "mode IN ('in_person', 'online')")
@Index('UQ_attendance_member', ['meetingId', 'membershipId'], { unique: true, where: 'membership_id IS NOT NULL' })
@Index('UQ_attendance_participant', ['meetingId', 'participantId'], {
  unique: true,
  where: 'participant_id IS NOT NULL',
})
@Index('UQ_attendance_beneficiary', ['meetingId', 'beneficiaryId'], {
  unique: true,
  where: 'beneficiary_id IS NOT NULL',
})
export class Attendance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'uuid', nullable: true })
  membershipId: string | null;

  @ManyToOne('Membership', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'membership_id' })
  membership?: ForeignRow;

  /** A table participant (the tables issue adds its table and foreign key). */
  @Column({ type: 'uuid', nullable: true })
  participantId: string | null;

  @ManyToOne('TableParticipant', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id' })
  participant?: ForeignRow;

  /** A program's beneficiary invited to its activity (DOM-PRG-5). */
  @Column({ type: 'uuid', nullable: true })
  beneficiaryId: string | null;

  @ManyToOne('ProgramBeneficiary', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: ForeignRow;

  @Column({ type: 'text' })
  status: 'present' | 'excused' | 'absent';

  @Column({ type: 'text', default: 'in_person' })
  mode: 'in_person' | 'online';

  @Column({ type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  markedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
