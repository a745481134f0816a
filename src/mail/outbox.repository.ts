import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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

  /** Inserts many messages in one statement, each unless its dedupe key exists; returns how many went in. */
  async insertManyUnlessDuplicate(messages: NewOutboxMessage[], em?: EntityManager): Promise<number> {
    if (!messages.length) return 0;
    const result = await (em ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values(messages)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as { id: string }[]).length;
  }

  /**
   * Claims the next due message for one worker: one statement, `FOR UPDATE SKIP LOCKED` so concurrent workers
   * (other instances) never take the same row, a lease (`locked_until`) so a worker that dies mid-send releases
   * it, and a claim token so only the claiming worker can record the outcome. One message per claim keeps the
   * lease longer than any single send (connect, greeting and socket timeouts add up to 50 s).
   */
  async claimNext(
    now: Date,
    leaseMs: number,
    claimToken: string,
    maxAttempts: number,
    retryAt: Date,
  ): Promise<OutboxMessage | null> {
    const runner = this.dataSource.createQueryRunner();
    let id: string | undefined;
    try {
      const result = await runner.query(
        // next_attempt_at moves on at claim time: a send that crashes the process is retried with backoff, not
        // every time the lease passes, and never more than maxAttempts times.
        `UPDATE outbox_message SET locked_until = $2, attempts = attempts + 1, claim_token = $3, next_attempt_at = $5
          WHERE id = (
            SELECT id FROM outbox_message
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 AND attempts < $4
               AND (locked_until IS NULL OR locked_until < $1)
             ORDER BY next_attempt_at, created_at
             LIMIT 1
             FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [now, new Date(now.getTime() + leaseMs), claimToken, maxAttempts, retryAt],
        true,
      );
      id = (result.records as { id: string }[])[0]?.id;
    } finally {
      await runner.release();
    }
    return id ? this.dataSource.getRepository(OutboxMessage).findOneBy({ id }) : null;
  }

  /**
   * Records a delivery, whoever holds the claim now: a delivery is a fact, and recording it stops any retry.
   * Returns false when the row was already marked sent.
   */
  async markSent(id: string, at: Date, smtpMessageId: string | null): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ sentAt: at, lockedUntil: null, lastError: null, smtpMessageId, claimToken: null, failedAt: null })
      .where('id = :id AND sent_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Messages that used every attempt without a recorded outcome (crashes, abandoned sends) are marked failed. */
  async failExhausted(now: Date, maxAttempts: number): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ failedAt: now, claimToken: null, lockedUntil: null })
      .where(
        'sent_at IS NULL AND failed_at IS NULL AND attempts >= :maxAttempts AND (locked_until IS NULL OR locked_until < :now)',
        { maxAttempts, now },
      )
      .execute();
    return result.affected ?? 0;
  }

  /** Records a failed attempt (and gives up when `giveUpAt` is set), only while the claim is held. */
  async markFailedAttempt(
    id: string,
    claimToken: string,
    error: string,
    nextAttemptAt: Date,
    giveUpAt: Date | null,
  ): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ lockedUntil: null, lastError: error.slice(0, 1000), nextAttemptAt, failedAt: giveUpAt, claimToken: null })
      .where('id = :id AND claim_token = :claimToken AND sent_at IS NULL', { id, claimToken })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Latest messages for the outbox page. */
  listRecent(limit: number): Promise<OutboxMessage[]> {
    return this.dataSource.getRepository(OutboxMessage).find({ order: { createdAt: 'DESC' }, take: limit });
  }

  findById(id: string): Promise<OutboxMessage | null> {
    return this.dataSource.getRepository(OutboxMessage).findOneBy({ id });
  }

  async countPending(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
    return row.n as number;
  }
}
