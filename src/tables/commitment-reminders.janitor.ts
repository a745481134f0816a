import { Injectable, Logger } from '@nestjs/common';
import { HourlyJob } from '../common/hourly-job';
import { CommitmentRemindersService } from './commitment-reminders.service';

/**
 * At start and every hour, queues the reminders of table commitments that entered a window (DOM-TBL-3). Safe with
 * several instances and across restarts: each reminder has its own outbox dedupe key, so it is queued once.
 */
@Injectable()
export class CommitmentRemindersJanitor extends HourlyJob {
  constructor(private readonly reminders: CommitmentRemindersService) {
    super(new Logger('Reminders'), 'commitment reminders not queued');
  }

  protected run(): Promise<unknown> {
    return this.reminders.queueReminders();
  }
}
