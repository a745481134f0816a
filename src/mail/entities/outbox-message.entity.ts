import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file travelling with a message: inline bytes (base64) or an issued document fetched at send time. */
export type OutboxAttachment =
  | { filename: string; contentType: string; contentBase64: string }
  | { filename: string; contentType: string; documentId: string };

/**
 * A mail waiting to go out, written in the same transaction as the change that caused it. The worker claims
 * it, sends it, and records attempts; `dedupeKey` makes "send this once" a database fact.
 */
@Entity('outbox_message')
@Index('IDX_outbox_message_due', ['nextAttemptAt'], { where: 'sent_at IS NULL AND failed_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The template (`convocation`, `minutes`, `invitation`...), for the outbox page and metrics. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', unique: true })
  dedupeKey: string;

  @Column({ type: 'text' })
  toAddress: string;

  @Column({ type: 'text', nullable: true })
  toName: string | null;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb', default: [] })
  attachments: OutboxAttachment[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  /** A claim's lease: another worker may take the row once it passes (a worker that died mid-send). */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Which claim holds the row: only that worker may record the outcome. */
  @Column({ type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Set when the worker gives up after the last retry. */
  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  smtpMessageId: string | null;
}
