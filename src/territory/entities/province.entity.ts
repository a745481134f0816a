import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Region } from './region.entity';

/** A province (CUT `041`; Peru `PE-1301`). */
@Entity('province')
export class Province {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Index()
  @Column({ type: 'text' })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Region;

  @Column({ type: 'text' })
  name: string;
}
