import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import { InstitutionsService } from '../institutions/institutions.service';
import { ActaEngine } from './acta-engine';
import { type CommitmentRules, type ParsedActa, parseActa } from './acta-parser';
import type { Meeting } from './entities/meeting.entity';
import type { Majority } from './majority';
import { MeetingAccess } from './meeting-access.service';
import { MeetingAttendance } from './meeting-attendance.service';
import type { MeetingAssociation } from './meeting-bodies';
import { MeetingsCalendar } from './meetings-calendar';
import { MeetingException } from './meetings.exception';
import { meetingTexts, textTooLong } from './meetings.messages';
import type { MinutesInput } from './minutes.form';
import { MinutesRepository } from './minutes.repository';
import { CommitmentsRepository } from './commitments.repository';
import { associationActaBody, MinutesViews, type MinutesView } from './minutes-views.service';
import type { Quorum } from './quorum';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An association's acta records at most this many commitments; owners' names at most 200 characters. */
const LIMITS = { commitments: 200, name: 200 };

/**
 * An association's draft acta (DOM-MTG-7 to -9): saved whole through the acta engine under the association's
 * rules: votes counted against those present, commitments owed by a member, an institution or a named person,
 * amendments to its earlier approved actas.
 */
@Injectable()
export class MinutesDrafts {
  constructor(
    private readonly repo: MinutesRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly access: MeetingAccess,
    private readonly municipalities: MeetingsCalendar,
    private readonly attendance: MeetingAttendance,
    private readonly views: MinutesViews,
    private readonly institutions: InstitutionsService,
    private readonly engine: ActaEngine,
  ) {}

  /**
   * PUT /api/v1/meetings/:id/minutes: saves the draft whole (items, agreements, commitments, amendments) through the
   * acta engine. Agreements get their number and outcome; commitments exist from this save on (API.md). Approved
   * minutes: 422 MINUTES_LOCKED; a `version` other than the stored one: 409 VERSION_CONFLICT. Nothing is written on a refusal.
   */
  async save(actor: Actor, meetingId: string, input: MinutesInput, context: AuditContext): Promise<MinutesView> {
    const { meeting, association } = await this.access.load(actor, meetingId, 'meetings', context);
    const body = associationActaBody(meeting, association);
    this.engine.assertNotCancelled(meeting, body);
    const existing = await this.repo.findByMeeting(meeting.id);
    if (existing?.status === 'approved') throw this.engine.locked(existing, body);
    const municipality = await this.municipalities.municipality(association.communeCode);
    const { quorum } = await this.attendance.attendanceAndQuorum(meeting, association);
    const parsed = await this.parse(input ?? {}, meeting, association, quorum, municipality.settings.defaultMajority);
    await this.engine.saveDraft(actor, meeting, body, parsed, context);
    return this.views.view(meeting, association, await this.repo.findByMeeting(meeting.id));
  }

  /**
   * The association's rules for the engine's parser: votes under a majority, counted against those present
   * (DOM-MTG-7); commitments owed by a member active today, an institution of the shared list, or a named person
   * (DOM-MTG-8); amendments to approved actas of its earlier meetings (DOM-MTG-9).
   */
  private async parse(
    input: MinutesInput,
    meeting: Meeting,
    association: MeetingAssociation,
    quorum: Quorum,
    defaultMajority: Majority,
  ): Promise<ParsedActa> {
    const current = new Map((await this.commitments.commitmentsOf(meeting.id)).map((c) => [c.id, c]));
    const commitmentInputs = Array.isArray(input.commitments)
      ? (input.commitments as unknown[])
          .slice(0, LIMITS.commitments)
          .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
      : [];
    const memberIds = commitmentInputs
      .map((c) => c.ownerMemberId)
      .filter((id): id is string => typeof id === 'string' && UUID.test(id));
    const members = await this.commitments.ownersAllowed(
      association.id,
      meeting.id,
      memberIds,
      await this.views.today(association),
    );
    const institutions = await this.institutions.idsIn(
      commitmentInputs.map((c) => c.ownerInstitutionId).filter((id): id is string => typeof id === 'string'),
      association.communeCode,
      [...current.values()].map((c) => c.ownerInstitutionId).filter((id): id is string => !!id),
    );
    const name = (value: unknown, field: string, errors: FieldError[]): string => {
      const t = typeof value === 'string' ? value.trim() : '';
      if (t.length > LIMITS.name)
        errors.push(MeetingException.fieldError(field, textTooLong(field, LIMITS.name, t.length)));
      return t;
    };
    const none = {
      ownerMembershipId: null,
      ownerParticipantId: null,
      ownerInstitutionId: null,
      ownerName: null,
      axisId: null,
    };
    const commitments: CommitmentRules = {
      keys: ['ownerMemberId', 'ownerParticipantId', 'ownerInstitutionId', 'ownerInstitutionName', 'ownerName'],
      limit: LIMITS.commitments,
      resolve: (c, i, at, errors) => {
        const given = (
          ['ownerMemberId', 'ownerParticipantId', 'ownerInstitutionId', 'ownerInstitutionName', 'ownerName'] as const
        ).filter((k) => typeof c[k] === 'string' && (c[k] as string).trim() !== '');
        if (given.length !== 1) {
          errors.push(MeetingException.fieldError(`${at}.ownerMemberId`, meetingTexts.ownerExactlyOne({ n: i + 1 })));
          return { ...none, ownerKind: 'person' };
        }
        switch (given[0]) {
          case 'ownerMemberId':
            if (!members.has(c.ownerMemberId as string))
              errors.push(MeetingException.fieldError(`${at}.ownerMemberId`, meetingTexts.ownerNotMember({ at })));
            return { ...none, ownerKind: 'member', ownerMembershipId: c.ownerMemberId as string };
          case 'ownerParticipantId':
            errors.push(MeetingException.fieldError(`${at}.ownerParticipantId`, meetingTexts.ownerParticipant()));
            return { ...none, ownerKind: 'person' };
          case 'ownerInstitutionId':
            // an institution of the shared list (Carabineros, PDI, the municipality...)
            if (!institutions.has(c.ownerInstitutionId as string))
              errors.push(
                MeetingException.fieldError(`${at}.ownerInstitutionId`, meetingTexts.ownerInstitutionUnknown({ at })),
              );
            return { ...none, ownerKind: 'institution', ownerInstitutionId: c.ownerInstitutionId as string };
          case 'ownerInstitutionName':
            return {
              ...none,
              ownerKind: 'institution',
              ownerName: name(c.ownerInstitutionName, `${at}.ownerInstitutionName`, errors),
            };
          default:
            return { ...none, ownerKind: 'person', ownerName: name(c.ownerName, `${at}.ownerName`, errors) };
        }
      },
    };
    const amendable = new Set(
      (await this.repo.actasOf(association.id, false)).filter((a) => a.startsAt < meeting.startsAt).map((a) => a.id),
    );
    return parseActa(input, {
      agreements: { kind: 'votes', present: quorum.present, reached: quorum.reached, defaultMajority },
      commitments,
      currentCommitmentIds: new Set(current.keys()),
      amendable,
    });
  }
}
