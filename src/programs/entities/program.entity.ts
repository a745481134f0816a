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
} from 'typeorm';
import { Institution } from '../../institutions/entities/institution.entity';

export const PROGRAM_KINDS = ['associative', 'individual'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

/** Whole pesos in a bigint column, read back as a number (CLP under 10^12 are exact in a double). */
export const CLP = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

/**
 * A program of an agency (DOM-PRG-1): Sercotec's Barrios Comerciales in a region, a municipal productive-development
 * office's program in its commune. The agency is an institution of the shared list; the territory is a region or a
 * list of communes; the budget is whole CLP with its lines of action. Program officers hold the `program_officer`
 * role scoped to it.
 */
@Entity('program')
@Check('CK_program_kind', "kind IN ('associative', 'individual')")
@Check('CK_program_dates', 'ends_on >= starts_on')
@Check('CK_program_territory', 'region_code IS NOT NULL OR cardinality(commune_codes) > 0')
@Check('CK_program_budget', 'budget_clp IS NULL OR (budget_clp >= 0 AND budget_clp < 1000000000000)')
@Index('IX_program_region', ['regionCode'])
export class Program {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: ProgramKind;

  /** The year or edition (a 3-year project keeps the year of its call). */
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'uuid' })
  agencyInstitutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_institution_id' })
  agency?: Institution;

  /** A region's code (04), when the program covers the whole region. */
  @Column({ type: 'text', nullable: true })
  regionCode: string | null;

  /** The communes (CUT) it covers, when it is not a whole region. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  communeCodes: string[];

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'bigint', nullable: true, transformer: CLP })
  budgetClp: number | null;

  /** Lines of action (Barrios Comerciales: capital social, oferta comercial, entorno urbano comercial). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  lines: string[];

  /** The zone its activities' local times are kept in (the region's or commune's municipality zone). */
  @Column({ type: 'text', default: 'America/Santiago' })
  timeZone: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
