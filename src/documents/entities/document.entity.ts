import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export type DocumentStatus = 'issued' | 'superseded' | 'revoked';

/**
 * Every document the portal issues (actas, certificates), kept byte for byte with its SHA-256 and a 128-bit
 * random verification code that anyone can check at /verificar/<code>. Issued bytes never change: a correction
 * is a new document that supersedes the old one.
 */
@Entity('document')
@Check('CHK_document_superseded_has_replacement', `("status" = 'superseded') = ("superseded_by_id" IS NOT NULL)`)
@Check('CHK_document_status_fields', `"status" = 'issued' OR "status_changed_at" IS NOT NULL`)
@Check('CHK_document_not_self_superseded', `"superseded_by_id" IS NULL OR "superseded_by_id" <> "id"`)
@Check('CHK_document_status', `"status" IN ('issued', 'superseded', 'revoked')`)
@Index(['ownerType', 'ownerId'])
export class IssuedDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `minutes`, `constitution_certificate`, `constitution_acta`... */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  ownerType: string;

  @Column({ type: 'text' })
  ownerId: string;

  /** The commune the document belongs to, when it belongs to one. */
  @Column({ type: 'text', nullable: true })
  communeCode: string | null;

  /** What the document is about, without personal data (shown publicly on the verification page). */
  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  filename: string;

  @Column({ type: 'text', default: 'application/pdf' })
  contentType: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text', unique: true })
  verificationCode: string;

  @Column({ type: 'text', default: 'issued' })
  status: DocumentStatus;

  /** The business time zone dates are shown in (the municipality's, DOM-FMT-2). */
  @Column({ type: 'text', default: 'America/Santiago' })
  timeZone: string;

  /** From the app's clock (the instant printed on the document). */
  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  supersededById: string | null;

  @ManyToOne(() => IssuedDocument, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'superseded_by_id', foreignKeyConstraintName: 'FK_document_superseded_by' })
  supersededBy?: IssuedDocument | null;

  /** Issued as an attachment of another document (the statutes with the constitution's certificate). */
  @Column({ type: 'uuid', nullable: true })
  issuedWithId: string | null;

  @ManyToOne(() => IssuedDocument, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'issued_with_id', foreignKeyConstraintName: 'FK_document_issued_with' })
  issuedWith?: IssuedDocument | null;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;
}
