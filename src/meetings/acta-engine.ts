import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/errors/domain.exception';
import type { LocalizedText } from '../common/i18n/messages';
import { formatDate, formatDateTime, parseCalendarDate } from '../common/format/dates';
import { textProblem } from '../common/text';
import { DocumentStore } from '../documents/document-store.service';
import { PdfRenderer } from '../documents/pdf-renderer';
import {
  type ActaAgreement,
  type ActaContent,
  type ActaSnapshot,
  actaSpec,
  type CommitmentOwner,
  minutesHash,
  type ParsedCommitment,
} from './acta';

export type { CommitmentOwner, ParsedCommitment } from './acta';
import type { Meeting } from './entities/meeting.entity';
import type { Minutes, MinutesItem } from './entities/minutes.entity';
import { agreementOutcome, MAJORITIES, type Majority } from './majority';
import { MeetingException } from './meetings.exception';
import { eachLanguage, meetingTexts, meetingWord, textTooLong } from './meetings.messages';
import { type Book, MinutesRepository } from './minutes.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMITS = { items: 500, agreements: 100, amendments: 20, title: 10_000, text: 10_000, votes: 100_000 };

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

/**
 * DOM-MTG-8: who may owe a commitment is the body's rule (members, a named person or an institution for an
 * association; a representative or an institution at the table, with an axis, for a table).
 */
export interface CommitmentRules {
  /** The input keys besides id, description and dueOn. */
  keys: string[];
  /** The most commitments one acta records. */
  limit: number;
  resolve(input: Record<string, unknown>, index: number, at: string, errors: FieldError[]): CommitmentOwner;
}

/** DOM-MTG-7: agreements voted under a majority (assemblies) or adopted by consensus (tables). */
export type AgreementRules =
  { kind: 'votes'; present: number; reached: boolean; defaultMajority: Majority } | { kind: 'consensus' };

/** PUT /api/v1/meetings/:id/minutes (API.md), with `id` on commitments to keep one, and `amendments`. */
export interface ActaInput {
  version?: number | string;
  items?: unknown;
  agreements?: unknown;
  commitments?: unknown;
  amendments?: unknown;
}

export interface ParsedActa {
  version: number | undefined;
  items: MinutesItem[];
  agreements: ActaAgreement[];
  commitments: ParsedCommitment[];
  amendments: { amendsMinutesId: string; text: string }[];
}

/** DOM-MTG-7: the votes cast on an agreement cannot exceed the members present; null when they do not. */
export function votesProblem(
  n: number,
  votes: { votesFor: number; votesAgainst: number; abstentions: number },
  present: number,
): LocalizedText | null {
  const cast = votes.votesFor + votes.votesAgainst + votes.abstentions;
  if (cast === 0 || cast <= present) return null;
  if (present === 0) return meetingTexts.votesWithoutPresent({ n });
  return (present === 1 ? meetingTexts.votesExceedOne : meetingTexts.votesExceedMany)({ n, cast, present });
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

/**
 * The one acta engine (DOM-MTG-7 to -10): the draft parsed whole (every problem with its field), saved under the
 * minutes' row lock with its optimistic version (commitments live from the first save), and the approval that
 * numbers the acta in its body's book, freezes it, hashes and chains it to the previous one and issues its PDF,
 * all in one transaction. Associations and tables give their body; nothing else parses or approves an acta.
 */
@Injectable()
export class ActaEngine {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MinutesRepository,
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
   * Checks the whole draft, collecting every problem with its field (items[2].notes, agreements[0].votesFor...);
   * the body gives its agreement and commitment rules and the actas an amendment may correct.
   */
  parse(
    input: ActaInput,
    rules: {
      agreements: AgreementRules;
      commitments: CommitmentRules;
      currentCommitmentIds: Set<string>;
      amendable: Set<string> | null;
    },
  ): ParsedActa {
    const errors: FieldError[] = [];
    const refuse = (field: string, text: LocalizedText | string) =>
      errors.push(MeetingException.fieldError(field, text));
    const list = (value: unknown, field: string, max: number): (Record<string, unknown> | null)[] => {
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value)) {
        refuse(field, meetingTexts.fieldList({ field }));
        return [];
      }
      if (value.length > max) refuse(field, meetingTexts.fieldMaxItems({ field, max }));
      return value.slice(0, max).map((v: unknown, i) => {
        if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
        refuse(`${field}[${i}]`, meetingTexts.fieldObject({ field: `${field}[${i}]` }));
        return null;
      });
    };
    const text = (value: unknown, field: string, max: number, required: boolean): string => {
      if (value !== undefined && value !== null && typeof value !== 'string') {
        refuse(field, meetingTexts.fieldText({ field }));
        return '';
      }
      const t = ((value as string | null | undefined) ?? '').trim();
      if (required && !t) refuse(field, meetingTexts.fieldRequired({ field }));
      if (t.length > max) refuse(field, textTooLong(field, max, t.length));
      // issue 22 item 5: what the acta's PDF cannot print is refused here, never at approval
      const unprintable = t && textProblem(field, t);
      if (unprintable) refuse(field, unprintable);
      return t;
    };
    const count = (value: unknown, field: string): number => {
      const n =
        typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : value === undefined || value === null || value === ''
            ? 0
            : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > LIMITS.votes) {
        refuse(field, meetingTexts.fieldVotes({ field }));
        return 0;
      }
      return n;
    };
    const known = (obj: object, allowed: string[], field: string) => {
      for (const k of Object.keys(obj))
        if (!allowed.includes(k)) refuse(`${field}.${k}`, meetingTexts.fieldUnknown({ field: `${field}.${k}` }));
    };

    let version: number | undefined;
    if (input.version !== undefined && input.version !== null && input.version !== '') {
      const v = Number(input.version);
      if (!Number.isInteger(v) || v < 0) refuse('version', meetingTexts.minutesVersionInvalid());
      else version = v;
    }

    const items: MinutesItem[] = [];
    list(input.items, 'items', LIMITS.items).forEach((item, i) => {
      if (!item) return;
      known(item, ['agendaItemId', 'title', 'notes'], `items[${i}]`);
      const agendaItemId = item.agendaItemId ? String(item.agendaItemId) : null;
      if (agendaItemId && !UUID.test(agendaItemId))
        refuse(`items[${i}].agendaItemId`, meetingTexts.agendaItemUnknown({ at: `items[${i}]` }));
      items.push({
        agendaItemId,
        title: text(item.title, `items[${i}].title`, LIMITS.title, true),
        notes: text(item.notes, `items[${i}].notes`, LIMITS.text, false),
      });
    });

    // DOM-MTG-7: numbered in order; an assembly's votes by those present, the outcome under the majority that applies
    const agreements: ActaAgreement[] = [];
    const ar = rules.agreements;
    list(input.agreements, 'agreements', LIMITS.agreements).forEach((a, i) => {
      if (!a) return;
      const at = `agreements[${i}]`;
      known(a, ['text', 'votesFor', 'votesAgainst', 'abstentions', 'majority'], at);
      const agreementText = text(a.text, `${at}.text`, LIMITS.text, true);
      if (ar.kind === 'consensus') {
        // a table agrees by consensus: no votes, adopted
        agreements.push({
          number: i + 1,
          text: agreementText,
          votesFor: 0,
          votesAgainst: 0,
          abstentions: 0,
          majority: 'simple',
          outcome: 'approved',
          withoutQuorum: false,
        });
        return;
      }
      const given =
        a.majority === undefined || a.majority === null || a.majority === ''
          ? ar.defaultMajority
          : (a.majority as Majority);
      if (!MAJORITIES.includes(given)) refuse(`${at}.majority`, meetingTexts.majorityInvalid({ at }));
      const majority = MAJORITIES.includes(given) ? given : 'simple';
      const votes = {
        votesFor: count(a.votesFor, `${at}.votesFor`),
        votesAgainst: count(a.votesAgainst, `${at}.votesAgainst`),
        abstentions: count(a.abstentions, `${at}.abstentions`),
      };
      const problem = votesProblem(i + 1, votes, ar.present);
      if (problem) refuse(`${at}.votesFor`, problem);
      // DOM-MTG-6: decisions taken without quorum are flagged
      agreements.push({
        number: i + 1,
        text: agreementText,
        ...votes,
        majority,
        outcome: agreementOutcome(majority, votes, ar.present),
        withoutQuorum: !ar.reached,
      });
    });

    // DOM-MTG-8: a description, an owner by the body's rules, a due date; kept by id
    const seen = new Set<string>();
    const commitments: ParsedCommitment[] = [];
    list(input.commitments, 'commitments', rules.commitments.limit).forEach((c, i) => {
      if (!c) return;
      const at = `commitments[${i}]`;
      known(c, ['id', 'description', 'dueOn', ...rules.commitments.keys], at);
      const id = c.id ? String(c.id) : undefined;
      if (id && (!rules.currentCommitmentIds.has(id) || seen.has(id)))
        refuse(`${at}.id`, meetingTexts.commitmentNotInActa({ at }));
      if (id) seen.add(id);
      const description = text(c.description, `${at}.description`, LIMITS.text, true);
      const owner = rules.commitments.resolve(c, i, at, errors);
      const dueOn = typeof c.dueOn === 'string' && c.dueOn.trim() ? parseCalendarDate(c.dueOn.trim()) : null;
      if (!dueOn) refuse(`${at}.dueOn`, meetingTexts.dueOnRequired({ at }));
      commitments.push({ id, description, ...owner, dueOn: dueOn ?? '', position: i + 1 });
    });
    // a commitment left out that already has progress is refused when saving (422, under the rows' lock)

    const amendments: { amendsMinutesId: string; text: string }[] = [];
    const amendmentInput = list(input.amendments, 'amendments', LIMITS.amendments);
    if (amendmentInput.length && !rules.amendable) refuse('amendments', meetingTexts.amendmentsNotHere());
    amendmentInput.forEach((a, i) => {
      if (!a || !rules.amendable) return;
      const at = `amendments[${i}]`;
      known(a, ['minutesId', 'text'], at);
      const minutesId = typeof a.minutesId === 'string' ? a.minutesId : '';
      // DOM-MTG-9: a correction amends an approved acta of an earlier meeting of the same body
      if (!rules.amendable.has(minutesId)) refuse(`${at}.minutesId`, meetingTexts.amendmentTarget({ at }));
      else if (amendments.some((x) => x.amendsMinutesId === minutesId))
        refuse(`${at}.minutesId`, meetingTexts.amendmentTwice({ at }));
      amendments.push({ amendsMinutesId: minutesId, text: text(a.text, `${at}.text`, LIMITS.text, true) });
    });

    if (errors.length)
      throw MeetingException.invalid(
        errors.slice(0, 50),
        errors.length === 1 ? (errors[0].text ?? errors[0].message) : meetingTexts.minutesInvalid(),
      );
    return { version, items, agreements, commitments, amendments };
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
      await this.repo.replaceCommitments(meeting.id, body.ref, parsed.commitments, em);
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
