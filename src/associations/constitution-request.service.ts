import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { UsersService } from '../auth/users.service';
import { Clock } from '../common/clock';
import { AssociationAccess } from './association-access';
import { AssociationsService } from './associations.service';
import {
  assertConstitutionStatus,
  constitutionView,
  ConstitutionView,
  faithMinisterOf,
  instantOf,
  requiredText,
} from './constitution-steps';
import { ConstitutionRepository } from './constitution.repository';

/**
 * The constitution's first steps (DOM-ORG-1, -2): the officers ask for a faith minister, proposing a date, time and
 * place, and the municipality assigns one of the commune's faith ministers.
 */
@Injectable()
export class ConstitutionRequestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The officers ask the municipality for a faith minister, proposing a date, time and place. */
  async request(
    actor: Actor,
    associationId: string,
    input: { proposedAt: string; place: string },
    context: AuditContext,
  ): Promise<ConstitutionView> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    assertConstitutionStatus(association, ['in_formation']);
    const municipality = await this.associations.municipality(association.communeCode);
    const proposedAt = instantOf(input.proposedAt, municipality, 'proposedAt');
    const place = requiredText(input.place, 'place', 300);
    await this.dataSource.transaction(async (em) => {
      const constitution = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      await this.repo.update(
        constitution.id,
        { proposedAt, proposedPlace: place, requestedAt: this.clock.now(), requestedBy: actor.id },
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.requested',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
        },
        em,
      );
    });
    return constitutionView(this.repo, this.associations, this.users, association, actor);
  }

  /** DOM-ORG-2: a municipal officer assigns one of the commune's faith ministers. */
  async assignFaithMinister(
    actor: Actor,
    associationId: string,
    faithMinisterUserId: string,
    context: AuditContext,
  ): Promise<ConstitutionView> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    assertConstitutionStatus(association, ['in_formation', 'pending_certification']);
    const minister = await faithMinisterOf(this.users, association, faithMinisterUserId);
    await this.dataSource.transaction(async (em) => {
      const constitution = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      await this.repo.update(constitution.id, { faithMinisterUserId: minister.id, assignedAt: this.clock.now() }, em);
      await this.audit.record(
        context,
        {
          action: 'constitution.faith_minister_assigned',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { faithMinisterUserId: minister.id },
        },
        em,
      );
    });
    // read after the commit (on the embedded database a second connection would wait for this one)
    return constitutionView(this.repo, this.associations, this.users, association, actor);
  }
}
