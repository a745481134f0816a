import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../../people/entities/person.entity';
import { Consent } from '../../people/entities/consent.entity';
import { Program } from './program.entity';

export const OWNER_SEXES = ['female', 'male', 'other', 'undisclosed'] as const;
export type OwnerSex = (typeof OWNER_SEXES)[number];
export const BENEFICIARY_SOURCES = ['direct', 'roster', 'import'] as const;
export type BeneficiarySource = (typeof BENEFICIARY_SOURCES)[number];

/**
 * A business in a program (DOM-PRG-2): its owner is a person of the one registry (linked, never copied), with the
 * business name, category, owner's sex (for gender indicators), address and commune, and optionally the association
 * and roster membership it came from. Registered directly (or imported) it carries the owner's own consent; taken
 * from a roster it rests on the association's consent (DOM-PRG-3).
 */
@Entity('program_beneficiary')
@Check('CK_program_beneficiary_sex', "owner_sex IN ('female', 'male', 'other', 'undisclosed')")
@Check('CK_program_beneficiary_source', "source IN ('direct', 'roster', 'import')")
@Check('CK_program_beneficiary_consent', "source = 'roster' OR consent_id IS NOT NULL")
@Index('UQ_program_beneficiary_person', ['programId', 'personId'], { unique: true })
@Index('IX_program_beneficiary_association', ['programId', 'associationId'])
export class ProgramBeneficiary {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Program;

  @Index()
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'text' })
  businessName: string;

  @Column({ type: 'text' })
  businessCategory: string;

  @Column({ type: 'text' })
  ownerSex: OwnerSex;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text' })
  communeCode: string;

  @Column({ type: 'uuid', nullable: true })
  associationId: string | null;

  @ManyToOne('Association', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'association_id' })
  association?: { id: string };

  /** The roster membership it was taken from (a consenting association's member). */
  @Column({ type: 'uuid', nullable: true })
  membershipId: string | null;

  @ManyToOne('Membership', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'membership_id' })
  membership?: { id: string };

  @Column({ type: 'text' })
  source: BeneficiarySource;

  /** The owner's own consent (registered directly or imported). */
  @Column({ type: 'uuid', nullable: true })
  consentId: string | null;

  @ManyToOne(() => Consent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id' })
  consent?: Consent;

  @Column({ type: 'date' })
  enrolledOn: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
