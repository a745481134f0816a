import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FundCall } from './fund-call.entity';

/** A user who asked for the reminders before a call closes (DOM-FND-3; the subscribe button on the call's page). */
@Entity('fund_subscription')
@Index('UQ_fund_subscription', ['fundCallId', 'userId'], { unique: true })
export class FundSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  fundCallId: string;

  @ManyToOne(() => FundCall, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fund_call_id' })
  fundCall?: FundCall;

  @Index('IX_fund_subscription_user')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: { id: string };

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
