import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role, ScopeType } from '../../common/access/roles';
import { User } from './user.entity';

/** A role in a scope: admin on the platform, municipal officer of a commune, officer of an association... */
@Entity('role_assignment')
@Index('UQ_role_assignment', ['userId', 'role', 'scopeType', 'scopeId'], {
  unique: true,
  where: 'scope_id IS NOT NULL',
})
@Index('UQ_role_assignment_platform', ['userId', 'role'], { unique: true, where: 'scope_id IS NULL' })
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text' })
  scopeType: ScopeType;

  @Index()
  @Column({ type: 'text', nullable: true })
  scopeId: string | null;

  @Column({ type: 'uuid', nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
