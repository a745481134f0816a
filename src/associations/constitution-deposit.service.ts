import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { daysBetween, formatDate, localDate } from '../common/format/dates';
import { AssociationAccess } from './association-access';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsService } from './associations.service';
import { correctionDeadline, depositDeadline, objectionDeadline } from './constitution-rules';
import { assertConstitutionStatus, pastDate, requiredText } from './constitution-steps';
import { ConstitutionRepository } from './constitution.repository';
import type { Constitution } from './entities/constitution.entity';

/**
 * After the certification (DOM-ORG-6): the deposit of the acta at the Secretaría Municipal within 30 days, the
 * municipality's objection within 30 days of the deposit and the organisation's correction within 90.
 */
@Injectable()
export class ConstitutionDepositService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * DOM-ORG-6: the acta constitutiva deposited at the Secretaría Municipal within 30 calendar days of the
   * assembly gives legal personality: the association is `in_force`, and the municipality may object within 30 days.
   */
  async deposit(
    actor: Actor,
    associationId: string,
    input: { depositedOn: string },
    context: AuditContext,
  ): Promise<{ status: 'in_force'; depositedOn: string; objectionDeadline: string }> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    assertConstitutionStatus(association, ['constituted']);
    const municipality = await this.associations.municipality(association.communeCode);
    const constitution = (await this.repo.find(association.id)) as Constitution;
    const assemblyDate = localDate(constitution.assemblyAt as Date, municipality.timeZone);
    const depositedOn = pastDate(input.depositedOn, 'depositedOn', municipality, this.associations);
    if (depositedOn < assemblyDate)
      throw AssociationException.field('depositedOn', T.depositBeforeAssembly({ assembly: formatDate(assemblyDate) }));
    const deadline = depositDeadline(assemblyDate);
    if (depositedOn > deadline) {
      throw AssociationException.rule(
        'DEPOSIT_WINDOW_CLOSED',
        T.depositWindowClosed({
          assembly: formatDate(assemblyDate),
          deadline: formatDate(deadline),
          depositedOn: formatDate(depositedOn),
          days: daysBetween(deadline, depositedOn),
        }),
        'depositedOn',
      );
    }
    await this.dataSource.transaction(async (em) => {
      await this.repo.update(constitution.id, { depositedOn }, em);
      await this.associations.changeStatus(
        association,
        'in_force',
        actor,
        `Acta constitutiva depositada en la Secretaría Municipal el ${formatDate(depositedOn)}: personalidad jurídica desde esa fecha (DOM-ORG-6).`,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.deposited',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { depositedOn },
        },
        em,
      );
    });
    return { status: 'in_force', depositedOn, objectionDeadline: objectionDeadline(depositedOn) };
  }

  /** DOM-ORG-6: the municipality objects within 30 days of the deposit; the organisation has 90 days to correct. */
  async object(
    actor: Actor,
    associationId: string,
    input: { objectedOn: string; reasons: string },
    context: AuditContext,
  ): Promise<{ status: 'objected'; objectedOn: string; correctionDeadline: string }> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    assertConstitutionStatus(association, ['in_force']);
    const municipality = await this.associations.municipality(association.communeCode);
    const constitution = await this.repo.find(association.id);
    if (!constitution?.depositedOn) throw AssociationException.rule('NOT_DEPOSITED', T.notDeposited());
    const objectedOn = pastDate(input.objectedOn, 'objectedOn', municipality, this.associations);
    const reasons = requiredText(input.reasons, 'reasons', 10_000);
    if (objectedOn < constitution.depositedOn)
      throw AssociationException.field(
        'objectedOn',
        T.objectionBeforeDeposit({ depositedOn: formatDate(constitution.depositedOn) }),
      );
    const deadline = objectionDeadline(constitution.depositedOn);
    if (objectedOn > deadline)
      throw AssociationException.rule(
        'OBJECTION_WINDOW_CLOSED',
        T.objectionWindowClosed({ deadline: formatDate(deadline), depositedOn: formatDate(constitution.depositedOn) }),
        'objectedOn',
      );
    await this.dataSource.transaction(async (em) => {
      await this.repo.update(constitution.id, { objectedOn, objectionReasons: reasons }, em);
      await this.associations.changeStatus(
        association,
        'objected',
        actor,
        `Objeción de la municipalidad del ${formatDate(objectedOn)}: ${reasons.slice(0, 500)}`,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.objected',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { objectedOn },
        },
        em,
      );
    });
    return { status: 'objected', objectedOn, correctionDeadline: correctionDeadline(objectedOn) };
  }

  /** DOM-ORG-6: the organisation corrected what the municipality objected, within 90 days: in force again. */
  async correct(
    actor: Actor,
    associationId: string,
    input: { correctedOn: string; notes: string },
    context: AuditContext,
  ): Promise<{ status: 'in_force'; correctedOn: string }> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    assertConstitutionStatus(association, ['objected']);
    const municipality = await this.associations.municipality(association.communeCode);
    const constitution = (await this.repo.find(association.id)) as Constitution;
    const correctedOn = pastDate(input.correctedOn, 'correctedOn', municipality, this.associations);
    const notes = requiredText(input.notes, 'notes', 10_000);
    const objectedOn = constitution.objectedOn as string;
    if (correctedOn < objectedOn)
      throw AssociationException.field(
        'correctedOn',
        T.correctionBeforeObjection({ objectedOn: formatDate(objectedOn) }),
      );
    const deadline = correctionDeadline(objectedOn);
    if (correctedOn > deadline)
      throw AssociationException.rule(
        'CORRECTION_WINDOW_CLOSED',
        T.correctionWindowClosed({ deadline: formatDate(deadline), objectedOn: formatDate(objectedOn) }),
        'correctedOn',
      );
    await this.dataSource.transaction(async (em) => {
      await this.repo.update(constitution.id, { correctedOn, correctionNotes: notes }, em);
      await this.associations.changeStatus(
        association,
        'in_force',
        actor,
        `Observaciones subsanadas el ${formatDate(correctedOn)}: ${notes.slice(0, 500)}`,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.corrected',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { correctedOn },
        },
        em,
      );
    });
    return { status: 'in_force', correctedOn };
  }
}
