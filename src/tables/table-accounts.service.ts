import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import type { Actor } from '../common/access/actor';
import type { RoleGrant } from '../common/access/roles';
import { Mesa } from './entities/mesa.entity';
import { TableParticipant } from './entities/table-participant.entity';
import { TableAccess, tableAuditEntry, tableRights } from './table-access.service';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The roles a table's managers give from its page: its representatives' accounts and its coordinators. */
const TABLE_GRANTS: readonly RoleGrant['role'][] = ['table_participant', 'table_coordinator'];

/** Who holds an account on a table: its coordinators, and the e-mails of its representatives' accounts. */
export interface TableAccounts {
  coordinators: { id: string; name: string; email: string; disabled: boolean }[];
  /** Lower-case e-mails of the users with `table_participant` on the table. */
  participantEmails: Set<string>;
}

/**
 * Accounts given from a table's page (issue 20 item 2): whoever runs the table (its coordinator, the municipality
 * of a commune table, administrators) gives a representative an account (`table_participant`, linked to the
 * representative by the e-mail recorded on them, which is how progress on their institution's commitments is
 * allowed) and names coordinators. Identity's path is the programs' one (`UsersService.grantByEmail`): an existing
 * account gets the role, a new person an invitation naming the table and the role.
 */
@Injectable()
export class TableAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TableAccess,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /** The table's accounts (for its page; the caller has loaded the table). */
  async accounts(tableId: string): Promise<TableAccounts> {
    const holders = await this.users.holdersOf('table', tableId);
    return {
      coordinators: holders
        .filter((h) => h.role === 'table_coordinator')
        .map(({ id, name, email, disabled }) => ({ id, name, email, disabled })),
      participantEmails: new Set(
        holders.filter((h) => h.role === 'table_participant').map((h) => h.email.toLowerCase()),
      ),
    };
  }

  /** For identity's scope registry: whoever runs the table gives its roles (never another table's, never others). */
  async mayGrant(actor: Actor, grant: RoleGrant): Promise<boolean> {
    if (!TABLE_GRANTS.includes(grant.role) || !grant.scopeId || !UUID.test(grant.scopeId)) return false;
    const table = await this.dataSource.getRepository(Mesa).findOneBy({ id: grant.scopeId });
    return !!table && tableRights(actor, table).manage;
  }

  /**
   * POST /mesas/:id/participantes/:participantId/cuenta: the representative gets an account on the table, by the
   * e-mail recorded on them or the one typed (which is then recorded on them). Twice: 409, nothing written.
   */
  async giveAccount(
    actor: Actor,
    tableId: string,
    participantId: string,
    input: { email?: string },
    context: AuditContext,
  ): Promise<{ invited: boolean; email: string; name: string }> {
    const { table } = await this.access.load(actor, tableId, 'manage', context);
    const participant = UUID.test(participantId)
      ? await this.dataSource
          .getRepository(TableParticipant)
          .findOne({ where: { id: participantId, tableId: table.id }, relations: { institution: true } })
      : null;
    if (!participant || participant.leftAt) throw TableException.notFound();
    const typed = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
    const email = typed || (participant.email ?? '').trim().toLowerCase();
    if (!email) throw TableException.field('accountEmail', tableTexts.accountEmailRequired({ name: participant.name }));
    if (email.length > 200 || !EMAIL.test(email))
      throw TableException.field('accountEmail', tableTexts.accountEmailInvalid({ email: email.slice(0, 200) }));
    const { participantEmails } = await this.accounts(table.id);
    // one account per representative: another address for one who has an account would move their link (their
    // institution's commitments) to a second account while the first keeps the table
    const recorded = (participant.email ?? '').trim().toLowerCase();
    const holder = participantEmails.has(email) ? email : participantEmails.has(recorded) ? recorded : null;
    if (holder)
      throw TableException.conflict(
        'ACCOUNT_EXISTS',
        tableTexts.accountExists({ name: participant.name, email: holder }),
        'email',
      );
    const { invited } = await this.users.grantByEmail(
      actor,
      { email, name: participant.name, institution: participant.institution?.name },
      { role: 'table_participant', scopeType: 'table', scopeId: table.id },
      context,
    );
    if ((participant.email ?? '').toLowerCase() !== email) {
      // the account is linked to the representative by this e-mail (commitment progress reads it)
      await this.dataSource.transaction(async (em) => {
        await em.update(TableParticipant, { id: participant.id }, { email });
        await this.audit.record(
          context,
          tableAuditEntry(table, 'table.participant_linked', { participantId: participant.id, email }),
          em,
        );
      });
    }
    return { invited, email, name: participant.name };
  }

  /** POST /mesas/:id/coordinadores: a coordinator named by e-mail (invited when new). Twice: 409, nothing written. */
  async nameCoordinator(
    actor: Actor,
    tableId: string,
    input: { name?: string; email?: string },
    context: AuditContext,
  ): Promise<{ invited: boolean; email: string; name: string }> {
    const { table } = await this.access.load(actor, tableId, 'manage', context);
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
    const errors = [];
    if (!name) errors.push(TableException.fieldError('coordinatorName', tableTexts.coordinatorNameRequired()));
    if (!email)
      errors.push(
        TableException.fieldError('coordinatorEmail', tableTexts.accountEmailRequired({ name: name || '—' })),
      );
    else if (email.length > 200 || !EMAIL.test(email))
      errors.push(
        TableException.fieldError('coordinatorEmail', tableTexts.accountEmailInvalid({ email: email.slice(0, 200) })),
      );
    if (errors.length) throw TableException.invalid(errors);
    const { coordinators } = await this.accounts(table.id);
    if (coordinators.some((c) => c.email.toLowerCase() === email))
      throw TableException.conflict('ACCOUNT_EXISTS', tableTexts.coordinatorExists({ email }), 'coordinatorEmail');
    const { invited } = await this.users.grantByEmail(
      actor,
      { email, name: name.slice(0, 200) },
      { role: 'table_coordinator', scopeType: 'table', scopeId: table.id },
      context,
    );
    return { invited, email, name };
  }
}
