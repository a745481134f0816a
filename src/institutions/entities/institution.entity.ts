import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const INSTITUTION_KINDS = [
  'municipality',
  'police',
  'investigations_police',
  'prosecutor',
  'crime_prevention',
  'government_delegation',
  'sercotec',
  'other_public',
  'civil_society',
  'association',
  'private',
] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/**
 * An institution that sits at tables and owns commitments (DOM-TBL-1, DOM-MTG-8): Carabineros, PDI, a
 * municipality or one of its departments, Sercotec... Shared by every table; its people never need an account.
 * The same name (accents and case aside) in the same commune is the same institution (found or created under a lock).
 */
@Entity('institution')
@Check('CK_institution_kind', `kind IN (${INSTITUTION_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Index('IX_institution_name', ['nameKey', 'communeCode'])
export class Institution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** The name folded for search and uniqueness (no accents, lower case, single spaces). */
  @Column({ type: 'text' })
  nameKey: string;

  @Column({ type: 'text' })
  kind: InstitutionKind;

  /** The commune it belongs to (a municipality, a local police unit); null for regional or national bodies. */
  @Column({ type: 'text', nullable: true })
  communeCode: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
