import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { UsersService } from '../auth/users.service';
import { MailService } from '../mail/mail.service';
import { AssociationAccess } from './association-access';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { RosterRepository } from './roster.repository';
import { AssociationsService } from './associations.service';
import type { Association } from './entities/association.entity';

/** Who corrects the identity of an association's members, as the member page names them. */
export interface IdentityCorrectors {
  /** The commune whose municipality corrects (DOM-ORG-15). */
  communeName: string;
  /** The commune's active municipal officers, by name (none: the platform's administration). */
  names: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person's name and birth date are corrected by the municipality (DOM-ORG-15), so a roster officer who finds
 * one wrong (a typo, or a name no acta can print, issue 22 item 5) is shown who corrects it and asks with one
 * click: a mail to each of the commune's municipal officers, queued in the outbox with a link to the member.
 */
@Injectable()
export class IdentityCorrections {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AssociationAccess,
    private readonly repo: RosterRepository,
    private readonly associations: AssociationsService,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async correctors(association: Association): Promise<IdentityCorrectors> {
    const [municipality, officers] = await Promise.all([
      this.associations.municipality(association.communeCode),
      this.officersOf(association),
    ]);
    return { communeName: municipality.communeName, names: officers.map((o) => o.name) };
  }

  /** Asks the commune's municipal officers to correct a member's identity; the number of people asked. */
  async request(
    actor: Actor,
    associationId: string,
    memberId: string,
    note: string | undefined,
    context: AuditContext,
  ): Promise<number> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    const member = UUID.test(memberId) ? await this.repo.rosterMember(association.id, memberId) : null;
    if (!member) throw AssociationException.notFound();
    const officers = await this.officersOf(association);
    if (!officers.length) throw AssociationException.rule('NO_MUNICIPAL_OFFICER', T.noMunicipalOfficer());
    const at = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      for (const officer of officers)
        await this.mail.enqueue(
          {
            template: 'identity-correction',
            to: { address: officer.email, name: officer.name },
            context: {
              associationName: association.name,
              memberName: member.fullName,
              requesterName: actor.name,
              note: note?.trim() || null,
              memberUrl: `/organizaciones/${association.id}/socios/${member.id}`,
            },
            dedupeKey: `identity-correction:${member.id}:${officer.id}:${at.toISOString()}`,
          },
          em,
        );
      await this.audit.record(
        context,
        {
          action: 'person.correction_requested',
          objectType: 'membership',
          objectId: member.id,
          scopeType: 'association',
          scopeId: association.id,
          details: { recipients: officers.map((o) => o.id) },
        },
        em,
      );
    });
    return officers.length;
  }

  private async officersOf(association: Association): Promise<{ id: string; name: string; email: string }[]> {
    return (await this.users.holdersOf('commune', association.communeCode)).filter(
      (h) => h.role === 'municipal_officer' && !h.disabled,
    );
  }
}
