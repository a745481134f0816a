import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { OutboxMessage } from './entities/outbox-message.entity';

export type NewOutboxMessage = Pick<
  OutboxMessage,
  'kind' | 'dedupeKey' | 'toAddress' | 'toName' | 'subject' | 'html' | 'text' | 'attachments' | 'nextAttemptAt'
>;

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts unless a message with the same dedupe key exists; returns the new id or null. */
  async insertUnlessDuplicate(message: NewOutboxMessage, em?: EntityManager): Promise<string | null> {
    const result = await (em ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values(message)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[])[0]?.id ?? null;
  }

  /**
   * Claims up to `limit` due messages for one worker: one statement, `FOR UPDATE SKIP LOCKED` so concurrent
   * workers (other instances) never take the same row, and a lease (`locked_until`) so a worker that dies
   * mid-send releases its rows when the lease passes.
   */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    const runner = this.dataSource.createQueryRunner();
    let ids: string[];
    try {
      const result = await runner.query(
      `UPDATE outbox_message SET locked_until = $2, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox_message
           WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
             AND (locked_until IS NULL OR locked_until < $1)
           ORDER BY next_attempt_at, created_at
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, new Date(now.getTime() + leaseMs), limit],
        true,
      );
      ids = (result.records as { id: string }[]).map((r) => r.id);
    } finally {
      await runner.release();
    }
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(OutboxMessage).find({ where: { id: In(ids) }, order: { nextAttemptAt: 'ASC', createdAt: 'ASC' } });
  }

  async markSent(id: string, at: Date, smtpMessageId: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_message SET sent_at = $2, locked_until = NULL, last_error = NULL, smtp_message_id = $3 WHERE id = $1 AND sent_at IS NULL`,
      [id, at, smtpMessageId],
    );
  }

  async markFailedAttempt(id: string, error: string, nextAttemptAt: Date, giveUpAt: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_message SET locked_until = NULL, last_error = $2, next_attempt_at = $3, failed_at = $4 WHERE id = $1`,
      [id, error.slice(0, 1000), nextAttemptAt, giveUpAt],
    );
  }

  /** Latest messages for the outbox page. */
  listRecent(limit: number): Promise<OutboxMessage[]> {
    return this.dataSource.getRepository(OutboxMessage).find({ order: { createdAt: 'DESC' }, take: limit });
  }

  findById(id: string): Promise<OutboxMessage | null> {
    return this.dataSource.getRepository(OutboxMessage).findOneBy({ id });
  }

  async countPending(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE sent_at IS NULL AND failed_at IS NULL`);
    return row.n as number;
  }
}
