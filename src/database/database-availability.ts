import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable, isLostTransaction, isPoolBusy } from '../common/errors/database-unavailable';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

interface PgClient {
  on(event: 'error', listener: () => void): void;
  removeListener(event: 'error', listener: () => void): void;
  query(config: { text: string; query_timeout: number }): Promise<unknown>;
  release(err?: Error): void;
}
interface PgPool {
  connect(): Promise<PgClient>;
  on(event: 'release', listener: () => void): void;
  /** pg-pool's list of its open connections (not part of its typed API; read only to close them). */
  _clients?: { on(event: 'error', listener: () => void): void; connection?: { stream?: { destroy(): void } } }[];
}

const ignore = () => undefined;

/** How often the database is asked whether it answers, and how long it has to answer. */
const PROBE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 3000;
/** Misses in a row before the heartbeat calls the database down (one slow answer on a starved machine is not). */
const MISSES_TO_DOWN = 2;

/**
 * Issue 22 item 3: the app knows when its database does not answer, and then answers requests that need it with
 * 503 at once instead of letting each wait for the pool's timeouts. It learns it two ways: a request failed at
 * the connection level (refused, terminated, timed out connecting), or the heartbeat (SELECT 1 once a second on
 * PostgreSQL) got no answer in time twice in a row, or could not even get a connection because every one waited on the server
 * and none came back meanwhile (a busy pool whose queries finish is not a down database). The first answer of the heartbeat brings the app back, without a restart. The embedded database
 * runs inside the process and has no heartbeat.
 */
@Injectable()
export class DatabaseAvailability implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Database');
  private downSince: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private misses = 0;
  /** When a pooled connection last came back from a query (pg-pool's `release` event). */
  private lastRelease = Date.now();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get isDown(): boolean {
    return this.downSince !== null;
  }

  onApplicationBootstrap(): void {
    if (this.config.database.kind !== 'postgres') return;
    this.pool()?.on('release', () => {
      this.lastRelease = Date.now();
    });
    this.timer = setInterval(() => void this.probe(), PROBE_EVERY_MS);
    this.timer.unref();
  }

  /**
   * Called with any error a request met: a connection-level failure marks the database down. A transaction that
   * lost its connection is answered 503 but does not by itself: its connection's own failure was already seen.
   */
  noteFailure(error: unknown): void {
    if (!this.timer || !isDatabaseUnavailable(error) || isPoolBusy(error) || isLostTransaction(error)) return;
    this.markDown();
  }

  /** The readiness check's own answer (GET /health/ready asks the database too): it counts like the heartbeat's. */
  noteReadiness(answered: boolean): void {
    if (!this.timer) return;
    if (answered) this.markUp();
    else this.markDown();
  }

  private markDown(): void {
    if (this.downSince) return;
    this.downSince = new Date();
    this.logger.warn('database unavailable: answering 503 until it responds again');
    // Requests already waiting on a connection to the silent server would wait for their query timeout: their
    // connections are closed now, so they fail at once (and the pool opens fresh ones when the server is back).
    // Each gets a listener first: a connection checked out has none of the pool's, and an 'error' event without
    // a listener would end the process.
    for (const client of this.pool()?._clients ?? []) {
      client.on('error', ignore);
      client.connection?.stream?.destroy();
    }
  }

  private markUp(): void {
    if (!this.downSince) return;
    this.logger.log(`database available again after ${Date.now() - this.downSince.getTime()} ms`);
    this.downSince = null;
  }

  private missed(): void {
    this.misses += 1;
    if (this.misses >= MISSES_TO_DOWN) this.markDown();
  }

  /** pg's pool behind TypeORM (null when the driver is not pg's). */
  private pool(): PgPool | null {
    return (this.dataSource.driver as unknown as { master?: PgPool }).master ?? null;
  }

  /**
   * One question on a pooled connection of its own: an answer marks the database up; a connection-level failure
   * or no answer within PROBE_TIMEOUT_MS marks it down, and the connection is dropped (released with the error),
   * so a connection to a silent server is never handed to a request again. Waiting for a free connection of a
   * busy pool is not a failure.
   */
  private async probe(): Promise<void> {
    const pool = this.pool();
    if (this.probing || !pool || !this.dataSource.isInitialized) return;
    this.probing = true;
    try {
      let client: PgClient;
      const asked = Date.now();
      try {
        client = await pool.connect();
      } catch (err) {
        // every connection stayed busy for the whole wait: a down server if none of them got an answer meanwhile
        if (!isPoolBusy(err) || this.lastRelease < asked) this.missed();
        return;
      }
      client.on('error', ignore); // while the probe holds it, the pool's own listener is off
      try {
        await client.query({ text: 'SELECT 1', query_timeout: PROBE_TIMEOUT_MS });
        client.removeListener('error', ignore);
        client.release();
        this.misses = 0;
        this.markUp();
      } catch (err) {
        client.release(err instanceof Error ? err : new Error(String(err)));
        this.missed();
      }
    } finally {
      this.probing = false;
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
