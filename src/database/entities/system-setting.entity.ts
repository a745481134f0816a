import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Facts about this installation (when it was initialised, when demo data was loaded). */
@Entity('system_setting')
export class SystemSetting {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
