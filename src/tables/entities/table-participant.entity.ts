import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Institution } from '../../institutions/entities/institution.entity';
import { Mesa } from './mesa.entity';

/**
 * DOM-TBL-2 (Ley 20.965 art. 104 B; reference SEC-03): the seats of a communal security council and how many
 * each needs at least (councillors: exactly two may sit).
 */
export const COUNCIL_SEATS = {
  mayor: 1,
  government_delegation: 1,
  councillor: 2,
  police: 1,
  investigations_police: 1,
  prosecutor: 1,
  cosoc: 2,
  executive_secretary: 1,
  gendarmeria: 1,
  juvenile_service: 1,
  senda: 1,
} as const;
export type CouncilSeat = keyof typeof COUNCIL_SEATS;

/** A representative of an institution at a table (DOM-TBL-1): name, role, contact; not a user unless invited. */
@Entity('table_participant')
@Check(
  'CK_table_participant_seat',
  `council_seat IS NULL OR council_seat IN (${Object.keys(COUNCIL_SEATS)
    .map((k) => `'${k}'`)
    .join(', ')})`,
)
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

  /** At a security council: the seat the law gives them (DOM-TBL-2). */
  @Column({ type: 'text', nullable: true })
  councilSeat: CouncilSeat | null;

  /** No longer at the table (kept for the actas and commitments that name them). */
  @Column({ type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
