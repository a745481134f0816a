import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Mesa } from './mesa.entity';
import { TableParticipant } from './table-participant.entity';

/** A working axis of a table with its own members (DOM-TBL-1; Melipilla: commercialisation, fund calendar, tourism). */
@Entity('table_axis')
@Index('UQ_table_axis_name', ['tableId', 'nameKey'], { unique: true })
export class TableAxis {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tableId: string;

  @ManyToOne(() => Mesa, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'table_id' })
  table?: Mesa;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  nameKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A participant on an axis. */
@Entity('table_axis_member')
export class TableAxisMember {
  @PrimaryColumn({ type: 'uuid' })
  axisId: string;

  @ManyToOne(() => TableAxis, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'axis_id' })
  axis?: TableAxis;

  @PrimaryColumn({ type: 'uuid' })
  participantId: string;

  @ManyToOne(() => TableParticipant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id' })
  participant?: TableParticipant;
}
