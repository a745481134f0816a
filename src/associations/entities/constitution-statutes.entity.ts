import { Column, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Association } from './association.entity';

/**
 * The statutes approved at the constitutive assembly, as a PDF attached to the constitution (issue 20 item 8):
 * kept in the database (several instances share it, not a disk), replaceable until the certification, then issued
 * with the certificate (its SHA-256 printed on it, its bytes offered on the certificate's verification page).
 */
@Entity('constitution_statutes')
export class ConstitutionStatutes {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  associationId: string;

  @OneToOne(() => Association, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'association_id' })
  association?: Association;

  /** The name as uploaded (shown on the page); downloads are named `estatutos-<date>-<org>.pdf`. */
  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'timestamptz' })
  uploadedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;
}
