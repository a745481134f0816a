import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Institution } from './institution.entity';
import { Mesa } from './mesa.entity';

/** A representative of an institution at a table (DOM-TBL-1): name, role, contact; not a user unless invited. */
@Entity('table_participant')
@Index('IX_table_participant_table', ['tableId', 'institutionId'])
export class TableParticipant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tableId: string;

  @ManyToOne(() => Mesa, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'table_id' })
  table?: Mesa;

  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: Institution;

  @Column({ type: 'text' })
  name: string;

  /** Their role at the table or in the institution ("Comisario", "Director de Seguridad", "Secretaria ejecutiva"). */
  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** No longer at the table (kept for the actas and commitments that name them). */
  @Column({ type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
