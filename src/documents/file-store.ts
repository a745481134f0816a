import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Uploaded files in PostgreSQL (issue 21 item 5), table `stored_file`: every instance reads what any other wrote,
 * and the bytes are written in the owner's transaction, so a row never lacks its file and a file never outlives a
 * refused row. Files are small (evidence: 5 MB at most), so a Buffer in and out is fine.
 */
@Injectable()
export class FileStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keeps the bytes inside the caller's transaction (`em`); returns their new key. */
  async put(content: Buffer, em: EntityManager): Promise<string> {
    const key = randomUUID();
    await em.query(`INSERT INTO stored_file ("key", content, size_bytes, sha256) VALUES ($1, $2, $3, $4)`, [
      key,
      content,
      content.length,
      createHash('sha256').update(content).digest('hex'),
    ]);
    return key;
  }

  /** Keeps bytes under a key chosen elsewhere (files brought from EVIDENCE_DIR); false when the key is taken. */
  async putAt(key: string, content: Buffer): Promise<boolean> {
    if (!KEY.test(key)) throw new Error(`invalid file key ${key}`);
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO stored_file ("key", content, size_bytes, sha256) VALUES ($1, $2, $3, $4)
       ON CONFLICT ("key") DO NOTHING RETURNING "key"`,
      [key, content, content.length, createHash('sha256').update(content).digest('hex')],
    );
    return rows.length === 1;
  }

  /** The bytes under a key, or null when there are none. */
  async read(key: string): Promise<Buffer | null> {
    if (!KEY.test(key)) return null;
    const [row] = await this.dataSource.query<{ content: Buffer }[]>(
      `SELECT content FROM stored_file WHERE "key" = $1`,
      [key],
    );
    return row ? row.content : null;
  }

  async has(key: string): Promise<boolean> {
    if (!KEY.test(key)) return false;
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM stored_file WHERE "key" = $1`, [key]);
    return rows.length > 0;
  }
}
