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
import { Institution } from '../../institutions/entities/institution.entity';
import { Meeting } from './meeting.entity';

/**
 * A commitment recorded in a meeting's minutes (DOM-MTG-8): what, who (a member, a table participant, an
 * institution or a named person), by when. Open and in-progress commitments are carried to the agenda of every
 * later meeting of the same body until done or cancelled (DOM-MTG-4). The minutes issue records them; the
 * tables issue adds participants, institutions and their foreign keys.
 */
@Entity('commitment')
@Check('CK_commitment_body', 'num_nonnulls(association_id, table_id) = 1')
@Check('CK_commitment_status', "status IN ('open', 'in_progress', 'done', 'cancelled')")
@Check('CK_commitment_owner_kind', "owner_kind IN ('member', 'participant', 'institution', 'person')")
@Check('CK_commitment_progress', 'progress >= 0 AND progress <= 100')
@Index('IX_commitment_open', ['associationId', 'status'])
// a table's board: counts per institution (index-only), and the page in the board's order (an expression index the
// migration creates; TypeORM cannot declare expressions, so it is told not to manage it)
@Index('IX_commitment_board_institution', ['tableId', 'ownerInstitutionId', 'status', 'dueOn'])
@Index('IX_commitment_board_order', { synchronize: false })
export class Commitment {
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

  @Index()
  @Column({ type: 'uuid' })
  originMeetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'origin_meeting_id' })
  originMeeting?: Meeting;

  @Column({ type: 'text' })
  description: string;

  /** Its place in the acta's commitments table. */
  @Column({ type: 'integer', default: 1 })
  position: number;

  /** Who owes it (DOM-MTG-8): a member, a table participant, an institution, or a named person who is not a user. */
  @Column({ type: 'text', default: 'person' })
  ownerKind: 'member' | 'participant' | 'institution' | 'person';

  @Column({ type: 'uuid', nullable: true })
  ownerMembershipId: string | null;

  @ManyToOne('Membership', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_membership_id' })
  ownerMembership?: ForeignRow;

  @Column({ type: 'uuid', nullable: true })
  ownerParticipantId: string | null;

  @ManyToOne('TableParticipant', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_participant_id' })
  ownerParticipant?: ForeignRow;

  @Column({ type: 'uuid', nullable: true })
  ownerInstitutionId: string | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_institution_id' })
  ownerInstitution?: Institution;

  /** The owner's name as written in the acta (a person who is not a user, or the institution's name). */
  @Column({ type: 'text', nullable: true })
  ownerName: string | null;

  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  /** The table's axis it belongs to (DOM-TBL-1), for the board's filter. */
  @Column({ type: 'uuid', nullable: true })
  axisId: string | null;

  @ManyToOne('TableAxis', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'axis_id' })
  axis?: ForeignRow;

  @Column({ type: 'text', default: 'open' })
  status: 'open' | 'in_progress' | 'done' | 'cancelled';

  /** The percentage of the last progress update that gave one (0 to 100). */
  @Column({ type: 'integer', default: 0 })
  progress: number;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
