import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One request that must not run twice (issue 22 item 2): an API POST sent with an `Idempotency-Key` header, or a
 * page form carrying its one-time form id. Kept 24 hours; while `status` is null the first request is running.
 */
@Entity('request_key')
@Index('UQ_request_key', ['scope', 'kind', 'key'], { unique: true })
export class RequestKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Whose key it is: the user who sent it (keys of different users never meet). */
  @Column({ type: 'uuid' })
  scope: string;

  /** `api` (Idempotency-Key header) or `form` (a page form's one-time id). */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  key: string;

  /** A hash of method, path and body: the same key with another request is refused, never answered with this one. */
  @Column({ type: 'text' })
  fingerprint: string;

  /** The first answer's status, once it is known. */
  @Column({ type: 'integer', nullable: true })
  status: number | null;

  /** The first answer's JSON body (API). */
  @Column({ type: 'jsonb', nullable: true })
  body: unknown;

  /** Where the first answer sent the browser (forms: the 303's Location). */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
