import { Injectable } from '@nestjs/common';
import { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { UsersService } from '../auth/users.service';
import { AssociationAccess } from './association-access';
import { AssociationsService } from './associations.service';
import { constitutionView, ConstitutionView } from './constitution-steps';
import { AssignmentRow, ConstitutionRepository } from './constitution.repository';
import type { Association } from './entities/association.entity';

export type { AssignmentRow } from './constitution.repository';

/**
 * The constitution as the pages and the API read it (DOM-ORG-1 to -7): an association's constitution as the actor
 * may see it, the faith minister's assignments, the members the forms offer and the commune's faith ministers.
 * The steps are in their own services: the request and the assignment (ConstitutionRequestService), the assembly
 * (ConstitutionAssemblyService), the certification (ConstitutionCertificationService), its documents
 * (ConstitutionDocumentsService), and the deposit, objection and correction (ConstitutionDepositService).
 */
@Injectable()
export class ConstitutionService {
  constructor(
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly users: UsersService,
  ) {}

  /** The faith minister's dashboard: the assemblies assigned to them, pending first, soonest first. */
  async assignments(actor: Actor): Promise<{ items: AssignmentRow[] }> {
    const communes = actor.roles
      .filter((r) => r.role === 'faith_minister' && r.scopeId)
      .map((r) => r.scopeId as string);
    return { items: communes.length ? await this.repo.assignedTo(actor.id, communes) : [] };
  }

  /** The start page's part of the dashboard: the assemblies still to certify, soonest first (at most `limit`). */
  async pendingAssignments(actor: Actor, limit = 10): Promise<AssignmentRow[]> {
    const communes = actor.roles
      .filter((r) => r.role === 'faith_minister' && r.scopeId)
      .map((r) => r.scopeId as string);
    return communes.length ? this.repo.pendingFor(actor.id, communes, limit) : [];
  }

  /** The active members, for the founders and board forms (officers and the municipality). */
  async formMembers(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<{ association: Association; members: { id: string; fullName: string }[] }> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    return {
      association,
      members: (await this.repo.activeMembers(association.id)).map((m) => ({ id: m.id, fullName: m.fullName })),
    };
  }

  /** The faith ministers of the association's commune (for the municipality's assignment). */
  async ministersFor(association: { communeCode: string }): Promise<{ id: string; name: string }[]> {
    return (await this.users.holdersOf('commune', association.communeCode))
      .filter((h) => h.role === 'faith_minister' && !h.disabled)
      .map((h) => ({ id: h.id, name: h.name }));
  }

  async get(actor: Actor, associationId: string, context: AuditContext): Promise<ConstitutionView> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    return constitutionView(this.repo, this.associations, this.users, association, actor);
  }

  /** The constitution of an association its caller was just allowed to read (its page: issue 21, no second read). */
  viewOfReadable(actor: Actor, association: Association, timeZone: string): Promise<ConstitutionView> {
    return constitutionView(this.repo, this.associations, this.users, association, actor, undefined, timeZone);
  }
}
