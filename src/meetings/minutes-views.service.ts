import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatDate } from '../common/format/dates';
import { formatVerificationCode } from '../documents/verification-code';
import { ActaEngine, type ActaBody, type MinutesHead } from './acta-engine';
import type { ActaAgreement } from './acta';
import type { Meeting } from './entities/meeting.entity';
import type { Minutes } from './entities/minutes.entity';
import { MeetingAttendance } from './meeting-attendance.service';
import type { AssociationMeetingRights, MeetingAssociation } from './meeting-bodies';
import { MeetingRecords } from './meeting-records.service';
import { MeetingsCalendar } from './meetings-calendar';
import { type CommitmentRow, CommitmentsRepository } from './commitments.repository';
import { type Book, MinutesRepository, type MinutesSummary } from './minutes.repository';
import type { Quorum } from './quorum';

/** Drafts are for those who write or oversee them (officers, the municipality); members read approved actas. */
export const mayReadDrafts = (rights: AssociationMeetingRights): boolean => rights.meetings || rights.municipal;

export interface CommitmentView {
  id: string;
  description: string;
  owner: { kind: CommitmentRow['ownerKind']; id?: string; name: string };
  dueOn: string | null;
  status: CommitmentRow['status'];
  overdue: boolean;
  progress: number;
  originMeetingId: string;
}

export interface MinutesView extends MinutesHead {
  meetingId: string;
  agreements: ActaAgreement[];
  commitments: CommitmentView[];
  amendments: { minutesId: string; number: number; date: string; meetingId: string; text: string }[];
  amendedBy: { number: number; date: string; meetingId: string; text: string }[];
  quorum: Quorum | null;
  approvedAt: Date | null;
  approvedBy: string | null;
  approverPosition: string | null;
  contentHash: string | null;
  previousHash: string | null;
  verificationCode: string | null;
  distributedAt: Date | null;
}

export type { MinutesSummary } from './minutes.repository';

/** Board meetings keep their own book of actas; every other meeting goes in the assemblies' book. */
const bookOf = (meeting: Pick<Meeting, 'kind'>): Book => (meeting.kind === 'board' ? 'board' : 'assembly');

/** The association as a body of the acta engine: its assemblies' book, or its board's. */
export function associationActaBody(meeting: Pick<Meeting, 'kind'>, association: MeetingAssociation): ActaBody {
  return {
    ref: { associationId: association.id, tableId: null },
    book: bookOf(meeting),
    meetingWord: 'reunión',
    amendments: true,
    auditScope: { scopeType: 'commune', scopeId: association.communeCode },
  };
}

/**
 * An association's minutes and commitments as the API and the pages show them (DOM-MTG-7 to -9): the acta as it
 * stands (a draft with its provisional number, or the approved one with its frozen quorum and verification code),
 * each commitment with its derived `overdue`, and the summary a meeting carries.
 */
@Injectable()
export class MinutesViews {
  constructor(
    private readonly repo: MinutesRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly records: MeetingRecords,
    private readonly attendance: MeetingAttendance,
    private readonly municipalities: MeetingsCalendar,
    private readonly engine: ActaEngine,
  ) {}

  /** What GET /api/v1/meetings/:id carries about its minutes (one query): null for a reader who sees approved actas only and there is none. */
  async summaryFor(meetingId: string, rights: AssociationMeetingRights): Promise<MinutesSummary | null> {
    const summary = await this.repo.summaryOf(meetingId);
    // members see approved actas only: a draft (or none yet) is null for them
    if (summary?.status !== 'approved' && !mayReadDrafts(rights)) return null;
    if (!summary)
      return {
        status: 'draft',
        version: 0,
        number: null,
        approvedAt: null,
        verificationCode: null,
        distributedAt: null,
      };
    return {
      ...summary,
      verificationCode: summary.verificationCode ? formatVerificationCode(summary.verificationCode) : null,
    };
  }

  async view(
    meeting: Meeting,
    association: MeetingAssociation,
    minutes: Minutes | null,
    em?: EntityManager,
  ): Promise<MinutesView> {
    const today = await this.today(association);
    const commitments = (await this.commitments.commitmentsOf(meeting.id, em)).map((c) =>
      this.commitmentView(c, today),
    );
    const approved = minutes?.status === 'approved';
    const body = associationActaBody(meeting, association);
    const head = await this.engine.head(minutes, meeting, body, em);
    const { quorum } = await this.attendance.attendanceAndQuorum(meeting, association, em);
    return {
      meetingId: meeting.id,
      ...head,
      agreements: minutes ? await this.repo.agreements(minutes.id, em) : [],
      commitments,
      amendments: minutes
        ? (await this.repo.amendments(minutes.id, em)).map((a) => ({
            minutesId: a.amendsMinutesId,
            number: a.number,
            date: formatDate(a.startsAt, a.timeZone),
            meetingId: a.meetingId,
            text: a.text,
          }))
        : [],
      amendedBy:
        minutes && approved
          ? (await this.repo.amendedBy(minutes.id, em)).map((a) => ({
              number: a.number,
              date: formatDate(a.startsAt, a.timeZone),
              meetingId: a.meetingId,
              text: a.text,
            }))
          : [],
      quorum: approved
        ? minutes.snapshot?.quorum
          ? {
              call: minutes.snapshot.quorum.call,
              required: minutes.snapshot.quorum.required,
              present: minutes.snapshot.quorum.present,
              reached: minutes.snapshot.quorum.reached,
            }
          : null
        : quorum,
      approvedAt: minutes?.approvedAt ?? null,
      approvedBy: minutes?.approverName ?? null,
      approverPosition: minutes?.approverPosition ?? null,
      contentHash: minutes?.contentHash ?? null,
      previousHash: minutes?.previousHash ?? null,
      verificationCode: minutes?.documentId
        ? formatVerificationCode((await this.records.verificationCodeOf(minutes.documentId, em)) ?? '')
        : null,
      distributedAt: minutes ? await this.repo.distributedAt(minutes.id, em) : null,
    };
  }

  commitmentView(c: CommitmentRow, today: string): CommitmentView {
    const id = c.ownerMembershipId ?? c.ownerParticipantId ?? c.ownerInstitutionId ?? undefined;
    return {
      id: c.id,
      description: c.description,
      owner: { kind: c.ownerKind, ...(id ? { id } : {}), name: c.ownerName },
      dueOn: c.dueOn,
      status: c.status,
      // API.md: derived, not stored: not done or cancelled and past its due date
      overdue: (c.status === 'open' || c.status === 'in_progress') && !!c.dueOn && c.dueOn < today,
      progress: c.progress,
      originMeetingId: c.originMeetingId,
    };
  }

  /** DOM-FMT-2: today in the association's municipality. */
  async today(association: Pick<MeetingAssociation, 'communeCode'>): Promise<string> {
    return this.municipalities.today(await this.municipalities.municipality(association.communeCode));
  }
}
