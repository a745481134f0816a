import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Program } from '../../../programs/entities/program.entity';
import { Mesa } from '../../../tables/entities/mesa.entity';

/** A `date[]` column read back as `yyyy-mm-dd` strings (the driver parses each date to a local midnight). */
export const DATE_LIST = {
  to: (value: string[] | null | undefined) => value,
  from: (value: (string | Date)[] | null): string[] | null =>
    value === null || value === undefined
      ? null
      : value.map((d) =>
          typeof d === 'string'
            ? d.slice(0, 10)
            : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
        ),
};

/**
 * A place where entrepreneurs sell one week a month (DOM-MKT-1): Melipilla's Mall Espacio Urbano. It belongs to a
 * program, or to a table; the entrepreneurs who apply are always beneficiaries of `program_id` (a table's venue
 * names the program whose beneficiaries sell there), so the table adds its coordinators as managers. A month's weeks
 * are the Monday-to-Sunday weeks that start in it, unless the venue lists its own week start dates.
 */
@Entity('market_venue')
@Check('CK_market_venue_owner', 'program_id IS NOT NULL OR table_id IS NOT NULL')
@Check('CK_market_venue_stands', 'stands_per_week > 0 AND stands_per_week <= 1000')
@Check('CK_market_venue_cap', 'category_cap_per_week IS NULL OR category_cap_per_week > 0')
@Index('IX_market_venue_program', ['programId'])
@Index('IX_market_venue_table', ['tableId'])
export class MarketVenue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'text' })
  communeCode: string;

  @Column({ type: 'uuid', nullable: true })
  programId: string | null;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  @Column({ type: 'uuid', nullable: true })
  tableId: string | null;

  @ManyToOne(() => Mesa, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'table_id' })
  table?: Mesa;

  @Column({ type: 'integer' })
  standsPerWeek: number;

  /** At most this many stands of one business category in one week (null: no cap). */
  @Column({ type: 'integer', nullable: true })
  categoryCapPerWeek: number | null;

  /** The venue's own week start dates (DOM-MKT-1); null: the Monday-to-Sunday weeks that start in the month. */
  @Column({ type: 'date', array: true, nullable: true, transformer: DATE_LIST })
  ownDates: string[] | null;

  /** The commune's municipality zone (America/Santiago by default): a week's local dates are in it. */
  @Column({ type: 'text', default: 'America/Santiago' })
  timeZone: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
