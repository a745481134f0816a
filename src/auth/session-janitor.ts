import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DataSourceSessionStore } from './session.store';

const EVERY_MS = 60 * 60_000;

/** Deletes expired session rows every hour (reads already ignore them). */
@Injectable()
export class SessionJanitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const store = new DataSourceSessionStore(this.dataSource);
    this.timer = setInterval(() => {
      store.purgeExpired().catch((err: unknown) => this.logger.warn({ err }, 'expired sessions not purged'));
    }, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
