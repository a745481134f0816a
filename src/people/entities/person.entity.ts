import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PersonDocumentType } from '../../common/format/identity';

/**
 * A person, one record shared by every association they belong to (DOM-RUT-3, DOM-ORG-15). The identity
 * document is stored canonical (`12345678-5`, 8-digit DNI); after an erasure request (DOM-DATA-2) the
 * personal fields are emptied and `erasedAt` set, while the memberships keep the association's history.
 */
@Entity('person')
@Check('CK_person_gender', "gender IS NULL OR gender IN ('female', 'male')")
@Index('UQ_person_document', ['documentType', 'documentNumber'], { unique: true, where: 'document_number IS NOT NULL' })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  documentType: PersonDocumentType;

  @Column({ type: 'text', nullable: true })
  documentNumber: string | null;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  /** foldForSearch(fullName): search and ordering without ICU collations. */
  @Index()
  @Column({ type: 'text' })
  nameKey: string;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  /** How their post is written when the record says so (Presidenta, Presidente); null: the neutral Presidencia. */
  @Column({ type: 'text', nullable: true })
  gender: 'female' | 'male' | null;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
