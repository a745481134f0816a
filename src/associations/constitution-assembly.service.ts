import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { UsersService } from '../auth/users.service';
import { Clock } from '../common/clock';
import { formatDate, localDate } from '../common/format/dates';
import { DocumentStore } from '../documents/document-store.service';
import { AssociationAccess } from './association-access';
import { AssociationException } from './associations.exception';
import type { FieldError } from '../common/errors/domain.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsService } from './associations.service';
import { boardTermEnd, depositDeadline } from './constitution-rules';
import {
  AssemblyInput,
  assemblyProblems,
  assertAssemblyRules,
  assertConstitutionStatus,
  constitutionView,
  ConstitutionView,
  faithMinisterOf,
  instantOf,
  requiredText,
  UUID,
} from './constitution-steps';
import { ConstitutionRepository, FounderRow } from './constitution.repository';
import type { Association } from './entities/association.entity';
import type { Constitution } from './entities/constitution.entity';

/**
 * The constitutive assembly as held (DOM-ORG-3, -4, -5): founders present, statutes approved and the provisional
 * board, checked and recorded; a new assembly after a lapsed acta revokes its documents (DOM-ORG-6).
 */
@Injectable()
export class ConstitutionAssemblyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly users: UsersService,
    private readonly documents: DocumentStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The constitutive assembly as held: founders present, statutes approved, provisional board. Checked
   * against DOM-ORG-3 (founders), -4 (ages) and -5 (board); on success the association is
   * `pending_certification` and the provisional board's 60 days start on the assembly date.
   */
  async recordAssembly(
    actor: Actor,
    associationId: string,
    input: AssemblyInput,
    context: AuditContext,
  ): Promise<ConstitutionView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    assertConstitutionStatus(association, ['in_formation', 'pending_certification', 'constituted']);
    const municipality = await this.associations.municipality(association.communeCode);
    if (association.status === 'constituted') {
      // DOM-ORG-6: an acta not deposited within 30 days lapses; the organisation holds a new assembly
      const previous = (await this.repo.find(association.id)) as Constitution;
      const deadline = depositDeadline(localDate(previous.assemblyAt as Date, municipality.timeZone));
      if (this.associations.today(municipality) <= deadline) {
        throw AssociationException.rule(
          'CONSTITUTION_STATUS',
          T.alreadyCertifiedDeposit({ deadline: formatDate(deadline) }),
        );
      }
    }
    const assemblyAt = instantOf(input.assemblyAt, municipality, 'assemblyAt');
    if (assemblyAt > this.clock.now()) throw AssociationException.field('assemblyAt', T.assemblyInFuture());
    const place = requiredText(input.place, 'place', 300);
    if (input.statutesApproved === false)
      throw AssociationException.rule('STATUTES_NOT_APPROVED', T.statutesNotApproved(), 'statutesApproved');
    const assemblyDate = localDate(assemblyAt, municipality.timeZone);
    let minister: { id: string; name: string } | null = null;
    if (input.faithMinisterUserId) {
      if (!rights.municipal) throw AssociationException.forbidden(T.faithMinisterByMunicipality());
      minister = await faithMinisterOf(this.users, association, input.faithMinisterUserId);
    }
    const founderIds = [...new Set(input.founderMemberIds ?? [])];
    const boardIds = (input.provisionalBoard ?? []).map((s) => s.memberId);
    const all = [...new Set([...founderIds, ...boardIds])];
    if (all.some((id) => !UUID.test(id))) throw AssociationException.field('founderMemberIds', T.foundersByMemberId());
    const members = new Map((await this.repo.rosterMembers(association.id, all)).map((m) => [m.membershipId, m]));
    const errors: FieldError[] = [];
    for (const id of all) {
      const m = members.get(id);
      if (!m)
        errors.push(
          AssociationException.fieldError(
            founderIds.includes(id) ? 'founderMemberIds' : 'provisionalBoard',
            T.memberNotOnRoster({ member: id }),
          ),
        );
      else if (m.status !== 'active')
        errors.push(AssociationException.fieldError('founderMemberIds', T.founderNotActive({ name: m.fullName })));
    }
    for (const id of boardIds)
      if (!founderIds.includes(id))
        errors.push(
          AssociationException.fieldError(
            'provisionalBoard',
            T.boardMemberNotFounder({ name: members.get(id)?.fullName ?? id }),
          ),
        );
    if (errors.length) throw AssociationException.invalid(errors);
    assertAssemblyRules(
      assemblyProblems(
        association,
        municipality,
        founderIds.map((id) => members.get(id) as FounderRow),
        input.provisionalBoard,
        members,
        assemblyDate,
      ),
    );
    await this.dataSource.transaction(async (em) => {
      const constitution = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      if (constitution.certifiedAt && association.status !== 'constituted')
        throw AssociationException.conflict('ALREADY_CERTIFIED', T.alreadyCertifiedAssembly());
      if (constitution.certifiedAt) {
        // the lapsed acta and certificate stay verifiable, marked revoked with the reason
        const reason =
          'El acta no se depositó dentro de 30 días desde la asamblea (DOM-ORG-6): se realizó una nueva asamblea constitutiva.';
        for (const id of [constitution.actaDocumentId, constitution.certificateDocumentId])
          if (id) await this.documents.revoke(id, reason, em);
        await this.repo.update(
          constitution.id,
          { certifiedAt: null, certifiedBy: null, notes: null, actaDocumentId: null, certificateDocumentId: null },
          em,
        );
      }
      await this.repo.update(
        constitution.id,
        {
          assemblyAt,
          place,
          statutesApproved: true,
          recordedAt: this.clock.now(),
          recordedBy: actor.id,
          ...(minister ? { faithMinisterUserId: minister.id, assignedAt: this.clock.now() } : {}),
        },
        em,
      );
      await this.repo.replaceFounders(constitution.id, founderIds, em);
      await this.repo.deleteProvisionalTerms(association.id, em);
      await this.repo.insertTerm(
        {
          associationId: association.id,
          kind: 'provisional',
          startsOn: assemblyDate,
          endsOn: boardTermEnd('provisional', assemblyDate),
          createdBy: actor.id,
        },
        input.provisionalBoard.map((s) => ({
          membershipId: s.memberId,
          position: s.position,
          rank: s.position === 'substitute' ? (s.rank ?? null) : null,
          declaredEligible: s.declaredEligible === true,
        })),
        em,
      );
      if (association.status !== 'pending_certification') {
        await this.associations.changeStatus(
          association,
          'pending_certification',
          actor,
          `${association.status === 'constituted' ? 'Nueva asamblea: el acta anterior no se depositó dentro de 30 días. ' : ''}Asamblea constitutiva realizada el ${formatDate(assemblyAt, municipality.timeZone)} con ${founderIds.length} socios fundadores; pendiente de certificación del ministro de fe.`,
          em,
        );
      }
      await this.audit.record(
        context,
        {
          action: 'constitution.assembly_recorded',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { founders: founderIds.length },
        },
        em,
      );
    });
    return constitutionView(
      this.repo,
      this.associations,
      this.users,
      (await this.associations.reload(association.id)) as Association,
      actor,
    );
  }
}
