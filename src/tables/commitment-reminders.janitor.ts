import { Injectable, Logger } from '@nestjs/common';
import { HourlyJob } from '../common/hourly-job';
import { TableBoardService } from './table-board.service';

/**
 * At start and every hour, queues the reminders of table commitments that entered a window (DOM-TBL-3). Safe with
 * several instances and across restarts: each reminder has its own outbox dedupe key, so it is queued once.
 */
@Injectable()
export class CommitmentRemindersJanitor extends HourlyJob {
  constructor(private readonly board: TableBoardService) {
    super(new Logger('Reminders'), 'commitment reminders not queued');
  }

  protected run(): Promise<unknown> {
    return this.board.queueReminders();
  }
}
