import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Insert-only record of what happened (SECURITY.md, audit): a database trigger refuses UPDATE, DELETE and
 * TRUNCATE. Never holds a password, a token or a full RUT (AuditService scrubs details).
 */
@Entity('audit_log')
@Index(['objectType', 'objectId'])
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** From the app's clock (the same clock as the change it records). */
  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Index()
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  objectType: string | null;

  @Column({ type: 'text', nullable: true })
  objectId: string | null;

  @Column({ type: 'text', nullable: true })
  scopeType: string | null;

  @Column({ type: 'text', nullable: true })
  scopeId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;
}
