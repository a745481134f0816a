import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CountryCode } from '../territory.types';
import { Province } from './province.entity';

/** A Chilean commune (CUT `04101`) or a Peruvian district (`PE-130102`). */
@Entity('commune')
export class Commune {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  country: CountryCode;

  @Column({ type: 'text' })
  name: string;

  /** Name folded to lowercase without accents, for search and Spanish ordering (no ICU collations on PGlite). */
  @Index()
  @Column({ type: 'text' })
  sortKey: string;

  @Index()
  @Column({ type: 'text' })
  provinceCode: string;

  @ManyToOne(() => Province, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: Province;

  @Index()
  @Column({ type: 'text' })
  regionCode: string;

  /** Census population (DOM-ORG-3 uses it for the JJVV founders minimum); null where no figure is verified. */
  @Column({ type: 'integer', nullable: true })
  population: number | null;

  @Column({ type: 'text', nullable: true })
  populationSource: string | null;
}
