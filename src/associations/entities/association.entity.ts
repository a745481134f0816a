import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Commune } from '../../territory/entities/commune.entity';
import type { Area, AssociationKind, AssociationStatus } from '../association-rules';

/** A community organisation of a commune (junta de vecinos, functional organisation, A.G., Peruvian kinds). */
@Entity('association')
@Check(
  'CK_association_status',
  "status IN ('in_formation','pending_certification','constituted','in_force','objected','board_expired','dissolved')",
)
@Check('CK_association_area', "area IN ('urban','rural')")
@Index('UQ_association_name', ['communeCode', 'nameKey'], { unique: true })
@Index('UQ_association_rut', ['rut'], { unique: true, where: 'rut IS NOT NULL' })
@Index('UQ_association_ruc', ['ruc'], { unique: true, where: 'ruc IS NOT NULL' })
export class Association {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'text' })
  communeCode: string;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code' })
  commune?: Commune;

  @Column({ type: 'text' })
  kind: AssociationKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** foldForSearch(name): unique per commune, used for search and ordering. */
  @Column({ type: 'text' })
  nameKey: string;

  @Column({ type: 'text' })
  area: Area;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  neighbourhoodUnit: string | null;

  /** The organisation's own RUT (DOM-RUT-3), canonical; Peru uses `ruc`. */
  @Column({ type: 'text', nullable: true })
  rut: string | null;

  @Column({ type: 'text', nullable: true })
  ruc: string | null;

  @Index()
  @Column({ type: 'text', default: 'in_formation' })
  status: AssociationStatus;

  /** DOM-ORG-13: Ministry of Economy registry number and date of a trade association. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  registryNumber: string | null;

  @Column({ type: 'date', nullable: true })
  registeredOn: string | null;

  /** DOM-ORG-14 (Peru): who recognised the organisation, when, and when the recognition lapses. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  recognisedBy: string | null;

  @Column({ type: 'date', nullable: true })
  recognisedOn: string | null;

  @Column({ type: 'date', nullable: true })
  recognitionExpiresOn: string | null;

  /** The organisation's contact (the municipality coordinates through it); never on public pages. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** DOM-ORG-11: the day active members fell below the founding minimum (null while at or above it). */
  @Column({ type: 'date', nullable: true })
  membersBelowMinimumSince: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
