import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from './person.entity';

export const CONSENT_RECIPIENTS = ['program'] as const;
export type ConsentRecipient = (typeof CONSENT_RECIPIENTS)[number];

/**
 * A consent to share personal data outside where it was given (Ley 21.719, DOM-DATA-2, DOM-PRG-3): who consented (a
 * person for themself, or an association's officer for its roster), with whom it is shared, the exact text version
 * agreed, who recorded it and when, and its withdrawal. Rows are never deleted: a withdrawal closes one, a new
 * consent is a new row, so the history answers "who could see this, and since when".
 */
@Entity('consent')
@Check('CK_consent_subject', 'num_nonnulls(person_id, association_id) = 1')
@Check('CK_consent_recipient', `recipient_type IN (${CONSENT_RECIPIENTS.map((r) => `'${r}'`).join(', ')})`)
@Check('CK_consent_withdrawal', '(withdrawn_at IS NULL) = (withdrawn_by IS NULL)')
@Index('UQ_consent_person_active', ['personId', 'recipientType', 'recipientId'], {
  unique: true,
  where: 'person_id IS NOT NULL AND withdrawn_at IS NULL',
})
@Index('UQ_consent_association_active', ['associationId', 'recipientType', 'recipientId'], {
  unique: true,
  where: 'association_id IS NOT NULL AND withdrawn_at IS NULL',
})
@Index('IX_consent_recipient', ['recipientType', 'recipientId'])
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  /** An association's roster shared by its officer (the association is a feature above: related by name). */
  @Column({ type: 'uuid', nullable: true })
  associationId: string | null;

  @ManyToOne('Association', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'association_id' })
  association?: { id: string };

  @Column({ type: 'text' })
  recipientType: ConsentRecipient;

  @Column({ type: 'uuid' })
  recipientId: string;

  /** The text version the subject read and agreed to (e.g. "programa-roster-2026-12"). */
  @Column({ type: 'text' })
  textVersion: string;

  @Column({ type: 'uuid' })
  grantedBy: string;

  @Column({ type: 'text' })
  grantedByName: string;

  @Column({ type: 'timestamptz' })
  grantedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
