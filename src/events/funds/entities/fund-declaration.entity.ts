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

export const FUND_DECLARATION_KINDS = ['public_funds_registry', 'no_activity_start'] as const;
export type FundDeclarationKind = (typeof FUND_DECLARATION_KINDS)[number];

/**
 * What the portal cannot know and an applicant declares (DOM-FND-1): registration as a receiver of public funds
 * (Ley 19.862) with its date; for a beneficiary, "no activity start at the SII" with its date. One current row per
 * applicant and kind (a new declaration replaces it; the audit log keeps the history).
 */
@Entity('fund_declaration')
@Check('CK_fund_declaration_kind', "kind IN ('public_funds_registry', 'no_activity_start')")
@Check('CK_fund_declaration_applicant', 'num_nonnulls(association_id, beneficiary_id) = 1')
@Check('CK_fund_declaration_association_kind', "association_id IS NULL OR kind = 'public_funds_registry'")
@Index('UQ_fund_declaration_association', ['associationId', 'kind'], {
  unique: true,
  where: 'association_id IS NOT NULL',
})
@Index('UQ_fund_declaration_beneficiary', ['beneficiaryId', 'kind'], {
  unique: true,
  where: 'beneficiary_id IS NOT NULL',
})
export class FundDeclaration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  associationId: string | null;

  @ManyToOne('Association', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: { id: string };

  @Column({ type: 'uuid', nullable: true })
  beneficiaryId: string | null;

  @ManyToOne('ProgramBeneficiary', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: { id: string };

  @Column({ type: 'text' })
  kind: FundDeclarationKind;

  /** registered (or without activity start) yes/no */
  @Column({ type: 'boolean' })
  value: boolean;

  /** the registration date given, or the day of the declaration */
  @Column({ type: 'date' })
  declaredOn: string;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
