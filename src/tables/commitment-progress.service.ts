import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Actor, hasRole } from '../common/access/actor';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { isStorageFull } from '../common/errors/storage-full';
import { localDate } from '../common/format/dates';
import { parseProgress } from '../meetings/commitments.service';
import { MeetingRecords } from '../meetings/meeting-records.service';
import { boardItem, type BoardItem, ITEM_SELECT, type ItemRow } from './board-rows';
import { CommitmentEvidence } from './entities/commitment-evidence.entity';
import type { Mesa } from './entities/mesa.entity';
import { EvidenceStore, type EvidenceFile } from './evidence-store';
import { TableException } from './tables.exception';
import { grouped, inEachLanguage, tableTexts } from './tables.messages';
import { auditScopeOf, TableAccess, type TableRights } from './table-access.service';

export interface CommitmentHistory {
  at: Date;
  by: string | null;
  status: string | null;
  progress: number | null;
  note: string;
  evidence: { id: string; fileName: string; contentType: string; sizeBytes: number }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One commitment of a table (DOM-MTG-8, DOM-TBL-3): its history, and progress updates with an evidence file (PDF,
 * JPEG or PNG, checked before anything is written, kept outside the web root) by the coordination or by the
 * representative of the owning institution; evidence served only to those who read the table.
 */
@Injectable()
export class CommitmentProgressService {
  private readonly logger = new Logger('TableBoard');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TableAccess,
    private readonly evidence: EvidenceStore,
    private readonly records: MeetingRecords,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  get evidenceMaxMb(): number {
    return this.evidence.maxBytes / 1_048_576;
  }

  /** A table's commitment the actor may see (404 otherwise), with the table and rights. */
  async load(
    actor: Actor,
    commitmentId: string,
    context: AuditContext,
  ): Promise<{ item: BoardItem; table: Mesa; rights: TableRights; mayUpdate: boolean }> {
    const [row] = UUID.test(commitmentId)
      ? await this.dataSource.query(`SELECT table_id AS "tableId" FROM commitment WHERE id = $1`, [commitmentId])
      : [];
    if (!row?.tableId) throw TableException.notFound();
    const { table, rights } = await this.access.load(actor, row.tableId, 'read', context);
    const [item]: ItemRow[] = await this.dataSource.query(`${ITEM_SELECT} WHERE c.id = $1`, [
      commitmentId,
      localDate(this.clock.now(), table.timeZone),
    ]);
    if (!item) throw TableException.notFound();
    return {
      item: boardItem(item),
      table,
      rights,
      mayUpdate: rights.manage || (await this.represents(actor, table.id, item.institutionId)),
    };
  }

  /** A table participant (user) represents an institution when the table lists them for it, by their e-mail. */
  private async represents(actor: Actor, tableId: string, institutionId: string): Promise<boolean> {
    if (!hasRole(actor, 'table_participant', tableId) || !actor.email) return false;
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM table_participant WHERE table_id = $1 AND institution_id = $2 AND lower(email) = lower($3) AND left_at IS NULL`,
      [tableId, institutionId, actor.email],
    );
    return !!row;
  }

  /** GET /api/v1/commitments/:id for a table's commitment: with its full history and evidence. */
  async get(
    actor: Actor,
    commitmentId: string,
    context: AuditContext,
  ): Promise<BoardItem & { table: { id: string; name: string }; history: CommitmentHistory[]; canUpdate: boolean }> {
    const { item, table, mayUpdate } = await this.load(actor, commitmentId, context);
    return {
      ...item,
      table: { id: table.id, name: table.name },
      history: await this.history(item.id),
      canUpdate: mayUpdate,
    };
  }

  async history(commitmentId: string): Promise<CommitmentHistory[]> {
    const rows: (CommitmentHistory & { evidence: unknown })[] = await this.dataSource.query(
      `SELECT u.created_at AS at, u.created_by_name AS by, u.status, u.progress, u.note,
              (SELECT coalesce(json_agg(json_build_object('id', e.id, 'fileName', e.file_name, 'contentType', e.content_type, 'sizeBytes', e.size_bytes) ORDER BY e.created_at), '[]')
                 FROM commitment_evidence e WHERE e.update_id = u.id) AS evidence
         FROM commitment_update u WHERE u.commitment_id = $1 ORDER BY u.created_at DESC, u.id`,
      [commitmentId],
    );
    return rows.map((r) => ({
      ...r,
      evidence: (typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence) as CommitmentHistory['evidence'],
    }));
  }

  /** Refuses before a form is read: 404 outside the table's scope, 403 for a reader who does not represent the owner. */
  async assertMayUpdate(actor: Actor, commitmentId: string, context: AuditContext): Promise<{ tableId: string }> {
    const { table, mayUpdate } = await this.load(actor, commitmentId, context);
    if (!mayUpdate) throw TableException.forbidden(tableTexts.progressForbidden());
    return { tableId: table.id };
  }

  /**
   * POST /api/v1/commitments/:id/updates for a table's commitment: a note, optionally a status and a percentage,
   * and an evidence file. Everything is checked before anything is written; the file's bytes are written in the
   * same transaction as its row.
   */
  async addUpdate(
    actor: Actor,
    commitmentId: string,
    input: { status?: string; note?: string; progress?: number | string },
    file: EvidenceFile | null,
    context: AuditContext,
    uploadError?: string,
  ): Promise<
    BoardItem & {
      update: {
        at: Date;
        note: string;
        status: string | null;
        progress: number | null;
        evidence: { id: string; fileName: string } | null;
      };
    }
  > {
    const { item, table, rights, mayUpdate } = await this.load(actor, commitmentId, context);
    if (!mayUpdate) throw TableException.forbidden(tableTexts.progressForbidden());
    if (uploadError) throw this.uploadRefusal(uploadError);
    const { note, status, progress } = parseProgress(input);
    // the representatives report progress; cancelling a commitment is the coordination's decision (API.md)
    if (status === 'cancelled' && !rights.manage) throw TableException.forbidden(tableTexts.cancelForbidden());
    const checked = file ? this.evidence.check(file) : null;
    const at = this.clock.now();
    let evidenceId: string | null = null;
    try {
      await this.dataSource.transaction(async (em) => {
        // the table's row first, as every writer of its board does (its triggers raise its board_version)
        await em.query(`SELECT id FROM mesa WHERE id = $1 FOR UPDATE`, [table.id]);
        // removed from its draft acta meanwhile: gone
        if (!(await this.records.lockCommitment(item.id, em))) throw TableException.notFound();
        const updateId = await this.records.recordProgress(item.id, { status, progress, note }, actor, at, em);
        if (checked) {
          // issue 21 item 5: the bytes in the same transaction as their row: neither is kept without the other
          const key = await this.evidence.put(checked.content, em);
          const saved = await em.save(
            CommitmentEvidence,
            em.create(CommitmentEvidence, {
              commitmentId: item.id,
              updateId,
              fileName: checked.fileName,
              contentType: checked.contentType,
              sizeBytes: checked.sizeBytes,
              sha256: checked.sha256,
              storageKey: key,
            }),
          );
          evidenceId = saved.id;
        }
        await this.audit.record(
          context,
          {
            action: 'commitment.updated',
            objectType: 'commitment',
            objectId: item.id,
            ...auditScopeOf(table),
            details: {
              status,
              progress,
              evidence: checked ? { sha256: checked.sha256, sizeBytes: checked.sizeBytes } : null,
            },
          },
          em,
        );
      });
    } catch (err) {
      if (isStorageFull(err)) throw this.storageFull(err, !!checked);
      throw err;
    }
    const { item: updated } = await this.load(actor, item.id, context);
    return {
      ...updated,
      update: {
        at,
        note,
        status,
        progress,
        evidence: evidenceId && checked ? { id: evidenceId, fileName: checked.fileName } : null,
      },
    };
  }

  /** An evidence file for someone in the table's scope (404 otherwise), to be served as an attachment. */
  async evidenceFile(
    actor: Actor,
    evidenceId: string,
    context: AuditContext,
  ): Promise<{ tableId: string; fileName: string; contentType: string; content: Buffer }> {
    const [row] = UUID.test(evidenceId)
      ? await this.dataSource.query(
          `SELECT e.file_name AS "fileName", e.content_type AS "contentType", e.storage_key AS "storageKey", c.table_id AS "tableId" FROM commitment_evidence e JOIN commitment c ON c.id = e.commitment_id WHERE e.id = $1`,
          [evidenceId],
        )
      : [];
    if (!row?.tableId) throw TableException.notFound();
    await this.access.load(actor, row.tableId, 'read', context);
    const content = await this.evidence.read(row.storageKey);
    if (!content) {
      // a row from before issue 21 whose file is still under EVIDENCE_DIR: say so to the operator, not crash
      this.logger.error(
        `evidence ${evidenceId}: file ${row.storageKey} not in the database (run \`npm run cli -- evidence:import\`)`,
      );
      throw TableException.notFound();
    }
    return { tableId: row.tableId, fileName: row.fileName, contentType: row.contentType, content };
  }

  /**
   * Issue 21 item 4: the database refused the write for want of room. 507 Insufficient Storage naming the evidence
   * field (the transaction rolled back: no update, no evidence row, no bytes); logged for the operator.
   */
  private storageFull(err: unknown, withFile: boolean): DomainException {
    const code =
      (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
    this.logger.error(`progress update not saved: the database refused the write for want of room (SQLSTATE ${code})`);
    if (!withFile) return new DomainException('STORAGE_FULL', tableTexts.progressStorageFull(), 507);
    const message = tableTexts.evidenceStorageFull();
    return new DomainException('STORAGE_FULL', message, 507, [TableException.fieldError('evidence', message)]);
  }

  /** What a refused upload (read before the service) says, naming its field. */
  private uploadRefusal(uploadError: string): DomainException {
    if (uploadError === 'too_large') {
      const message = tableTexts.evidenceOverLimit({ mb: this.evidence.maxBytes / 1_048_576 });
      return new DomainException('FILE_TOO_LARGE', message, 413, [TableException.fieldError('evidence', message)]);
    }
    if (uploadError === 'field_too_long')
      return TableException.field(
        'note',
        inEachLanguage((locale) => tableTexts.fieldMaxLength({ field: 'note', max: grouped(10_000, locale) })),
      );
    const message = tableTexts.uploadInvalid();
    return new DomainException('UPLOAD_INVALID', message, 400, [TableException.fieldError('evidence', message)]);
  }
}
