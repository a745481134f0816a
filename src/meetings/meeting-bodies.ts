import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { Approval } from './acta-engine';
import type { ActaInput } from './acta-parser';
import { MeetingException } from './meetings.exception';

/** One mark of PUT /api/v1/meetings/:id/attendance: a member of an association, or a representative at a table. */
export interface AttendanceInput {
  memberId?: string;
  participantId?: string;
  status?: string;
  mode?: string;
  arrivedAt?: string;
  leftAt?: string;
}

/** POST /api/v1/commitments/:id/updates. */
export interface ProgressInput {
  status?: string;
  note?: string;
  progress?: number | string;
}

/** A file sent with a progress update (multipart), as multer read it. */
export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/**
 * What a body that keeps its own meeting rules answers on the meetings API's paths (API.md keeps one API for every
 * body): its sessions' attendance, agenda, convocation and acta, through the acta engine. Answers are the JSON
 * the API returns.
 */
export interface BodyMeetingsPort {
  get(actor: Actor, meetingId: string, context: AuditContext): Promise<object>;
  setAttendance(actor: Actor, meetingId: string, marks: AttendanceInput[], context: AuditContext): Promise<object>;
  addAgendaItem(actor: Actor, meetingId: string, input: { title?: string }, context: AuditContext): Promise<object>;
  convene(actor: Actor, meetingId: string, context: AuditContext): Promise<object>;
  readMinutes(actor: Actor, meetingId: string, context: AuditContext): Promise<object>;
  saveMinutes(actor: Actor, meetingId: string, input: ActaInput, context: AuditContext): Promise<object>;
  approve(actor: Actor, meetingId: string, context: AuditContext, version?: number): Promise<Approval>;
  pdfOf(actor: Actor, meetingId: string, context: AuditContext): Promise<{ filename: string; content: Buffer }>;
}

/** The same for the body's commitments (the board, one commitment with its history, progress with evidence). */
export interface BodyCommitmentsPort {
  list(
    actor: Actor,
    bodyId: string,
    query: Record<string, string | boolean | number | undefined>,
    context: AuditContext,
  ): Promise<{ items: object[]; total: number }>;
  get(actor: Actor, commitmentId: string, context: AuditContext): Promise<object>;
  addUpdate(
    actor: Actor,
    commitmentId: string,
    input: ProgressInput,
    file: UploadedFile | null,
    context: AuditContext,
    uploadError?: string,
  ): Promise<object>;
}

export type BodyKind = 'table' | 'program';

/** An association as the meetings engine sees it (the registry's row stays the associations module's). */
export interface MeetingAssociation {
  id: string;
  name: string;
  kind: string;
  rut: string | null;
  /** Peru: the organisation's RUC (the association's row carries it beside the RUT). */
  ruc?: string | null;
  communeCode: string;
  contactEmail: string | null;
  status: string;
}

/** What a caller may do with an association's meetings (API.md "Who may do what"). */
export interface AssociationMeetingRights {
  read: boolean;
  /** Schedule, convene, take attendance, write and approve actas: the association's officers. */
  meetings: boolean;
  /** The municipality keeps the registry: it reads drafts too. */
  municipal: boolean;
}

/**
 * The association as a body of the meetings engine: the associations module provides it (404 outside the
 * caller's scope, 403 without the right, audited there), so the engine never imports the registry.
 */
export interface AssociationBodyPort {
  load(
    actor: Actor,
    associationId: string,
    right: 'read' | 'meetings',
    context: AuditContext,
  ): Promise<{ association: MeetingAssociation; rights: AssociationMeetingRights }>;
  find(associationId: string, em?: EntityManager): Promise<MeetingAssociation | null>;
}

const missing = (): never => {
  throw MeetingException.notFound();
};
/** A body whose module did not register (its meetings answer as not found). */
const UNREGISTERED: { meetings: BodyMeetingsPort; commitments: BodyCommitmentsPort } = {
  meetings: {
    get: missing,
    setAttendance: missing,
    addAgendaItem: missing,
    convene: missing,
    readMinutes: missing,
    saveMinutes: missing,
    approve: missing,
    pdfOf: missing,
  },
  commitments: { list: missing, get: missing, addUpdate: missing },
};

/**
 * The bodies that plug into the meetings API (ARCHITECTURE.md §3.6: meetings defines the port, the higher module
 * provides it): the tables module registers its table at start. Which body a meeting or a commitment belongs to is
 * read from the engine's own rows, so the meetings module knows no feature.
 */
@Injectable()
export class MeetingBodies {
  private readonly bodies = new Map<BodyKind, { meetings: BodyMeetingsPort; commitments: BodyCommitmentsPort }>();
  private associationPort: AssociationBodyPort | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The associations module provides its body at start. */
  registerAssociations(port: AssociationBodyPort): void {
    this.associationPort = port;
  }

  get associations(): AssociationBodyPort {
    if (!this.associationPort) throw new Error('the associations module has not registered its body');
    return this.associationPort;
  }

  register(kind: BodyKind, ports: { meetings: BodyMeetingsPort; commitments: BodyCommitmentsPort }): void {
    this.bodies.set(kind, ports);
  }

  /**
   * The port of the body holding this meeting, or null when the meeting is an association's (or unknown). A body
   * that has not registered (a module left out) answers as a missing meeting, never as an association's.
   */
  async forMeeting(meetingId: string): Promise<BodyMeetingsPort | null> {
    const kind = await this.kindOf('meeting', meetingId);
    if (!kind) return null;
    return this.bodies.get(kind)?.meetings ?? UNREGISTERED.meetings;
  }

  async forCommitment(commitmentId: string): Promise<BodyCommitmentsPort | null> {
    const kind = await this.kindOf('commitment', commitmentId);
    if (!kind) return null;
    return this.bodies.get(kind)?.commitments ?? UNREGISTERED.commitments;
  }

  commitmentsOf(kind: BodyKind): BodyCommitmentsPort | null {
    return this.bodies.get(kind)?.commitments ?? null;
  }

  private async kindOf(source: 'meeting' | 'commitment', id: string): Promise<BodyKind | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    // commitments come from actas: associations' and tables' only (a program activity has no acta)
    const program = source === 'meeting' ? 'program_id IS NOT NULL' : 'false';
    const [row] = await this.dataSource.query(
      `SELECT CASE WHEN table_id IS NOT NULL THEN 'table' WHEN ${program} THEN 'program' END AS kind FROM ${source} WHERE id = $1`,
      [id],
    );
    return (row?.kind as BodyKind | null) ?? null;
  }
}
