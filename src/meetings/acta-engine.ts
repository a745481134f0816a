import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { formatDate, formatDateTime } from '../common/format/dates';
import { DocumentStore } from '../documents/document-store.service';
import { PdfRenderer } from '../documents/pdf-renderer';
import { type ActaAgreement, type ActaContent, type ActaSnapshot, actaSpec, minutesHash } from './acta';
import type { ParsedActa } from './acta-parser';
import type { Meeting } from './entities/meeting.entity';
import type { Minutes, MinutesItem } from './entities/minutes.entity';
import { MeetingException } from './meetings.exception';
import { eachLanguage, meetingTexts, meetingWord } from './meetings.messages';
import { CommitmentsRepository } from './commitments.repository';
import { type Book, MinutesRepository } from './minutes.repository';

/**
 * The body an acta belongs to, as the engine needs it (ARCHITECTURE.md §3.7): an association or a table (and,
 * later, a program's activities). Bodies differ only here; parsing, saving, approving, numbering, hashing and
 * printing are the engine's, one implementation for all.
 */
export interface ActaBody {
  /** The minutes' owner columns (exactly one set). */
  ref: { associationId: string | null; tableId: string | null };
  /** Its book of actas: numbered and chained apart (an association's board meetings keep their own). */
  book: Book;
  /** "reunión" or "sesión", in the messages people read. */
  meetingWord: 'reunión' | 'sesión';
  /** Whether a later acta of this body may amend an approved one (DOM-MTG-9: associations; tables do not). */
  amendments: boolean;
  /** Where the audit rows go. */
  auditScope: { scopeType: 'commune' | 'platform'; scopeId: string | undefined };
}

/** What the body adds to an approval: the frozen snapshot, the approver's position and the document's names. */
export interface ApprovalSpec {
  snapshot(em: EntityManager): Promise<ActaSnapshot>;
  /** The agreements as approved (an assembly recomputes outcomes from the attendance the acta states). */
  agreements(stored: ActaAgreement[], snapshot: ActaSnapshot): ActaAgreement[];
  approverPosition(em: EntityManager): Promise<string | null>;
  /** How the position prints under the approval ("Presidente/a"). */
  positionLabel(position: string | null): string | null;
  timeZone: string;
  communeCode: string | null;
  subject(number: number): string;
  filename(number: number): string;
}

export interface Approval {
  number: number;
  approvedAt: Date;
  approvedBy: string;
  approverPosition: string | null;
  contentHash: string;
  previousHash: string | null;
  verificationCode: string;
  documentId: string;
}

/** What every acta's view starts with, an association meeting's or a table session's. */
export interface MinutesHead {
  id: string | null;
  status: 'draft' | 'approved';
  /** 0 while nothing has been saved. */
  version: number;
  /** Acta N°; for a draft, the number it takes if approved next (`provisionalNumber: true`). */
  number: number;
  provisionalNumber: boolean;
  /** A draft's earlier acta of the same book still to be approved first (its meeting and date), or null. */
  approvalWaitsFor: { meetingId: string; date: string } | null;
  items: MinutesItem[];
}

/**
 * The one acta engine (DOM-MTG-7 to -10): the draft parsed whole by `parseActa` (acta-parser.ts, every problem with
 * its field) is saved under the minutes' row lock with its optimistic version (commitments live from the first
 * save), and the approval numbers the acta in its body's book, freezes it, hashes and chains it to the previous one
 * and issues its PDF, all in one transaction. Associations and tables give their body; nothing else parses or
 * approves an acta.
 */
@Injectable()
export class ActaEngine {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MinutesRepository,
    private readonly commitments: CommitmentsRepository,
    private readonly documents: DocumentStore,
    private readonly pdf: PdfRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** DOM-MTG-9: an approved acta never changes; corrections are amendments in a later acta. */
  locked(minutes: Pick<Minutes, 'number'>, body: Pick<ActaBody, 'meetingWord' | 'amendments'>): MeetingException {
    const number = minutes.number as number;
    return MeetingException.rule(
      'MINUTES_LOCKED',
      body.amendments
        ? eachLanguage((l) => meetingTexts.minutesLockedAmend({ number, word: meetingWord(body.meetingWord, l) }))
        : meetingTexts.minutesLocked({ number }),
    );
  }

  /** A cancelled meeting has no acta. */
  assertNotCancelled(meeting: Pick<Meeting, 'status'>, body: Pick<ActaBody, 'meetingWord'>): void {
    if (meeting.status === 'cancelled')
      throw MeetingException.rule(
        'MEETING_CANCELLED',
        eachLanguage((l) => meetingTexts.cancelledNoMinutes({ word: meetingWord(body.meetingWord, l) })),
      );
  }

  /**
   * PUT /api/v1/meetings/:id/minutes: saves the parsed draft whole under the minutes' row lock (created empty on
   * the first save). Approved: 422 MINUTES_LOCKED; another version than the one read: 409 VERSION_CONFLICT;
   * dropping a commitment with progress: 422. `beforeWrite` takes the body's own locks first (a table's row).
   */
  async saveDraft(
    actor: Actor,
    meeting: Meeting,
    body: ActaBody,
    parsed: ParsedActa,
    context: AuditContext,
    beforeWrite?: (em: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (beforeWrite) await beforeWrite(em);
      const { minutes } = await this.repo.lockOrCreate(meeting.id, body.ref, body.book, actor.id, em);
      if (minutes.status === 'approved') throw this.locked(minutes, body);
      if (parsed.version !== undefined && parsed.version !== minutes.version) {
        throw MeetingException.conflict(
          'VERSION_CONFLICT',
          meetingTexts.minutesSavedMeanwhile({ current: minutes.version, read: parsed.version }),
          'version',
        );
      }
      await this.commitments.replaceCommitments(meeting.id, body.ref, parsed.commitments, em);
      await this.repo.replaceAgreements(minutes.id, parsed.agreements, em);
      await this.repo.replaceAmendments(minutes.id, parsed.amendments, em);
      await this.repo.saveItems(minutes.id, parsed.items, actor.id, em);
      await this.audit.record(
        context,
        {
          action: 'minutes.saved',
          objectType: 'meeting',
          objectId: meeting.id,
          ...body.auditScope,
          details: {
            version: minutes.version + 1,
            agreements: parsed.agreements.length,
            commitments: parsed.commitments.length,
          },
        },
        em,
      );
    });
  }

  /**
   * DOM-MTG-9: the earlier meeting of the book whose acta must be approved first (actas are approved in meeting
   * order), shown before the approve button is pressed (issue 20 item 3); null when nothing waits, or when approved.
   */
  async approvalWaitsFor(
    minutes: Pick<Minutes, 'status'> | null,
    meeting: Pick<Meeting, 'startsAt'>,
    body: ActaBody,
    em?: EntityManager,
  ): Promise<{ meetingId: string; date: string } | null> {
    if (minutes?.status === 'approved') return null;
    const earlier = await this.repo.earlierDraft(body.ref, body.book, meeting.startsAt, em ?? this.dataSource.manager);
    return earlier ? { meetingId: earlier.meetingId, date: formatDate(earlier.startsAt, earlier.timeZone) } : null;
  }

  /** The number a draft would take if approved next, or the approved acta's number. */
  /** The head of an acta's view: its state, its number (for a draft, the one it takes next) and what it waits for. */
  async head(minutes: Minutes | null, meeting: Meeting, body: ActaBody, em?: EntityManager): Promise<MinutesHead> {
    const approved = minutes?.status === 'approved';
    const number = await this.numberOf(minutes, body, em);
    const approvalWaitsFor = await this.approvalWaitsFor(minutes, meeting, body, em);
    return {
      id: minutes?.id ?? null,
      status: approved ? 'approved' : 'draft',
      version: minutes?.version ?? 0,
      number,
      provisionalNumber: !approved,
      approvalWaitsFor,
      items: minutes?.items ?? [],
    };
  }

  async numberOf(minutes: Minutes | null, body: ActaBody, em?: EntityManager): Promise<number> {
    if (minutes?.status === 'approved') return minutes.number as number;
    return ((await this.repo.lastApproved(body.ref, body.book, em ?? this.dataSource.manager))?.number ?? 0) + 1;
  }

  /**
   * POST /api/v1/meetings/:id/minutes/approve (DOM-MTG-9): the acta takes the next number of its body's book
   * under the book's lock, in meeting order; its content is frozen, hashed and chained to the previous approved
   * acta, and its PDF is issued with a verification code, all in one transaction. Already approved: 409.
   */
  async approve(
    actor: Actor,
    meeting: Meeting,
    body: ActaBody,
    spec: ApprovalSpec,
    context: AuditContext,
    version?: number,
  ): Promise<Approval> {
    this.assertNotCancelled(meeting, body);
    if (meeting.startsAt > this.clock.now())
      throw MeetingException.rule(
        'MEETING_NOT_HELD',
        eachLanguage((l) =>
          meetingTexts.meetingNotHeld({
            word: meetingWord(body.meetingWord, l),
            when: formatDateTime(meeting.startsAt, meeting.timeZone),
          }),
        ),
      );
    return this.dataSource.transaction(async (em) => {
      await this.repo.lockChain((body.ref.associationId ?? body.ref.tableId) as string, body.book, em);
      const minutes = await this.repo.lockByMeeting(meeting.id, em);
      if (!minutes || minutes.version === 0)
        throw MeetingException.rule(
          'MINUTES_NOT_WRITTEN',
          eachLanguage((l) => meetingTexts.minutesNotWritten({ word: meetingWord(body.meetingWord, l) })),
        );
      if (minutes.status === 'approved')
        throw MeetingException.conflict(
          'ALREADY_APPROVED',
          meetingTexts.alreadyApproved({
            number: minutes.number as number,
            at: formatDateTime(minutes.approvedAt, spec.timeZone),
            by: String(minutes.approverName),
          }),
        );
      // what is approved is the version the approver read
      if (version !== undefined && version !== minutes.version) {
        throw MeetingException.conflict(
          'VERSION_CONFLICT',
          meetingTexts.minutesChangedSinceRead({ current: minutes.version, read: version }),
          'version',
        );
      }
      // actas are approved in the order of their meetings, so the book's numbers follow the dates
      const earlier = await this.repo.earlierDraft(body.ref, body.book, meeting.startsAt, em);
      if (earlier)
        throw MeetingException.rule(
          'EARLIER_MINUTES_PENDING',
          eachLanguage((l) =>
            meetingTexts.earlierMinutesPending({
              word: meetingWord(body.meetingWord, l),
              date: formatDate(earlier.startsAt, earlier.timeZone),
              words: meetingWord(body.meetingWord, l, true),
            }),
          ),
        );
      const previous = await this.repo.lastApproved(body.ref, body.book, em);
      const number = (previous?.number ?? 0) + 1;
      const approvedAt = this.clock.now();
      const position = await spec.approverPosition(em);
      const snapshot = await spec.snapshot(em);
      const agreements = spec.agreements(await this.repo.agreements(minutes.id, em), snapshot);
      await this.repo.setOutcomes(minutes.id, agreements, em);
      const amendments = (await this.repo.amendments(minutes.id, em)).map((a) => ({
        amendsMinutesId: a.amendsMinutesId,
        text: a.text,
      }));
      const approval = {
        approvedAt,
        approvedBy: actor.id,
        approverName: actor.name,
        approverPosition: position,
        previousHash: previous?.contentHash ?? null,
        previousMinutesId: previous?.id ?? null,
      };
      const contentHash = minutesHash({
        id: minutes.id,
        meetingId: meeting.id,
        ...body.ref,
        book: body.book,
        number,
        items: minutes.items,
        snapshot,
        agreements,
        amendments,
        ...approval,
      });
      const content: ActaContent = {
        snapshot,
        items: minutes.items,
        agreements,
        number,
        meetingWord: body.meetingWord,
        draft: false,
        approval: {
          at: formatDateTime(approvedAt, spec.timeZone),
          by: actor.name,
          position: spec.positionLabel(position),
        },
      };
      const document = await this.documents.issue(
        {
          kind: 'minutes',
          ownerType: 'minutes',
          ownerId: minutes.id,
          communeCode: spec.communeCode,
          subject: spec.subject(number),
          filename: spec.filename(number),
          timeZone: spec.timeZone,
          render: (verification, issuedAt) => this.pdf.render(actaSpec(content, verification, issuedAt)),
        },
        em,
      );
      await this.repo.markApproved(
        minutes.id,
        {
          number,
          snapshot,
          approvedAt,
          approvedBy: actor.id,
          approverName: actor.name,
          approverPosition: position,
          contentHash,
          previousHash: approval.previousHash,
          previousMinutesId: approval.previousMinutesId,
          documentId: document.id,
        },
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'minutes.approved',
          objectType: 'meeting',
          objectId: meeting.id,
          ...body.auditScope,
          details: { minutesId: minutes.id, number, contentHash, previousHash: approval.previousHash },
        },
        em,
      );
      return {
        number,
        approvedAt,
        approvedBy: actor.name,
        approverPosition: position,
        contentHash,
        previousHash: approval.previousHash,
        verificationCode: document.verificationCode,
        documentId: document.id,
      };
    });
  }

  /** The draft's PDF, rendered now with BORRADOR in its title and across each page. */
  renderDraft(content: Omit<ActaContent, 'draft' | 'approval'>): Promise<Buffer> {
    return this.pdf.render(actaSpec({ ...content, draft: true, approval: null }, undefined, this.clock.now()));
  }
}
