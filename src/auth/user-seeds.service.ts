import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RoleGrant } from '../common/access/roles';
import { PasswordHasher, passwordLengthProblem } from './password-hasher';
import { UsersRepository } from './users.repository';

/** An account made without a request: its password and roles. */
export interface SeededUser {
  email: string;
  name: string;
  password: string;
  roles: RoleGrant[];
  personId?: string | null;
}

/** Accounts made without a request (demo data, tests, ADMIN_EMAIL at start-up): created once, never changed after. */
@Injectable()
export class UserSeeds {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** Creates a user with a password and roles unless the e-mail exists (demo data, tests). */
  async ensureUser(input: SeededUser): Promise<{ id: string; created: boolean }> {
    const existing = await this.users.findByEmail(input.email);
    if (existing) return { id: existing.id, created: false };
    return { id: await this.insert(input, 'seed'), created: true };
  }

  /** ADMIN_EMAIL / ADMIN_PASSWORD: makes sure that administrator exists (password set only when created). */
  async ensureAdmin(email: string, password: string, name = 'Administración'): Promise<{ created: boolean }> {
    const existing = await this.users.findByEmail(email);
    const grant: RoleGrant = { role: 'admin', scopeType: 'platform', scopeId: null };
    if (existing) {
      await this.dataSource.transaction((em) => this.users.addRole(existing.id, grant, null, em));
      return { created: false };
    }
    const problem = passwordLengthProblem(password);
    if (problem) throw new Error('ADMIN_PASSWORD debe tener entre 8 y 256 bytes');
    await this.insert({ email, name, password, roles: [grant] }, 'ADMIN_EMAIL');
    return { created: true };
  }

  /** The account, its roles and its audit row, in one transaction; `source` says where it came from. */
  private async insert(input: SeededUser, source: 'seed' | 'ADMIN_EMAIL'): Promise<string> {
    const hash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.insertUser(
        { email: input.email, name: input.name, passwordHash: hash, personId: input.personId ?? null, locale: 'es' },
        em,
      );
      for (const grant of input.roles) await this.users.addRole(user.id, grant, null, em);
      await this.audit.record(
        {},
        {
          action: 'user.created',
          objectType: 'user',
          objectId: user.id,
          details: { email: input.email, roles: input.roles, source },
        },
        em,
      );
      return user.id;
    });
  }
}
