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
import { Institution } from '../../institutions/entities/institution.entity';

export const TABLE_KINDS = ['security', 'productive_development', 'other'] as const;
export const SCOPE_LEVELS = ['commune', 'province', 'region'] as const;

/**
 * An inter-institutional table (mesa, DOM-TBL-1): a kind, a territorial scope (a commune, a province or a region),
 * the institution that convenes it, its participants and axes. Stored as `mesa` because TABLE is a reserved word
 * in SQL; meetings, minutes and commitments refer to it as `table_id`.
 */
@Entity('mesa')
@Check('CK_mesa_kind', "kind IN ('security', 'productive_development', 'other')")
@Check('CK_mesa_scope', "scope_level IN ('commune', 'province', 'region')")
@Check(
  'CK_mesa_commune',
  "(scope_level = 'commune' AND commune_code = scope_code) OR (scope_level <> 'commune' AND commune_code IS NULL)",
)
@Check('CK_mesa_council', "NOT security_council OR (kind = 'security' AND scope_level = 'commune')")
@Index('IX_mesa_scope', ['scopeLevel', 'scopeCode'])
export class Mesa {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: (typeof TABLE_KINDS)[number];

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  scopeLevel: (typeof SCOPE_LEVELS)[number];

  /** The official code of the commune (04101), province (041) or region (04). */
  @Column({ type: 'text' })
  scopeCode: string;

  /** Set for commune-scope tables: the municipality whose officers create and oversee it. */
  @Index()
  @Column({ type: 'text', nullable: true })
  communeCode: string | null;

  /** The zone its sessions' local times are kept in (the commune's, or the region's capital's). */
  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'uuid', nullable: true })
  convenerInstitutionId: string | null;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'convener_institution_id' })
  convener?: Institution;

  /** DOM-TBL-2: a commune's security table that is its communal security council (Ley 20.965). */
  @Column({ type: 'boolean', default: false })
  securityCouncil: boolean;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /**
   * Raised by database triggers whenever what the commitments board shows changes (its commitments, their
   * updates, the table's representatives and axes, an institution's name, a session's date): the board's cache key.
   */
  @Column({ type: 'bigint', default: 0 })
  boardVersion: string;

  @VersionColumn()
  version: number;
}
