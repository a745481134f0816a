import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BoardsService } from './boards.service';

const EVERY_MS = 60 * 60_000;

/** At start and every hour, moves associations whose board term ended to `board_expired` and back (DOM-ORG-9). */
@Injectable()
export class BoardStatusJanitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Boards');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly boards: BoardsService) {}

  onApplicationBootstrap(): void {
    const run = () =>
      this.boards
        .reconcileStatuses()
        .then((n) => (n ? this.logger.log(`${n} association statuses follow their boards`) : undefined))
        .catch((err: unknown) => this.logger.warn({ err }, 'board statuses not reconciled'));
    void run();
    this.timer = setInterval(run, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
