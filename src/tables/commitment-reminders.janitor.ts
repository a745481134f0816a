import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TableBoardService } from './table-board.service';

const EVERY_MS = 60 * 60_000;

/**
 * At start and every hour, queues the reminders of table commitments that entered a window (DOM-TBL-3). Safe with
 * several instances and across restarts: each reminder has its own outbox dedupe key, so it is queued once.
 */
@Injectable()
export class CommitmentRemindersJanitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly board: TableBoardService) {}

  onApplicationBootstrap(): void {
    const run = () =>
      this.board.queueReminders().catch((err: unknown) => this.logger.warn({ err }, 'commitment reminders not queued'));
    void run();
    this.timer = setInterval(run, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
