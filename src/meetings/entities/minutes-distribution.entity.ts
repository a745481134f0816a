import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Minutes } from './minutes.entity';

/** DOM-MTG-9: each time an approved acta was sent to the members (distribution is recorded, not a status). */
@Entity('minutes_distribution')
export class MinutesDistribution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  minutesId: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  @Column({ type: 'uuid', nullable: true })
  sentBy: string | null;

  /** Messages queued by this sending (members already sent this version are not mailed again). */
  @Column({ type: 'integer' })
  queued: number;

  /** Active members without an e-mail at the time. */
  @Column({ type: 'integer' })
  withoutEmail: number;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
