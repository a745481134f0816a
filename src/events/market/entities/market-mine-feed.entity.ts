import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../../../people/entities/person.entity';

/**
 * An entrepreneur's secret calendar address of their market weeks ("Mis semanas", issue 19 item 6): only the token's
 * SHA-256 stored, shown once; a new one revokes the old; revocable. One live address per person.
 */
@Entity('market_feed')
@Index('UQ_market_feed_token', ['tokenHash'], { unique: true })
@Index('UQ_market_feed_person', ['personId'], { unique: true, where: 'revoked_at IS NULL' })
export class MarketFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
