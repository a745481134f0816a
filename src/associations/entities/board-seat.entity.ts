import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BoardPosition } from '../constitution-rules';
import { BoardTerm } from './board-term.entity';
import { Membership } from './membership.entity';

/** A seat of a board term: a member in a post, substitutes ranked (DOM-ORG-8). */
@Entity('board_seat')
@Index('UQ_board_seat_member', ['termId', 'membershipId'], { unique: true })
@Check('CK_board_seat_position', "position IN ('president', 'secretary', 'treasurer', 'director', 'substitute')")
export class BoardSeat {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  termId: string;

  @ManyToOne(() => BoardTerm, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'term_id' })
  term?: BoardTerm;

  @Index()
  @Column({ type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => Membership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id' })
  membership?: Membership;

  @Column({ type: 'text' })
  position: BoardPosition;

  @Column({ type: 'integer', nullable: true })
  rank: number | null;

  /** DOM-ORG-5 / -8: the declared nationality or residence and the absence of municipal office. */
  @Column({ type: 'boolean' })
  declaredEligible: boolean;
}
