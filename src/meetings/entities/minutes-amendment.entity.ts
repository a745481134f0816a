import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Minutes } from './minutes.entity';

/**
 * DOM-MTG-9: an approved acta never changes; a correction is an amendment recorded in the minutes of a later
 * meeting. Linked both ways: the later acta prints it, the amended one lists the amendments approved since.
 */
@Entity('minutes_amendment')
@Index('UQ_minutes_amendment', ['minutesId', 'amendsMinutesId'], { unique: true })
export class MinutesAmendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The minutes that record the correction. */
  @Column({ type: 'uuid' })
  minutesId: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  /** The approved acta it corrects. */
  @Index()
  @Column({ type: 'uuid' })
  amendsMinutesId: string;

  @ManyToOne(() => Minutes, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'amends_minutes_id' })
  amends?: Minutes;

  @Column({ type: 'text' })
  text: string;
}
