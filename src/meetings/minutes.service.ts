import { Injectable } from '@nestjs/common';
import { MeetingException } from './meetings.exception';
import { type AssociationMeetingRights, MeetingBodies, type MeetingAssociation } from './meeting-bodies';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { formatDate } from '../common/format/dates';
import { formatVerificationCode } from '../documents/verification-code';
import type { Approval } from './acta-engine';
import type { Meeting } from './entities/meeting.entity';
import { MeetingAccess } from './meeting-access.service';
import { MinutesRepository } from './minutes.repository';
import type { MinutesInput } from './minutes.form';
import { mayReadDrafts, MinutesViews, type MinutesSummary, type MinutesView } from './minutes-views.service';
import { MinutesDrafts } from './minutes-drafts.service';
import { MinutesApproval } from './minutes-approval.service';

export { mayReadDrafts, type CommitmentView, type MinutesSummary, type MinutesView } from './minutes-views.service';

/**
 * Minutes of association meetings (DOM-MTG-7 to -10), as the API and the pages reach them: reading the acta,
 * saving the draft (MinutesDrafts), approving it and its PDF (MinutesApproval), the association's actas. The
 * editor's choices are MinutesEditor's, the views MinutesViews', distribution MinutesDistribution's and the chain
 * check MinutesChain's.
 */
@Injectable()
export class MinutesService {
  constructor(
    private readonly repo: MinutesRepository,
    private readonly access: MeetingAccess,
    private readonly bodies: MeetingBodies,
    private readonly views: MinutesViews,
    private readonly clock: Clock,
    private readonly drafts: MinutesDrafts,
    private readonly approval: MinutesApproval,
  ) {}

  /** GET /api/v1/meetings/:id/minutes: the minutes as they stand (an empty draft, version 0, before the first save). */
  async read(
    actor: Actor,
    meetingId: string,
    context: AuditContext,
  ): Promise<
    MinutesView & {
      canEdit: boolean;
      canApprove: boolean;
      mayEditMeeting: boolean;
      meeting: Meeting;
      association: MeetingAssociation;
    }
  > {
    const { meeting, association, rights } = await this.access.load(actor, meetingId, 'read', context);
    const minutes = await this.repo.findByMeeting(meeting.id);
    if (minutes?.status !== 'approved' && !mayReadDrafts(rights)) throw MeetingException.notFound();
    const view = await this.views.view(meeting, association, minutes);
    const editable = rights.meetings && view.status === 'draft' && meeting.status !== 'cancelled';
    return {
      ...view,
      canEdit: editable,
      canApprove: editable && view.version > 0 && meeting.startsAt <= this.clock.now() && !view.approvalWaitsFor,
      mayEditMeeting: rights.meetings,
      meeting,
      association,
    };
  }

  when(meeting: Meeting): string {
    return this.access.when(meeting);
  }

  /** 404 outside scope, 403 without the officers' right, before a form is even read. */
  async assertMayEdit(actor: Actor, meetingId: string, context: AuditContext): Promise<void> {
    await this.access.load(actor, meetingId, 'meetings', context);
  }

  async mayEdit(actor: Actor, associationId: string, context: AuditContext): Promise<boolean> {
    return (await this.bodies.associations.load(actor, associationId, 'read', context)).rights.meetings;
  }

  /** What GET /api/v1/meetings/:id carries about its minutes (MinutesViews.summaryFor). */
  summaryFor(meetingId: string, rights: AssociationMeetingRights): Promise<MinutesSummary | null> {
    return this.views.summaryFor(meetingId, rights);
  }

  /** PUT /api/v1/meetings/:id/minutes (MinutesDrafts.save). */
  save(actor: Actor, meetingId: string, input: MinutesInput, context: AuditContext): Promise<MinutesView> {
    return this.drafts.save(actor, meetingId, input, context);
  }

  /** POST /api/v1/meetings/:id/minutes/approve (MinutesApproval.approve). */
  approve(actor: Actor, meetingId: string, context: AuditContext, version?: number): Promise<Approval> {
    return this.approval.approve(actor, meetingId, context, version);
  }

  /** GET /api/v1/meetings/:id/minutes.pdf (MinutesApproval.pdfOf). */
  pdfOf(actor: Actor, meetingId: string, context: AuditContext): Promise<{ filename: string; content: Buffer }> {
    return this.approval.pdfOf(actor, meetingId, context);
  }

  /** An association's actas: approved ones for every reader (members included), drafts too for officers and the municipality. */
  async list(actor: Actor, associationId: string, context: AuditContext) {
    const { association, rights } = await this.bodies.associations.load(actor, associationId, 'read', context);
    const rows = await this.repo.actasOf(association.id, mayReadDrafts(rights));
    return {
      association,
      items: rows.map((r) => ({
        id: r.id,
        meetingId: r.meetingId,
        status: r.status,
        book: r.book,
        number: r.number,
        date: formatDate(r.startsAt, r.timeZone),
        kind: r.kind,
        approvedAt: r.approvedAt,
        approvedBy: r.approverName,
        verificationCode: r.verificationCode ? formatVerificationCode(r.verificationCode) : null,
        distributedAt: r.distributedAt,
      })),
    };
  }
}
