import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/** express-session rows, kept through the app's one DataSource (no second pool: the embedded database has one). */
@Entity('user_session')
export class UserSession {
  @PrimaryColumn({ type: 'text' })
  sid: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
