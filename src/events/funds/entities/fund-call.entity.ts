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
import { Institution } from '../../../institutions/entities/institution.entity';
import type {
  FundCallCategory,
  FundCallRequirements,
  FundCallScope,
  FundTargetApplicant,
} from '../fund-call-categories';

/** Whole pesos in a bigint column, read back as a number (CLP under 10^12 are exact in a double). */
const CLP = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

/**
 * A fund call (DOM-FND-1): an institution's call for applications (FFOIP, a FONDEVE, Capital Semilla), national,
 * regional or communal, for persons, organisations (of some kinds) or businesses, with its amount range in CLP, its
 * open and close instants (entered as local date-times of `timeZone`), its link and requirements. The creator's scope
 * (a program, a commune) is kept so the same officers may edit it while it is upcoming.
 */
@Entity('fund_call')
@Check('CK_fund_call_scope', "scope IN ('communal', 'regional', 'national')")
@Check(
  'CK_fund_call_territory',
  "scope = 'national' OR (scope = 'regional' AND cardinality(region_codes) > 0) OR (scope = 'communal' AND cardinality(commune_codes) > 0)",
)
@Check(
  'CK_fund_call_category',
  "category IN ('social', 'security', 'productive', 'culture', 'sport', 'environment', 'infrastructure', 'other')",
)
@Check('CK_fund_call_target', "target_applicant IN ('persons', 'organizations', 'businesses')")
@Check('CK_fund_call_window', 'closes_at > opens_at')
@Check(
  'CK_fund_call_amounts',
  '(amount_min_clp IS NULL OR (amount_min_clp >= 0 AND amount_min_clp < 1000000000000)) AND (amount_max_clp IS NULL OR (amount_max_clp >= 0 AND amount_max_clp < 1000000000000)) AND (amount_min_clp IS NULL OR amount_max_clp IS NULL OR amount_min_clp <= amount_max_clp)',
)
@Check('CK_fund_call_year', 'year BETWEEN 2000 AND 2100')
@Index('UQ_fund_call_name', ['institutionId', 'name', 'year'], { unique: true })
@Index('IX_fund_call_closes', ['closesAt'])
@Index('IX_fund_call_opens', ['opensAt'])
// an applicant's calls (fund matching, issue 21 item 2): the national ones, and by GIN its region's and its commune's
// (`@>`; the migration creates the GIN indexes, TypeORM cannot declare their method, so it is told not to manage them)
@Index('IX_fund_call_national', ['targetApplicant'], { where: "scope = 'national'" })
@Index('IX_fund_call_regions', { synchronize: false })
@Index('IX_fund_call_communes', { synchronize: false })
export class FundCall {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: Institution;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  scope: FundCallScope;

  /** The regions (04) of a regional call. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regionCodes: string[];

  /** The communes (CUT, 04101) of a communal call. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  communeCodes: string[];

  @Column({ type: 'text' })
  category: FundCallCategory;

  @Column({ type: 'text' })
  targetApplicant: FundTargetApplicant;

  /** The association kinds admitted (juntas de vecinos only for a FONDEVE); null admits any kind. */
  @Column({ type: 'text', array: true, nullable: true })
  associationKinds: string[] | null;

  @Column({ type: 'bigint', nullable: true, transformer: CLP })
  amountMinClp: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: CLP })
  amountMaxClp: number | null;

  @Column({ type: 'timestamptz' })
  opensAt: Date;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  /** The zone the open and close times were given in and are shown in (DOM-FND-3). */
  @Column({ type: 'text', default: 'America/Santiago' })
  timeZone: string;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  /** API.md's `requirements` object (DOM-FND-1). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  requirements: FundCallRequirements;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The program whose officer created it (program officers edit the calls of their program). */
  @Index('IX_fund_call_owner_program')
  @Column({ type: 'uuid', nullable: true })
  ownerProgramId: string | null;

  @ManyToOne('Program', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_program_id' })
  ownerProgram?: { id: string };

  /** The commune whose municipal officer created it (a FONDEVE). */
  @Column({ type: 'text', nullable: true })
  ownerCommuneCode: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
