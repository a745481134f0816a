import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Minutes } from './minutes.entity';

/** An agreement of the minutes (DOM-MTG-7): numbered, with its votes, the majority that applies and the outcome. */
@Entity('agreement')
@Index('UQ_agreement_number', ['minutesId', 'number'], { unique: true })
@Check('CK_agreement_votes', 'votes_for >= 0 AND votes_against >= 0 AND abstentions >= 0')
@Check('CK_agreement_majority', "majority IN ('simple', 'absolute', 'two_thirds')")
@Check('CK_agreement_outcome', "outcome IN ('approved', 'rejected')")
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  minutesId: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'integer' })
  votesFor: number;

  @Column({ type: 'integer' })
  votesAgainst: number;

  @Column({ type: 'integer' })
  abstentions: number;

  @Column({ type: 'text' })
  majority: 'simple' | 'absolute' | 'two_thirds';

  @Column({ type: 'text' })
  outcome: 'approved' | 'rejected';

  /** DOM-MTG-6: taken while the meeting had no quorum (flagged in the editor and the acta). */
  @Column({ type: 'boolean', default: false })
  withoutQuorum: boolean;
}
