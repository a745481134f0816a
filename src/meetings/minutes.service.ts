import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MeetingException } from './meetings.exception';
import { eachLanguage, joinTexts, meetingTexts, textTooLong } from './meetings.messages';
import { type AssociationMeetingRights, MeetingBodies, type MeetingAssociation } from './meeting-bodies';
import { MeetingsCalendar } from './meetings-calendar';

/** Drafts are for those who write or oversee them (officers, the municipality); members read approved actas. */
export const mayReadDrafts = (rights: AssociationMeetingRights): boolean => rights.meetings || rights.municipal;
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/errors/domain.exception';
import { formatDate, formatTime, formatWeekday, localDate } from '../common/format/dates';
import { formatDocument } from '../common/format/identity';
import { translate } from '../common/i18n/i18n';
import type { LocalizedText } from '../common/i18n/messages';
import { DocumentStore } from '../documents/document-store.service';
import { PdfRenderer } from '../documents/pdf-renderer';
import { formatVerificationCode } from '../documents/verification-code';
import { MailService } from '../mail/mail.service';
import {
  ActaEngine,
  type ActaBody,
  type Approval,
  type CommitmentRules,
  type ParsedActa,
  votesProblem,
} from './acta-engine';
import { InstitutionsService } from '../institutions/institutions.service';
import { ActaAgreement, ActaContent, ActaSnapshot, actaSpec } from './acta';
import type { Meeting } from './entities/meeting.entity';
import type { Minutes, MinutesItem } from './entities/minutes.entity';
import { agreementOutcome, type Majority } from './majority';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { type Book, CommitmentRow, MinutesRepository } from './minutes.repository';
import { type MinutesForm, type MinutesInput, withBlankRows } from './minutes.form';
import type { Quorum } from './quorum';

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

export interface MinutesView {
  meetingId: string;
  id: string | null;
  status: 'draft' | 'approved';
  /** 0 while nothing has been saved. */
  version: number;
  /** Acta N°; for a draft, the number it takes if approved next (`provisionalNumber: true`). */
  number: number;
  provisionalNumber: boolean;
  items: MinutesItem[];
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

export interface MinutesSummary {
  status: 'draft' | 'approved';
  version: number;
  number: number | null;
  approvedAt: Date | null;
  verificationCode: string | null;
  distributedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POSITION_ES: Record<string, string> = {
  president: 'Presidente/a',
  secretary: 'Secretario/a',
  treasurer: 'Tesorero/a',
  director: 'Director/a',
  substitute: 'Suplente',
};
/** An association's acta records at most this many commitments; owners' names at most 200 characters. */
const LIMITS = { commitments: 200, name: 200 };

/** Board meetings keep their own book of actas; every other meeting goes in the assemblies' book. */
const bookOf = (meeting: Pick<Meeting, 'kind'>): Book => (meeting.kind === 'board' ? 'board' : 'assembly');

/** An approved acta's attached PDF name (Acta-12-2026-03-17.pdf). */
const actaFilename = (number: number, date: string) => `Acta-${number}-${date}.pdf`;

/**
 * Minutes of association meetings (DOM-MTG-7 to -10): the draft (notes per agenda item, agreements with votes and
 * outcome, commitments live from the draft on, amendments to earlier actas), approval that numbers, freezes, hashes
 * and chains the acta and issues its PDF, distribution to the members, and the chain check.
 */
@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MinutesRepository,
    private readonly meetingsRepo: MeetingsRepository,
    private readonly meetings: MeetingsService,
    private readonly municipalities: MeetingsCalendar,
    private readonly bodies: MeetingBodies,
    private readonly documents: DocumentStore,
    private readonly pdf: PdfRenderer,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly institutions: InstitutionsService,
    private readonly engine: ActaEngine,
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
    const { meeting, association, rights } = await this.meetings.load(actor, meetingId, 'read', context);
    const minutes = await this.repo.findByMeeting(meeting.id);
    if (minutes?.status !== 'approved' && !mayReadDrafts(rights)) throw MeetingException.notFound();
    const view = await this.view(meeting, association, minutes);
    const editable = rights.meetings && view.status === 'draft' && meeting.status !== 'cancelled';
    return {
      ...view,
      canEdit: editable,
      canApprove: editable && view.version > 0 && meeting.startsAt <= this.clock.now(),
      mayEditMeeting: rights.meetings,
      meeting,
      association,
    };
  }

  /** The editor's rows: the saved minutes, or the agenda's points to take notes on; then blank rows for new entries. */
  async formOf(data: MinutesView & { meeting: Meeting }): Promise<MinutesForm> {
    const items = data.items.length
      ? data.items
      : (await this.meetings.agenda(data.meeting)).map((a) => ({
          agendaItemId: a.itemId ?? null,
          title: a.title,
          notes: '',
        }));
    return withBlankRows({
      version: String(data.version),
      items: items.map((i, index) => ({
        agendaItemId: i.agendaItemId ?? '',
        title: i.title,
        notes: i.notes,
        index,
        errors: {},
      })),
      agreements: data.agreements.map((a, index) => ({
        text: a.text,
        votesFor: String(a.votesFor),
        votesAgainst: String(a.votesAgainst),
        abstentions: String(a.abstentions),
        majority: a.majority,
        index,
        errors: {},
      })),
      commitments: data.commitments.map((c, index) => ({
        id: c.id,
        description: c.description,
        owner:
          c.owner.kind === 'member'
            ? `member:${c.owner.id}`
            : c.owner.kind === 'institution' && c.owner.id
              ? `institution:${c.owner.id}`
              : c.owner.kind,
        ownerText: c.owner.kind === 'member' || (c.owner.kind === 'institution' && c.owner.id) ? '' : c.owner.name,
        dueOn: c.dueOn ?? '',
        index,
        errors: {},
      })),
      amendments: data.amendments.map((a, index) => ({ minutesId: a.minutesId, text: a.text, index, errors: {} })),
    });
  }

  /** The members a commitment may be given to (active today), and whoever already owns one of the meeting's, for the editor's list. */
  async memberOptions(associationId: string, meetingId: string): Promise<{ id: string; fullName: string }[]> {
    const association = (await this.bodies.associations.find(associationId)) as MeetingAssociation;
    const active = (await this.meetingsRepo.recipients(associationId, await this.today(association))).map((r) => ({
      id: r.memberId,
      fullName: r.fullName,
    }));
    const owners = (await this.repo.commitmentsOf(meetingId))
      .filter((c) => c.ownerMembershipId && !active.some((a) => a.id === c.ownerMembershipId))
      .map((c) => ({ id: c.ownerMembershipId as string, fullName: c.ownerName }));
    return [...active, ...owners.filter((o, i) => owners.findIndex((x) => x.id === o.id) === i)];
  }

  /** Institutions of the shared list in the association's commune or without one (Carabineros, the municipality...), and the current owners, for the editor's list. */
  async institutionOptions(communeCode: string, meetingId: string): Promise<{ id: string; name: string }[]> {
    return this.institutions.optionsFor(communeCode, await this.ownerInstitutionIds(meetingId));
  }

  /** The institutions that own one of the meeting's commitments now (kept as choices, wherever they are). */
  private async ownerInstitutionIds(meetingId: string): Promise<string[]> {
    return (await this.repo.commitmentsOf(meetingId))
      .map((c) => c.ownerInstitutionId)
      .filter((id): id is string => !!id);
  }

  /** Approved actas of meetings before `before`, which a correction may amend. */
  async amendableActas(associationId: string, before: Date): Promise<{ id: string; label: string }[]> {
    return (await this.repo.actasOf(associationId, false))
      .filter((a) => a.startsAt < before)
      .map((a) => ({ id: a.id, label: `Acta N° ${a.number} del ${formatDate(a.startsAt, a.timeZone)}` }));
  }

  when(meeting: Meeting): string {
    return this.meetings.when(meeting);
  }

  /** 404 outside scope, 403 without the officers' right, before a form is even read. */
  async assertMayEdit(actor: Actor, meetingId: string, context: AuditContext): Promise<void> {
    await this.meetings.load(actor, meetingId, 'meetings', context);
  }

  async mayEdit(actor: Actor, associationId: string, context: AuditContext): Promise<boolean> {
    return (await this.bodies.associations.load(actor, associationId, 'read', context)).rights.meetings;
  }

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

  private async codeOf(documentId: string, em?: EntityManager): Promise<string> {
    const [row] = await (em ?? this.dataSource.manager).query(
      `SELECT verification_code AS code FROM document WHERE id = $1`,
      [documentId],
    );
    return row?.code ?? '';
  }

  private async view(
    meeting: Meeting,
    association: MeetingAssociation,
    minutes: Minutes | null,
    em?: EntityManager,
  ): Promise<MinutesView> {
    const today = await this.today(association);
    const commitments = (await this.repo.commitmentsOf(meeting.id, em)).map((c) => this.commitmentView(c, today));
    const approved = minutes?.status === 'approved';
    const number = approved
      ? (minutes.number as number)
      : ((
          await this.repo.lastApproved(
            { associationId: association.id, tableId: null },
            bookOf(meeting),
            em ?? this.dataSource.manager,
          )
        )?.number ?? 0) + 1;
    const { quorum } = await this.meetings.attendanceAndQuorum(meeting, association, em);
    return {
      meetingId: meeting.id,
      id: minutes?.id ?? null,
      status: approved ? 'approved' : 'draft',
      version: minutes?.version ?? 0,
      number,
      provisionalNumber: !approved,
      items: minutes?.items ?? [],
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
      verificationCode: minutes?.documentId ? formatVerificationCode(await this.codeOf(minutes.documentId, em)) : null,
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

  private async today(association: MeetingAssociation): Promise<string> {
    return this.municipalities.today(await this.municipalities.municipality(association.communeCode));
  }

  /**
   * PUT /api/v1/meetings/:id/minutes: saves the draft whole (items, agreements, commitments, amendments) through the
   * acta engine. Agreements get their number and outcome; commitments exist from this save on (API.md). Approved
   * minutes: 422 MINUTES_LOCKED; a `version` other than the stored one: 409 VERSION_CONFLICT. Nothing is written on a refusal.
   */
  async save(actor: Actor, meetingId: string, input: MinutesInput, context: AuditContext): Promise<MinutesView> {
    const { meeting, association } = await this.meetings.load(actor, meetingId, 'meetings', context);
    const body = this.bodyOf(meeting, association);
    this.engine.assertNotCancelled(meeting, body);
    const existing = await this.repo.findByMeeting(meeting.id);
    if (existing?.status === 'approved') throw this.engine.locked(existing, body);
    const municipality = await this.municipalities.municipality(association.communeCode);
    const { quorum } = await this.meetings.attendanceAndQuorum(meeting, association);
    const parsed = await this.parse(input ?? {}, meeting, association, quorum, municipality.settings.defaultMajority);
    await this.engine.saveDraft(actor, meeting, body, parsed, context);
    return this.view(meeting, association, await this.repo.findByMeeting(meeting.id));
  }

  /** The association as a body of the acta engine: its assemblies' book, or its board's. */
  private bodyOf(meeting: Pick<Meeting, 'kind'>, association: MeetingAssociation): ActaBody {
    return {
      ref: { associationId: association.id, tableId: null },
      book: bookOf(meeting),
      meetingWord: 'reunión',
      amendments: true,
      auditScope: { scopeType: 'commune', scopeId: association.communeCode },
    };
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
    const current = new Map((await this.repo.commitmentsOf(meeting.id)).map((c) => [c.id, c]));
    const commitmentInputs = Array.isArray(input.commitments)
      ? (input.commitments as unknown[])
          .slice(0, LIMITS.commitments)
          .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
      : [];
    const memberIds = commitmentInputs
      .map((c) => c.ownerMemberId)
      .filter((id): id is string => typeof id === 'string' && UUID.test(id));
    const members = await this.repo.ownersAllowed(association.id, meeting.id, memberIds, await this.today(association));
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
    return this.engine.parse(input, {
      agreements: { kind: 'votes', present: quorum.present, reached: quorum.reached, defaultMajority },
      commitments,
      currentCommitmentIds: new Set(current.keys()),
      amendable,
    });
  }

  /** What the acta shows from the meeting as it stands now (a draft's PDF; frozen into the minutes at approval). */
  private async liveSnapshot(
    meeting: Meeting,
    association: MeetingAssociation,
    minutes: Minutes | null,
    em?: EntityManager,
  ): Promise<ActaSnapshot> {
    const municipality = await this.municipalities.municipality(association.communeCode, em);
    const { attendance, quorum } = await this.meetings.attendanceAndQuorum(meeting, association, em);
    const date = localDate(meeting.startsAt, meeting.timeZone);
    const next = await this.repo.nextMeeting(meeting, em);
    const kindLabel = {
      ordinary: 'Reunión ordinaria',
      extraordinary: 'Asamblea extraordinaria',
      constitutive: 'Asamblea constitutiva',
      board: 'Reunión de directorio',
      table_session: 'Sesión de mesa',
      program_activity: 'Actividad de programa',
    }[meeting.kind];
    return {
      organisation: {
        name: association.name,
        rut: association.rut ? formatDocument(municipality.settings.identity.organisation, association.rut) : null,
        kindLabel: translate('es', `kinds.${association.kind}`),
        communeName: municipality.communeName,
      },
      meeting: {
        kindLabel,
        date: formatDate(meeting.startsAt, meeting.timeZone),
        weekday: formatWeekday(meeting.startsAt, meeting.timeZone),
        time: formatTime(meeting.startsAt, meeting.timeZone),
        place: meeting.place,
        onlineUrl: meeting.onlineUrl,
        timeZone: meeting.timeZone,
        call: meeting.call,
      },
      attendance: attendance.map((a) => ({ name: a.fullName, status: a.status, mode: a.mode })),
      quorum: { ...quorum, activeMembers: attendance.length },
      agenda: (await this.meetings.agenda(meeting, em)).map((a) => ({ position: a.position, title: a.title })),
      commitments: (await this.repo.commitmentsOf(meeting.id, em)).map((c) => ({
        description: c.description,
        ownerKind: c.ownerKind,
        owner: c.ownerName,
        dueOn: c.dueOn,
      })),
      nextMeeting: next
        ? {
            date: `${formatWeekday(next.startsAt, next.timeZone)} ${formatDate(next.startsAt, next.timeZone)}`,
            time: formatTime(next.startsAt, next.timeZone),
            place: next.place,
          }
        : null,
      signers: await this.repo.signers(association.id, date, em),
      amendments: minutes
        ? (await this.repo.amendments(minutes.id, em)).map((a) => ({
            number: a.number,
            date: formatDate(a.startsAt, a.timeZone),
            text: a.text,
          }))
        : [],
    };
  }

  /**
   * POST /api/v1/meetings/:id/minutes/approve (DOM-MTG-9): an officer approves; the engine numbers the acta in the
   * organisation's book, freezes, hashes and chains it and issues its PDF. The outcomes and the quorum flag are
   * recomputed from the attendance the acta states (it may have changed since the last save). Already approved: 409.
   */
  async approve(actor: Actor, meetingId: string, context: AuditContext, version?: number): Promise<Approval> {
    const { meeting, association } = await this.meetings.load(actor, meetingId, 'meetings', context);
    const municipality = await this.municipalities.municipality(association.communeCode);
    const date = localDate(meeting.startsAt, meeting.timeZone);
    return this.engine.approve(
      actor,
      meeting,
      this.bodyOf(meeting, association),
      {
        snapshot: async (em) =>
          this.liveSnapshot(meeting, association, await this.repo.findByMeeting(meeting.id, em), em),
        agreements: (stored, snapshot) => {
          const present = snapshot.quorum?.present ?? 0;
          const agreements = stored.map((a) => ({
            ...a,
            outcome: agreementOutcome(a.majority, a, present),
            withoutQuorum: !!snapshot.quorum && !snapshot.quorum.reached,
          }));
          const problems = agreements
            .map((a) => votesProblem(a.number, a, present))
            .filter((p): p is LocalizedText => !!p);
          if (problems.length) {
            const joined = joinTexts(problems);
            throw MeetingException.rule(
              'VOTES_EXCEED_PRESENT',
              eachLanguage((l) => meetingTexts.votesExceedBeforeApproval({ problems: joined[l] })),
            );
          }
          return agreements;
        },
        // the approver's board position on the approval date, from their linked member record
        approverPosition: (em) =>
          actor.personId
            ? this.repo.positionOf(
                association.id,
                actor.personId,
                localDate(this.clock.now(), municipality.timeZone),
                em,
              )
            : Promise.resolve(null),
        positionLabel: (position) => (position ? POSITION_ES[position] : null),
        timeZone: municipality.timeZone,
        communeCode: association.communeCode,
        subject: (number) =>
          `Acta N° ${number} de ${association.name}, reunión del ${formatDate(meeting.startsAt, meeting.timeZone)}`,
        filename: (number) => actaFilename(number, date),
      },
      context,
      version,
    );
  }

  /**
   * GET /api/v1/meetings/:id/minutes.pdf: the approved acta as issued (the stored bytes), or the draft rendered
   * now with BORRADOR in its title and across each page (drafts only for officers and the municipality).
   */
  async pdfOf(actor: Actor, meetingId: string, context: AuditContext): Promise<{ filename: string; content: Buffer }> {
    const { meeting, association, rights } = await this.meetings.load(actor, meetingId, 'read', context);
    const minutes = await this.repo.findByMeeting(meeting.id);
    if (minutes?.status === 'approved' && minutes.documentId) {
      const stored = await this.documents.content(minutes.documentId);
      return { filename: stored.filename, content: stored.content };
    }
    if (!mayReadDrafts(rights)) throw MeetingException.notFound();
    this.engine.assertNotCancelled(meeting, this.bodyOf(meeting, association));
    const view = await this.view(meeting, association, minutes);
    const snapshot = await this.liveSnapshot(meeting, association, minutes);
    const content: ActaContent = {
      snapshot,
      items: view.items,
      agreements: view.agreements,
      number: view.number,
      draft: true,
      approval: null,
    };
    return {
      filename: `Borrador-acta-${localDate(meeting.startsAt, meeting.timeZone)}.pdf`,
      content: await this.pdf.render(actaSpec(content, undefined, this.clock.now())),
    };
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
