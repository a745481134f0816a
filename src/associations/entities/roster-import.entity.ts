import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Association } from './association.entity';

/**
 * An uploaded roster file between its preview and its confirmation (HTML import). Kept for a day, then
 * removed; confirming validates the file again against the roster as it is then.
 */
@Entity('roster_import')
export class RosterImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  associationId: string;

  @ManyToOne(() => Association, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: Association;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  filename: string;

  @Column({ type: 'text' })
  format: 'csv' | 'xlsx';

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'timestamptz', nullable: true })
  importedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
