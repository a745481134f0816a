import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CommitmentUpdate } from '../../meetings/entities/commitment-update.entity';
import { Commitment } from '../../meetings/entities/commitment.entity';

/**
 * A file that backs a progress update (DOM-TBL-3): a PDF, JPEG or PNG checked by its first bytes, kept outside
 * the web root under a generated name (`storageKey`) and served only as an attachment to people in the table's
 * scope. The name the user gave is kept for the download, never used as a path.
 */
@Entity('commitment_evidence')
@Check('CK_commitment_evidence_type', "content_type IN ('application/pdf', 'image/jpeg', 'image/png')")
@Check('CK_commitment_evidence_size', 'size_bytes > 0')
export class CommitmentEvidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => Commitment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  @Index()
  @Column({ type: 'uuid' })
  updateId: string;

  @ManyToOne(() => CommitmentUpdate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'update_id' })
  update?: CommitmentUpdate;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png';

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Index('UQ_commitment_evidence_key', { unique: true })
  @Column({ type: 'text' })
  storageKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
