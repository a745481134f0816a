import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MeetingException } from './meetings.exception';
import { meetingTexts, textTooLong } from './meetings.messages';
import { MeetingBodies, type MeetingAssociation } from './meeting-bodies';
import { AuditContext, AuditService } from '../audit/audit.service';
import { paging } from '../common/paging';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/errors/domain.exception';
import { type CommitmentView, MinutesViews } from './minutes-views.service';
import { CommitmentsRepository } from './commitments.repository';

export interface CommitmentQuery {
  associationId?: string;
  tableId?: string;
  status?: string;
  overdue?: string | boolean;
  institutionId?: string;
  page?: number | string;
  pageSize?: number | string;
}

export interface CommitmentUpdateInput {
  status?: string;
  note?: string;
  progress?: number | string;
}

const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * DOM-MTG-8: a progress update as typed: a note (required), a status and a whole percentage, each refused naming
 * its field; done means 100 unless said otherwise. Shared by associations' and tables' commitments.
 */
export function parseProgress(input: CommitmentUpdateInput | undefined): {
  note: string;
  status: (typeof STATUSES)[number] | null;
  progress: number | null;
} {
  const errors: FieldError[] = [];
  const note = typeof input?.note === 'string' ? input.note.trim() : '';
  if (!note) errors.push(MeetingException.fieldError('note', meetingTexts.noteRequired()));
  if (note.length > 10_000) errors.push(MeetingException.fieldError('note', textTooLong('note', 10_000, note.length)));
  const status = input?.status === undefined || input.status === '' ? null : input.status;
  if (status !== null && !STATUSES.includes(status as (typeof STATUSES)[number]))
    errors.push(MeetingException.fieldError('status', meetingTexts.commitmentStatusInvalid()));
  let progress: number | null = null;
  if (input?.progress !== undefined && input.progress !== '' && input.progress !== null) {
    progress = Number(input.progress);
    if (!Number.isInteger(progress) || progress < 0 || progress > 100)
      errors.push(MeetingException.fieldError('progress', meetingTexts.progressInvalid()));
  }
  if (errors.length) throw MeetingException.invalid(errors);
  return {
    note,
    status: status as (typeof STATUSES)[number] | null,
    progress: status === 'done' && progress === null ? 100 : progress,
  };
}

/**
 * Commitments (DOM-MTG-8): recorded by the minutes, then followed on their own: progress updates with a note, a
 * status and a percentage, and the derived `overdue`. Open and in-progress ones are carried to every later agenda.
 */
@Injectable()
export class CommitmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: CommitmentsRepository,
    private readonly views: MinutesViews,
    private readonly bodies: MeetingBodies,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** GET /api/v1/commitments?associationId=&status=&overdue=true: a page of the body's commitments, open ones first. */
  async list(
    actor: Actor,
    query: CommitmentQuery,
    context: AuditContext,
  ): Promise<{ items: CommitmentView[]; total: number; association: MeetingAssociation; today: string }> {
    const errors: FieldError[] = [];
    if (query.tableId !== undefined && query.tableId !== '') throw MeetingException.notFound(); // no tables yet: nothing in scope
    if (!query.associationId) throw MeetingException.field('associationId', meetingTexts.associationIdRequired());
    if (query.status && !STATUSES.includes(query.status as (typeof STATUSES)[number]))
      errors.push(MeetingException.fieldError('status', meetingTexts.commitmentStatusInvalid()));
    const overdue = query.overdue === true || query.overdue === 'true' || query.overdue === '1';
    if (
      query.overdue !== undefined &&
      !overdue &&
      query.overdue !== 'false' &&
      query.overdue !== false &&
      query.overdue !== ''
    )
      errors.push(MeetingException.fieldError('overdue', meetingTexts.overdueInvalid()));
    if (query.institutionId !== undefined && query.institutionId !== '' && !UUID.test(query.institutionId))
      errors.push(MeetingException.fieldError('institutionId', meetingTexts.institutionIdInvalid()));
    if (errors.length) throw MeetingException.invalid(errors);
    const { limit, offset } = paging(query);
    const { association } = await this.bodies.associations.load(actor, query.associationId, 'read', context);
    const today = await this.views.today(association);
    const { items, total } = await this.repo.listCommitments({
      associationIds: [association.id],
      status: query.status || undefined,
      overdueOn: overdue ? today : undefined,
      institutionId: query.institutionId || undefined,
      limit,
      offset,
    });
    return { items: items.map((c) => this.views.commitmentView(c, today)), total, association, today };
  }

  /** One commitment with its history (newest first). */
  async get(actor: Actor, commitmentId: string, context: AuditContext) {
    const { commitment, association, rights } = await this.load(actor, commitmentId, 'read', context);
    const today = await this.views.today(association);
    const updates = await this.repo.updatesOf(commitment.id);
    return {
      ...this.views.commitmentView(commitment, today),
      association: { id: association.id, name: association.name },
      updates,
      canUpdate: rights.meetings,
    };
  }

  /**
   * POST /api/v1/commitments/:id/updates: a progress note, optionally with a new status and a percentage (done
   * means 100 unless said otherwise). The commitment keeps its own progress after its acta is approved.
   */
  async addUpdate(
    actor: Actor,
    commitmentId: string,
    input: CommitmentUpdateInput,
    context: AuditContext,
  ): Promise<CommitmentView & { update: { at: Date; note: string; status: string | null; progress: number | null } }> {
    const { commitment, association } = await this.load(actor, commitmentId, 'meetings', context);
    const { note, status, progress } = parseProgress(input);
    const at = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT id FROM commitment WHERE id = $1 FOR UPDATE`, [commitment.id]);
      await this.repo.recordProgress(commitment.id, { status, progress, note }, actor, at, em);
      await this.audit.record(
        context,
        {
          action: 'commitment.updated',
          objectType: 'commitment',
          objectId: commitment.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { status, progress },
        },
        em,
      );
    });
    const today = await this.views.today(association);
    const updated = (await this.repo.findCommitment(commitment.id))!;
    return { ...this.views.commitmentView(updated, today), update: { at, note, status, progress } };
  }

  /** 404 outside scope, 403 without the officers' right; the commitment's association. */
  async assertMayUpdate(actor: Actor, commitmentId: string, context: AuditContext): Promise<string> {
    return (await this.load(actor, commitmentId, 'meetings', context)).association.id;
  }

  private async load(actor: Actor, commitmentId: string, right: 'read' | 'meetings', context: AuditContext) {
    const commitment = UUID.test(commitmentId) ? await this.repo.findCommitment(commitmentId) : undefined;
    if (!commitment?.associationId) throw MeetingException.notFound();
    const { association, rights } = await this.bodies.associations.load(
      actor,
      commitment.associationId,
      right,
      context,
    );
    return { commitment, association, rights };
  }
}
