import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CountryProfile, MunicipalitySettings } from '../municipality-settings';
import { Commune } from './commune.entity';

/** The municipality of one commune, with the settings that vary between municipalities. */
@Entity('municipality')
export class Municipality {
  /** Derived from the commune code (uuid v5), so every installation gives a municipality the same id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** One municipality per commune (the one-to-one relation below makes it unique). */
  @Column({ type: 'text' })
  communeCode: string;

  @OneToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_code' })
  commune?: Commune;

  @Column({ type: 'text' })
  name: string;

  /** IANA zone for business dates and meeting times (DOM-FMT-2). */
  @Column({ type: 'text' })
  timeZone: string;

  /** CL: RUT for people and organisations; PE: DNI for people and RUC for organisations. */
  @Column({ type: 'text' })
  countryProfile: CountryProfile;

  /** The rule parameters marked "(config)" in DOMAIN.md; see municipality-settings.ts for defaults. */
  @Column({ type: 'jsonb' })
  settings: MunicipalitySettings;

  /** Set when the municipality starts using the portal. */
  @Column({ type: 'timestamptz', nullable: true })
  onboardedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  officeName: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
