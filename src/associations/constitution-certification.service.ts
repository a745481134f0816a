import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { UsersService } from '../auth/users.service';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { AssociationAccess } from './association-access';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsService } from './associations.service';
import { foundersMinimum } from './association-rules';
import { ConstitutionDocumentsService } from './constitution-documents.service';
import type { BoardPosition } from './constitution-rules';
import {
  assemblyProblems,
  assertAssemblyRules,
  assertConstitutionStatus,
  CertificationCheck,
  constitutionView,
  ConstitutionView,
} from './constitution-steps';
import { ConstitutionRepository } from './constitution.repository';

/**
 * The faith minister's certification (DOM-ORG-2, -7): every check of the recorded assembly for the certification
 * page, and the certification itself, which checks again and issues the acta constitutiva and the certificate.
 */
@Injectable()
export class ConstitutionCertificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly users: UsersService,
    private readonly constitutionDocuments: ConstitutionDocumentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * DOM-ORG-2, -7: the assigned faith minister certifies. The checks run again on the stored assembly; the acta
   * constitutiva and the certificate are issued with verification codes; the association is `constituted`.
   */
  async certify(
    actor: Actor,
    associationId: string,
    input: { notes?: string },
    context: AuditContext,
  ): Promise<{ certifiedAt: Date; verificationCode: string; actaVerificationCode: string }> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    const constitution = await this.repo.find(association.id);
    if (
      !constitution?.faithMinisterUserId ||
      constitution.faithMinisterUserId !== actor.id ||
      !(await this.users.roleHolder(actor.id, 'faith_minister', association.communeCode))
    ) {
      throw new AssociationException('NOT_ASSIGNED_FAITH_MINISTER', T.notAssignedFaithMinister(), 403);
    }
    assertConstitutionStatus(association, ['pending_certification']);
    const municipality = await this.associations.municipality(association.communeCode);
    const notes = input.notes?.trim() || null;
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      // under the lock: an assembly recorded again meanwhile is what gets checked and printed
      const locked = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      if (locked.certifiedAt) throw AssociationException.conflict('ALREADY_CERTIFIED', T.alreadyCertified());
      const founders = await this.repo.founders(locked.id, em);
      const term = await this.repo.currentTerm(association.id, '9999-12-31', em);
      const seats = term ? await this.repo.seats(term.id, em) : [];
      const members = new Map(founders.map((f) => [f.membershipId, f]));
      const board = seats.map((s) => ({
        position: s.position as BoardPosition,
        memberId: s.membershipId,
        rank: s.rank ?? undefined,
        declaredEligible: true,
      }));
      // DOM-ORG-3..5 again: the roster may have changed since the assembly was recorded (the same checks as the page)
      const inactive = founders
        .filter((f) => f.status !== 'active')
        .map((f) => {
          const text = T.founderNoLongerActive({ name: f.fullName });
          return { code: 'FOUNDER_NOT_ACTIVE', message: text.es, text };
        });
      assertAssemblyRules([
        ...inactive,
        ...assemblyProblems(
          association,
          municipality,
          founders,
          board,
          members,
          localDate(locked.assemblyAt as Date, municipality.timeZone),
        ),
      ]);
      const { acta, certificate } = await this.constitutionDocuments.issue(
        association,
        municipality,
        locked,
        founders,
        seats,
        actor.name,
        notes,
        now,
        em,
      );
      await this.repo.update(
        locked.id,
        {
          certifiedAt: now,
          certifiedBy: actor.id,
          notes,
          actaDocumentId: acta.id,
          certificateDocumentId: certificate.id,
        },
        em,
      );
      await this.associations.changeStatus(
        association,
        'constituted',
        actor,
        `Constitución certificada por el ministro de fe ${actor.name}.`,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.certified',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { acta: acta.verificationCode, certificate: certificate.verificationCode },
        },
        em,
      );
      return {
        certifiedAt: now,
        verificationCode: certificate.verificationCode,
        actaVerificationCode: acta.verificationCode,
      };
    });
  }

  /**
   * The certification page: every check of DOM-ORG-3, -4 and -5 on the recorded assembly, with its result and
   * the numbers, and whether the actor (the assigned faith minister) may certify now.
   */
  async certificationChecks(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<{
    constitution: ConstitutionView;
    checks: CertificationCheck[];
    isAssigned: boolean;
    canCertify: boolean;
  }> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    const constitution = await constitutionView(this.repo, this.associations, this.users, association, actor);
    const c = await this.repo.find(association.id);
    if (!c?.assemblyAt) return { constitution, checks: [], isAssigned: false, canCertify: false };
    const municipality = await this.associations.municipality(association.communeCode);
    const founders = await this.repo.founders(c.id);
    const term = await this.repo.currentTerm(association.id, '9999-12-31');
    const seats = term ? await this.repo.seats(term.id) : [];
    const members = new Map(founders.map((f) => [f.membershipId, f]));
    const active = founders.filter((f) => f.status === 'active');
    const problems = assemblyProblems(
      association,
      municipality,
      active,
      seats.map((s) => ({
        position: s.position as BoardPosition,
        memberId: s.membershipId,
        rank: s.rank ?? undefined,
        declaredEligible: true,
      })),
      members,
      localDate(c.assemblyAt, municipality.timeZone),
    );
    const minimum = foundersMinimum(association.kind, association.area, municipality.population, municipality.settings);
    const of = (codes: string[]) => problems.filter((p) => codes.includes(p.code)).map((p) => p.message);
    const inactive = founders.filter((f) => f.status !== 'active').map((f) => `${f.fullName} ya no es socio activo.`);
    const checks: CertificationCheck[] = [
      {
        key: 'founders',
        label: `Socios fundadores presentes: ${active.length} (mínimo ${minimum}, DOM-ORG-3)`,
        details: [...of(['FOUNDERS_BELOW_MINIMUM']), ...inactive],
      },
      {
        key: 'ages',
        label: 'Edad de los fundadores y consentimiento de apoderados (DOM-ORG-4)',
        details: of(['MEMBER_TOO_YOUNG', 'GUARDIAN_CONSENT_REQUIRED', 'MEMBER_BIRTH_DATE_MISSING']),
      },
      {
        key: 'posts',
        label: 'Directorio provisorio con presidente, secretario y tesorero (DOM-ORG-5)',
        details: of([
          'BOARD_POST_MISSING',
          'BOARD_POST_DUPLICATED',
          'BOARD_MEMBER_REPEATED',
          'BOARD_TOO_MANY_SUBSTITUTES',
          'BOARD_SUBSTITUTE_RANKS',
        ]),
      },
      {
        key: 'board',
        label: 'Integrantes del directorio: 18 años o más y declaración de elegibilidad (DOM-ORG-5)',
        details: of(['BOARD_MEMBER_INELIGIBLE']),
      },
      {
        key: 'statutes',
        label: 'Estatutos aprobados por la asamblea',
        details: c.statutesApproved ? [] : ['La asamblea no registró la aprobación de los estatutos.'],
      },
    ].map((x) => ({ ...x, ok: x.details.length === 0 }));
    const isAssigned =
      c.faithMinisterUserId === actor.id &&
      !!(await this.users.roleHolder(actor.id, 'faith_minister', association.communeCode));
    return {
      constitution,
      checks,
      isAssigned,
      canCertify: isAssigned && association.status === 'pending_certification' && checks.every((x) => x.ok),
    };
  }
}
