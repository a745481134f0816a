import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { FileStore } from '../documents/file-store';

export interface EvidenceImportResult {
  /** Files copied into the database now. */
  imported: number;
  /** Evidence rows whose bytes were in the database already. */
  present: number;
  /** Rows whose file is not under the directory (listed by key). */
  missing: string[];
  /** Files whose bytes do not match the SHA-256 their row recorded (not imported; listed by key). */
  mismatched: string[];
}

/**
 * `npm run cli -- evidence:import` (issue 21 item 5): copies the evidence files that installations before issue 21
 * kept under EVIDENCE_DIR (`<dir>/<first two characters of the key>/<key>`) into the database, checking each
 * against the SHA-256 its row recorded. Safe to repeat and to run while the portal serves: a file already in the
 * database is left alone. A portal that starts with evidence whose bytes are not in the database says so in its log
 * (an upgrade that forgot the import shows as downloads answering 404); the CLI's own start does not.
 */
@Injectable()
export class EvidenceImport {
  private readonly logger = new Logger('Evidence');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Warns in the log when evidence has no bytes in the database (called by the HTTP entry point once it listens). */
  async warnIfNotImported(): Promise<void> {
    const count = await this.notImported();
    if (count)
      this.logger.warn(
        `${count} evidence files are not in the database: run \`npm run cli -- evidence:import\` (EVIDENCE_DIR ${this.config.evidence.dir})`,
      );
  }

  /** How many evidence rows have no bytes in the database (kept under EVIDENCE_DIR by a version before issue 21). */
  async notImported(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM commitment_evidence e
        WHERE NOT EXISTS (SELECT 1 FROM stored_file f WHERE f."key"::text = e.storage_key)`,
    );
    return row.n;
  }

  async run(dir: string = this.config.evidence.dir): Promise<EvidenceImportResult> {
    const rows = await this.dataSource.query<{ key: string; sha256: string; present: boolean }[]>(
      `SELECT e.storage_key AS key, e.sha256, EXISTS (SELECT 1 FROM stored_file f WHERE f."key"::text = e.storage_key) AS present
         FROM commitment_evidence e ORDER BY e.created_at`,
    );
    const result: EvidenceImportResult = { imported: 0, present: 0, missing: [], mismatched: [] };
    for (const row of rows) {
      if (row.present) {
        result.present++;
        continue;
      }
      let content: Buffer;
      try {
        content = await readFile(path.join(dir, row.key.slice(0, 2), row.key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        result.missing.push(row.key);
        continue;
      }
      if (createHash('sha256').update(content).digest('hex') !== row.sha256) {
        result.mismatched.push(row.key);
        continue;
      }
      if (await this.files.putAt(row.key, content)) result.imported++;
      else result.present++;
    }
    return result;
  }
}
