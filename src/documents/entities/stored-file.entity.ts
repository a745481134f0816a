import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Uploaded bytes kept in the database (issue 21 item 5: instances share nothing but the database), under a
 * generated key that the owning row (a commitment's evidence) holds. No name, no type: those belong to the owner.
 */
@Entity('stored_file')
@Check('CK_stored_file_size', 'size_bytes = octet_length(content)')
export class StoredFile {
  @PrimaryColumn({ type: 'uuid' })
  key: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
