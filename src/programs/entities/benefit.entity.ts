import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProgramBeneficiary } from './beneficiary.entity';
import { CLP, Program } from './program.entity';

export const BENEFIT_KINDS = [
  'subsidy',
  'training',
  'technical_assistance',
  'equipment',
  'promotion',
  'other',
] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

/**
 * Help delivered (DOM-PRG-4): a kind, whole CLP (0 for non-monetary help), the date, the line of action, and who got
 * it: a beneficiary, or an association for associative benefits. Recorded past the budget only with an explicit
 * confirmation, and flagged.
 */
@Entity('program_benefit')
@Check(
  'CK_program_benefit_kind',
  "kind IN ('subsidy', 'training', 'technical_assistance', 'equipment', 'promotion', 'other')",
)
@Check('CK_program_benefit_amount', 'amount_clp >= 0 AND amount_clp < 1000000000000')
@Check('CK_program_benefit_recipient', 'num_nonnulls(beneficiary_id, association_id) = 1')
@Index('IX_program_benefit_program', ['programId', 'deliveredOn'])
export class ProgramBenefit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  beneficiaryId: string | null;

  @ManyToOne(() => ProgramBeneficiary, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: ProgramBeneficiary;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  associationId: string | null;

  @ManyToOne('Association', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: { id: string };

  @Column({ type: 'text' })
  kind: BenefitKind;

  @Column({ type: 'bigint', transformer: CLP })
  amountClp: number;

  @Column({ type: 'date' })
  deliveredOn: string;

  @Column({ type: 'text', nullable: true })
  line: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Recorded past the budget with the officer's confirmation (DOM-PRG-4). */
  @Column({ type: 'boolean', default: false })
  overBudget: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
