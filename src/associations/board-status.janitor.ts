import { Injectable, Logger } from '@nestjs/common';
import { HourlyJob } from '../common/hourly-job';
import { BoardsService } from './boards.service';

/** At start and every hour, moves associations whose board term ended to `board_expired` and back (DOM-ORG-9). */
@Injectable()
export class BoardStatusJanitor extends HourlyJob {
  constructor(private readonly boards: BoardsService) {
    super(new Logger('Boards'), 'board statuses not reconciled');
  }

  protected run(): Promise<number> {
    return this.boards.reconcileStatuses();
  }

  protected override report(n: number): string | null {
    return n ? `${n} association statuses follow their boards` : null;
  }
}
