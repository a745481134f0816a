import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Association } from './association.entity';

/** A board's term (DOM-ORG-5, -8): provisional (60 days) or definitive (3 years); the latest started is current. */
@Entity('board_term')
@Check('CK_board_term_kind', "kind IN ('provisional', 'definitive')")
@Check('CK_board_term_dates', 'ends_on > starts_on')
export class BoardTerm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  associationId: string;

  @ManyToOne(() => Association, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: Association;

  @Column({ type: 'text' })
  kind: 'provisional' | 'definitive';

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
