import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/errors/domain.exception';
import type { Locale } from '../common/i18n/i18n';
import type { LocalizedText } from '../common/i18n/messages';
import { parseCalendarDate } from '../common/format/dates';
import { AssociationAccess } from './association-access';
import { AssociationException } from './associations.exception';
import { associationTexts as T, eachLanguage, membershipStatusText, STATUS_DATE_LABELS } from './associations.messages';
import { AssociationsRepository } from './associations.repository';
import { AssociationsService } from './associations.service';
import { MemberView, memberView } from './associations.view-model';
import type { Membership } from './entities/membership.entity';
import { blank, membershipOrNotFound, otherCouncil, refreshMinimum, versionConflict } from './roster-rules';
import { RosterMemberRow, RosterRepository } from './roster.repository';

/**
 * A membership's course after it began: suspended (it stops counting for quorum and the legal minimum),
 * reactivated, or ended on a date with a reason; each step is an event of the member's history and an audit row,
 * and refreshes the below-minimum warning (DOM-ORG-11). A junta de vecinos member is reactivated only if they
 * joined no other junta meanwhile (DOM-ORG-12).
 */
@Injectable()
export class MembershipStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AssociationsRepository,
    private readonly roster: RosterRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Suspends an active membership (the member stops counting for quorum and minimums), with a reason. */
  suspend(
    actor: Actor,
    associationId: string,
    memberId: string,
    input: { reason: string; on?: string },
    context: AuditContext,
  ): Promise<MemberView> {
    return this.transition(actor, associationId, memberId, 'suspended', input.on, input.reason, context);
  }

  reactivate(
    actor: Actor,
    associationId: string,
    memberId: string,
    input: { reason?: string; on?: string },
    context: AuditContext,
  ): Promise<MemberView> {
    return this.transition(actor, associationId, memberId, 'reactivated', input.on, input.reason ?? null, context);
  }

  /** Ends a membership on `leftOn` (API.md): the row stays as history. */
  end(
    actor: Actor,
    associationId: string,
    memberId: string,
    input: { leftOn: string; reason: string },
    context: AuditContext,
  ): Promise<MemberView> {
    return this.transition(actor, associationId, memberId, 'ended', input.leftOn, input.reason, context);
  }

  private async transition(
    actor: Actor,
    associationId: string,
    memberId: string,
    action: 'suspended' | 'reactivated' | 'ended',
    on: string | undefined,
    reason: string | null,
    context: AuditContext,
  ): Promise<MemberView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    const membership = await membershipOrNotFound(this.roster, association.id, memberId);
    const municipality = await this.associations.municipality(association.communeCode);
    const today = this.associations.today(municipality);
    const field = action === 'ended' ? 'leftOn' : 'on';
    const date = on === undefined || on === '' ? (action === 'ended' ? null : today) : parseCalendarDate(on);
    const errors: FieldError[] = [];
    const joinedOn = membership.joinedOn.split('-').reverse().join('-');
    const dateText = (make: (label: string, locale: Locale) => LocalizedText) =>
      AssociationException.fieldError(
        field,
        eachLanguage((l) => make(STATUS_DATE_LABELS[l][field], l)),
      );
    if (!date) errors.push(dateText((label) => T.statusDateRequired({ label })));
    else if (date < membership.joinedOn)
      errors.push(dateText((label) => T.statusDateBeforeJoining({ label, joinedOn })));
    else if (date > today) errors.push(dateText((label) => T.statusDateFuture({ label })));
    if ((action === 'ended' || action === 'suspended') && !blank(reason))
      errors.push(AssociationException.fieldError('reason', T.reasonRequired()));
    if (errors.length || !date) throw AssociationException.invalid(errors);
    const allowed = { suspended: ['active'], reactivated: ['suspended'], ended: ['active', 'suspended'] }[action];
    if (!allowed.includes(membership.status))
      throw AssociationException.rule('MEMBERSHIP_STATUS', membershipStatusText(membership.status, action));
    const status = action === 'reactivated' ? 'active' : action;
    return this.dataSource.transaction(async (em) => {
      await this.repo.lockAssociation(association.id, em);
      if (
        action === 'reactivated' &&
        association.kind === 'neighbourhood_council' &&
        (await this.roster.inAnotherNeighbourhoodCouncil(membership.personId, association.id, em))
      )
        throw otherCouncil();
      const changes: Partial<Membership> = {
        status,
        ...(action === 'ended' ? { leftOn: date, endReason: blank(reason) } : {}),
      };
      if (!(await this.roster.updateMembership(membership.id, membership.version, changes, em)))
        throw versionConflict();
      await this.roster.insertEvents(
        [
          {
            membershipId: membership.id,
            action,
            effectiveOn: date,
            at: this.clock.now(),
            byUserId: actor.id,
            byName: actor.name,
            reason: blank(reason),
          },
        ],
        em,
      );
      await refreshMinimum(this.repo, association, municipality, date, em);
      await this.audit.record(
        context,
        {
          action: `member.${action}`,
          objectType: 'membership',
          objectId: membership.id,
          scopeType: 'association',
          scopeId: association.id,
          details: { on: date },
        },
        em,
      );
      return memberView(
        (await this.roster.rosterMember(association.id, membership.id, em)) as RosterMemberRow,
        rights.seeIdentity,
      );
    });
  }
}
