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
import { FundCall } from './fund-call.entity';

export const FUND_APPLICATION_STATUSES = [
  'preparing',
  'submitted',
  'admissible',
  'inadmissible',
  'awarded',
  'rejected',
] as const;
export type FundApplicationStatus = (typeof FUND_APPLICATION_STATUSES)[number];

/** Whole pesos in a bigint column, read back as a number (CLP under 10^12 are exact in a double). */
const CLP = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

/**
 * An application to a fund call (DOM-FND-4) by an association or a program's beneficiary (exactly one): its status,
 * the CLP requested and awarded, and for an award the expense report's due and submitted dates. An award whose
 * report is overdue fails "no pending expense report" for later calls (DOM-FND-2).
 */
@Entity('fund_application')
@Check(
  'CK_fund_application_status',
  "status IN ('preparing', 'submitted', 'admissible', 'inadmissible', 'awarded', 'rejected')",
)
@Check('CK_fund_application_applicant', 'num_nonnulls(association_id, beneficiary_id) = 1')
@Check(
  'CK_fund_application_amounts',
  'amount_requested_clp >= 0 AND amount_requested_clp < 1000000000000 AND (amount_awarded_clp IS NULL OR (amount_awarded_clp >= 0 AND amount_awarded_clp < 1000000000000))',
)
@Index('UQ_fund_application_association', ['fundCallId', 'associationId'], {
  unique: true,
  where: 'association_id IS NOT NULL',
})
@Index('UQ_fund_application_beneficiary', ['fundCallId', 'beneficiaryId'], {
  unique: true,
  where: 'beneficiary_id IS NOT NULL',
})
@Index('IX_fund_application_association', ['associationId'])
@Index('IX_fund_application_beneficiary', ['beneficiaryId'])
export class FundApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  fundCallId: string;

  @ManyToOne(() => FundCall, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fund_call_id' })
  fundCall?: FundCall;

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

  @Column({ type: 'text', default: 'preparing' })
  status: FundApplicationStatus;

  @Column({ type: 'bigint', transformer: CLP })
  amountRequestedClp: number;

  @Column({ type: 'bigint', nullable: true, transformer: CLP })
  amountAwardedClp: number | null;

  /** The local date of the award (set when the status becomes `awarded`). */
  @Column({ type: 'date', nullable: true })
  awardedOn: string | null;

  @Column({ type: 'date', nullable: true })
  expenseReportDueOn: string | null;

  @Column({ type: 'date', nullable: true })
  expenseReportSubmittedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
