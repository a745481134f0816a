import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';

/** What the tables module answers for the meetings and commitments API when the meeting or commitment is a table's. */
export interface TableSessionsHandler {
  isTableSession(meetingId: string): Promise<boolean>;
  isTableCommitment(commitmentId: string): Promise<boolean>;
  getSession(actor: Actor, meetingId: string, context: AuditContext): Promise<unknown>;
  setAttendance(actor: Actor, meetingId: string, marks: unknown, context: AuditContext): Promise<unknown>;
  addAgendaItem(actor: Actor, meetingId: string, input: { title?: string }, context: AuditContext): Promise<unknown>;
  convene(actor: Actor, meetingId: string, context: AuditContext): Promise<unknown>;
  readMinutes(actor: Actor, meetingId: string, context: AuditContext): Promise<unknown>;
  saveMinutes(actor: Actor, meetingId: string, input: unknown, context: AuditContext): Promise<unknown>;
  approve(actor: Actor, meetingId: string, context: AuditContext, version?: number): Promise<unknown>;
  pdfOf(actor: Actor, meetingId: string, context: AuditContext): Promise<{ filename: string; content: Buffer }>;
  board(actor: Actor, tableId: string, query: Record<string, unknown>, context: AuditContext): Promise<{ items: unknown[]; total: number }>;
  getCommitment(actor: Actor, commitmentId: string, context: AuditContext): Promise<unknown>;
  addUpdate(actor: Actor, commitmentId: string, input: { status?: string; note?: string; progress?: number | string }, file: { originalname: string; buffer: Buffer; size: number } | null, context: AuditContext, uploadError?: string): Promise<unknown>;
}

/**
 * Meetings and commitments of tables share the meetings API's paths (API.md) but are the tables module's: it
 * registers its handler here at start, so the meetings module does not depend on it.
 */
@Injectable()
export class TableSessionsHook {
  handler: TableSessionsHandler | null = null;

  async forMeeting(meetingId: string): Promise<TableSessionsHandler | null> {
    return this.handler && (await this.handler.isTableSession(meetingId)) ? this.handler : null;
  }

  async forCommitment(commitmentId: string): Promise<TableSessionsHandler | null> {
    return this.handler && (await this.handler.isTableCommitment(commitmentId)) ? this.handler : null;
  }
}
