import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../common/secret-hash';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Mesa } from './entities/mesa.entity';
import { TableAccess, tableAuditEntry } from './table-access.service';
import { TableBoardService, type Board, type BoardQuery } from './table-board.service';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_-]{30,64}$/;

/**
 * Read-only share links to a table's commitments board (DOM-TBL-3, issue 9): created by who manages the table,
 * shown once (only the token's hash is kept), listed and revoked; the board behind a link has no evidence files.
 */
@Injectable()
export class TableShareLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TableAccess,
    private readonly board: TableBoardService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new read-only link to the board (shown once; only its hash is kept). */
  async createShare(
    actor: Actor,
    tableId: string,
    input: { label?: string },
    context: AuditContext,
  ): Promise<{ id: string; url: string; label: string | null }> {
    const { table } = await this.access.load(actor, tableId, 'manage', context);
    const label = typeof input?.label === 'string' && input.label.trim() ? input.label.trim() : null;
    if (label && label.length > 200)
      throw TableException.field('label', tableTexts.fieldMaxLength({ field: 'label', max: 200 }));
    const token = randomBytes(32).toString('base64url');
    const id = await this.dataSource.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO table_share_link (table_id, token_hash, label, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [table.id, sha256Hex(token), label, actor.id],
      );
      await this.audit.record(context, tableAuditEntry(table, 'table.share_created', { shareId: row.id }), em);
      return row.id as string;
    });
    return { id, url: `${this.config.publicUrl}/mesas/compartida/${token}`, label };
  }

  async shares(
    tableId: string,
  ): Promise<{ id: string; label: string | null; createdAt: Date; revokedAt: Date | null }[]> {
    return this.dataSource.query(
      `SELECT id, label, created_at AS "createdAt", revoked_at AS "revokedAt" FROM table_share_link WHERE table_id = $1 ORDER BY created_at DESC LIMIT 100`,
      [tableId],
    );
  }

  async revokeShare(
    actor: Actor,
    tableId: string,
    shareId: string,
    context: AuditContext,
  ): Promise<{ revokedAt: Date }> {
    const { table } = await this.access.load(actor, tableId, 'manage', context);
    const at = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const done = UUID.test(shareId)
        ? await em.query(
            `WITH u AS (UPDATE table_share_link SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND table_id = $2 RETURNING id) SELECT id FROM u`,
            [shareId, table.id, at],
          )
        : [];
      if (!(done as unknown[]).length) throw TableException.notFound();
      await this.audit.record(context, tableAuditEntry(table, 'table.share_revoked', { shareId }), em);
    });
    return { revokedAt: at };
  }

  /** The board behind a share link (read-only, no evidence files); null when the token is unknown or revoked. */
  async sharedBoard(token: string, query: BoardQuery): Promise<Board | null> {
    if (!TOKEN.test(token)) return null;
    const [row] = await this.dataSource.query(
      `SELECT table_id AS "tableId" FROM table_share_link WHERE token_hash = $1 AND revoked_at IS NULL`,
      [sha256Hex(token)],
    );
    if (!row) return null;
    const table = (
      await this.dataSource.query(
        `SELECT id, name, kind, security_council AS "securityCouncil", time_zone AS "timeZone", commune_code AS "communeCode", board_version AS "boardVersion" FROM mesa WHERE id = $1`,
        [row.tableId],
      )
    )[0] as Mesa;
    return this.board.boardOfTable(table, query);
  }
}
