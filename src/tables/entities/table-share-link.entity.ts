import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Mesa } from './mesa.entity';

/**
 * A read-only link to a table's commitments board for representatives without an account (issue 9). Only the
 * token's SHA-256 is kept; revoking sets `revokedAt` and the link stops working at once.
 */
@Entity('table_share_link')
export class TableShareLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tableId: string;

  @ManyToOne(() => Mesa, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'table_id' })
  table?: Mesa;

  @Index('UQ_table_share_link_token', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  /** What the coordinator calls it (who it was given to). */
  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
