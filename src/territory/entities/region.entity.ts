import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CountryCode } from '../territory.types';

/** A Chilean region (CUT `04`) or a Peruvian department (`PE-13`). */
@Entity('region')
export class Region {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  country: CountryCode;

  @Column({ type: 'text' })
  name: string;
}
