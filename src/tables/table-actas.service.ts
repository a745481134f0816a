import { Injectable } from '@nestjs/common';
import { downloadName } from '../common/format/file-name';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { formatDate, formatTime, localDate } from '../common/format/dates';
import { DocumentStore } from '../documents/document-store.service';
import { actaMeeting, type ActaSnapshot } from '../meetings/acta';
import { ActaEngine, type Approval } from '../meetings/acta-engine';
import { type ActaInput, type CommitmentRules, type ParsedActa, parseActa } from '../meetings/acta-parser';
import type { Meeting } from '../meetings/entities/meeting.entity';
import { MeetingRecords } from '../meetings/meeting-records.service';
import type { Mesa } from './entities/mesa.entity';
import { TableSessionReads, type SessionMinutes } from './table-session-reads.service';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';

/** Items: one per agenda point, and an agenda carries every open commitment (their descriptions are the titles). */
const LIMITS = { items: 500, agreements: 100, commitments: 300, title: 10_000, text: 10_000 };
const KIND_ES: Record<Mesa['kind'], string> = {
  security: 'Mesa de seguridad',
  productive_development: 'Mesa de desarrollo productivo y turismo',
  other: 'Mesa de trabajo',
};
const SCOPE_ES: Record<Mesa['scopeLevel'], string> = { commune: 'comunal', province: 'provincial', region: 'regional' };
/** A table session lasts this long in calendars. */

/**
 * The acta of a table session (issue 9, DOM-MTG-8, -9), through the acta engine: notes, agreements by consensus and
 * commitments owned by a representative or an institution at the table; approved by the coordinator into the
 * table's own numbered and chained book, issued as a PDF with a verification code (a BORRADOR before).
 */
@Injectable()
export class TableActasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: TableSessionReads,
    private readonly records: MeetingRecords,
    private readonly engine: ActaEngine,
    private readonly documents: DocumentStore,
  ) {}

  /**
   * PUT /api/v1/meetings/:id/minutes for a session, through the acta engine: notes per agenda point, agreements
   * (by consensus: a table does not vote as an assembly does) and commitments, each owned by a representative or
   * an institution sitting at the table (DOM-MTG-8), with an axis and a due date.
   */
  async saveMinutes(actor: Actor, meetingId: string, input: ActaInput, context: AuditContext): Promise<SessionMinutes> {
    const { meeting, table } = await this.reads.load(actor, meetingId, 'manage', context);
    const body = this.reads.bodyOf(meeting, table);
    this.engine.assertNotCancelled(meeting, body);
    const parsed = await this.parse(input ?? {}, meeting, table);
    // the table's row first, as every writer of its board does (the commitments' triggers raise its board_version)
    await this.engine.saveDraft(actor, meeting, body, parsed, context, async (em) => {
      await em.query(`SELECT id FROM mesa WHERE id = $1 FOR UPDATE`, [table.id]);
    });
    return this.reads.minutesOf(meeting);
  }

  /** DOM-MTG-8 for tables: a commitment is owed by a representative or an institution sitting at the table, with an optional axis of the table. */
  private async parse(input: ActaInput, meeting: Meeting, table: Mesa): Promise<ParsedActa> {
    const [participants, axes, current] = await Promise.all([
      this.dataSource.query(`SELECT id, institution_id AS "institutionId" FROM table_participant WHERE table_id = $1`, [
        table.id,
      ]) as Promise<{ id: string; institutionId: string }[]>,
      this.dataSource.query(`SELECT id FROM table_axis WHERE table_id = $1`, [table.id]) as Promise<{ id: string }[]>,
      this.dataSource.query(`SELECT id FROM commitment WHERE origin_meeting_id = $1`, [meeting.id]) as Promise<
        { id: string }[]
      >,
    ]);
    const institutionOf = new Map(participants.map((p) => [p.id, p.institutionId]));
    const institutions = new Set(participants.map((p) => p.institutionId));
    const axisIds = new Set(axes.map((a) => a.id));
    const commitments: CommitmentRules = {
      keys: ['ownerParticipantId', 'ownerInstitutionId', 'axisId'],
      limit: LIMITS.commitments,
      resolve: (c, i, at, errors) => {
        const participantId =
          typeof c.ownerParticipantId === 'string' && c.ownerParticipantId.trim() ? c.ownerParticipantId.trim() : null;
        const institutionId =
          typeof c.ownerInstitutionId === 'string' && c.ownerInstitutionId.trim() ? c.ownerInstitutionId.trim() : null;
        const axisId = typeof c.axisId === 'string' && c.axisId.trim() ? c.axisId.trim() : null;
        if (axisId && !axisIds.has(axisId))
          errors.push(TableException.fieldError(`${at}.axisId`, tableTexts.axisNotOfTable({ at: `${at}.axisId` })));
        const owner = { ownerMembershipId: null, ownerName: null, axisId };
        if ((participantId ? 1 : 0) + (institutionId ? 1 : 0) !== 1) {
          errors.push(
            TableException.fieldError(`${at}.ownerInstitutionId`, tableTexts.commitmentOneOwner({ n: i + 1 })),
          );
          return { ...owner, ownerKind: 'institution', ownerParticipantId: null, ownerInstitutionId: null };
        }
        if (participantId) {
          if (!institutionOf.has(participantId))
            errors.push(
              TableException.fieldError(
                `${at}.ownerParticipantId`,
                tableTexts.notRepresentative({ at: `${at}.ownerParticipantId` }),
              ),
            );
          // the representative's institution owns it too: the board counts it for that institution
          return {
            ...owner,
            ownerKind: 'participant',
            ownerParticipantId: participantId,
            ownerInstitutionId: institutionOf.get(participantId) ?? null,
          };
        }
        if (!institutions.has(institutionId as string))
          errors.push(
            TableException.fieldError(
              `${at}.ownerInstitutionId`,
              tableTexts.ownerInstitutionNotAtTable({ at: `${at}.ownerInstitutionId` }),
            ),
          );
        return { ...owner, ownerKind: 'institution', ownerParticipantId: null, ownerInstitutionId: institutionId };
      },
    };
    return parseActa(input, {
      agreements: { kind: 'consensus' },
      commitments,
      currentCommitmentIds: new Set(current.map((c) => c.id)),
      amendable: null,
    });
  }

  /**
   * POST /api/v1/meetings/:id/minutes/approve for a session: the coordinator approves it through the acta engine
   * into the table's book (next number, snapshot, SHA-256 chained to the previous acta, PDF with a verification
   * code), in session order. The triggers of the minutes then refuse any change.
   */
  async approve(actor: Actor, meetingId: string, context: AuditContext, version?: number): Promise<Approval> {
    const { meeting, table } = await this.reads.load(actor, meetingId, 'manage', context);
    return this.engine.approve(
      actor,
      meeting,
      this.reads.bodyOf(meeting, table),
      {
        snapshot: (em) => this.snapshot(meeting, table, actor.name, em),
        agreements: (stored) => stored,
        approverPosition: () => Promise.resolve('Coordinación de la mesa'),
        positionLabel: () => 'coordinación de la mesa',
        timeZone: table.timeZone,
        communeCode: table.communeCode,
        subject: (number) =>
          `Acta N° ${number} de ${table.name}, sesión del ${formatDate(meeting.startsAt, meeting.timeZone)}`,
        filename: () => downloadName('acta', localDate(meeting.startsAt, meeting.timeZone), table.name, 'pdf'),
      },
      context,
      version,
    );
  }

  /** GET /api/v1/meetings/:id/minutes.pdf for a session: the issued PDF once approved, else a BORRADOR rendered now (participants read drafts too). */
  async pdfOf(actor: Actor, meetingId: string, context: AuditContext): Promise<{ filename: string; content: Buffer }> {
    const { meeting, table } = await this.reads.load(actor, meetingId, 'read', context);
    const minutes = await this.records.minutesOf(meeting.id);
    if (minutes?.status === 'approved' && minutes.documentId) {
      const stored = await this.documents.content(minutes.documentId);
      const date = localDate(meeting.startsAt, meeting.timeZone);
      return { filename: downloadName('acta', date, table.name, 'pdf'), content: stored.content };
    }
    // the institutions at the table read the draft before it is approved (it says BORRADOR on every page)
    this.engine.assertNotCancelled(meeting, this.reads.bodyOf(meeting, table));
    const view = await this.reads.minutesOf(meeting);
    const agreements = minutes ? await this.records.agreementsOf(minutes.id) : [];
    const content = {
      snapshot: await this.snapshot(meeting, table, null),
      items: view.items,
      agreements,
      number: view.number,
    };
    return {
      filename: downloadName('borrador-acta', localDate(meeting.startsAt, meeting.timeZone), table.name, 'pdf'),
      content: await this.engine.renderDraft(content),
    };
  }

  /** What the acta states, frozen at approval: representatives and their attendance, agenda, commitments, next session. */
  private async snapshot(
    meeting: Meeting,
    table: Mesa,
    approver: string | null,
    em?: EntityManager,
  ): Promise<ActaSnapshot> {
    const m = em ?? this.dataSource.manager;
    const [attendance, agenda, commitments, scope] = [
      await this.reads.attendanceOf(meeting, em),
      await this.reads.agenda(meeting, em),
      await this.reads.commitmentsOf(meeting.id, em),
      await this.scopeName(table, m),
    ];
    const [next] = await m.query(
      `SELECT starts_at AS "startsAt", time_zone AS "timeZone", place FROM meeting WHERE table_id = $1 AND starts_at > $2 AND status <> 'cancelled' ORDER BY starts_at LIMIT 1`,
      [table.id, meeting.startsAt],
    );
    return {
      organisation: {
        name: table.name,
        rut: null,
        kindLabel: `${KIND_ES[table.kind]} ${SCOPE_ES[table.scopeLevel]}`,
        communeName: scope,
      },
      meeting: actaMeeting(meeting, 'Sesión de la mesa', 'first'),
      attendance: attendance.map((a) => ({
        name: `${a.name} (${a.institution.name})`,
        status: a.status,
        mode: a.mode,
      })),
      quorum: null,
      agenda: agenda.map((a) => ({ position: a.position, title: a.title })),
      commitments: commitments.map((c) => ({
        description: c.description,
        ownerKind: c.owner.kind,
        owner: c.owner.kind === 'participant' ? `${c.owner.name} (${c.owner.institutionName})` : c.owner.name,
        dueOn: c.dueOn,
      })),
      nextMeeting: next
        ? {
            date: formatDate(new Date(next.startsAt), next.timeZone),
            time: formatTime(new Date(next.startsAt), next.timeZone),
            place: next.place,
          }
        : null,
      signers: { president: approver, secretary: null, labels: ['Coordinación de la mesa', 'Secretaría técnica'] },
      amendments: [],
    };
  }

  private async scopeName(table: Mesa, m: EntityManager): Promise<string> {
    const source = table.scopeLevel === 'commune' ? 'commune' : table.scopeLevel === 'province' ? 'province' : 'region';
    const [row] = await m.query(`SELECT name FROM ${source} WHERE code = $1`, [table.scopeCode]);
    return row?.name ?? table.scopeCode;
  }
}
