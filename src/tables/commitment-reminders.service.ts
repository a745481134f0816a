import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { formatDate } from '../common/format/dates';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailService } from '../mail/mail.service';

/** Reminders of tables' commitments to their owners' contacts (DOM-TBL-3), run hourly by CommitmentRemindersJanitor. */
@Injectable()
export class CommitmentRemindersService {
  private readonly logger = new Logger('TableBoard');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues a reminder to the owners' contacts for every open commitment of a table inside a window: from
   * REMINDER_DAYS_BEFORE days before its due date (until it is due), and from REMINDER_DAYS_AFTER days after it
   * (while still open). One message per commitment, window, due date and address: the outbox's unique dedupe key
   * makes a second run, a restart or another instance queue nothing more. Returns the messages queued.
   */
  async queueReminders(): Promise<number> {
    const { daysBefore, daysAfter } = this.config.reminders;
    if (!daysBefore && !daysAfter) return 0;
    const now = this.clock.now();
    const rows: {
      id: string;
      description: string;
      dueOn: string;
      window: 'before' | 'after';
      tableName: string;
      tableId: string;
      email: string;
      name: string;
      ownerName: string;
    }[] = await this.dataSource.query(
      `WITH due AS (
         SELECT c.id, c.description, c.due_on, c.table_id, c.owner_participant_id, c.owner_institution_id, t.name AS table_name,
                ($1::timestamptz AT TIME ZONE t.time_zone)::date AS today
           FROM commitment c JOIN mesa t ON t.id = c.table_id
          WHERE c.table_id IS NOT NULL AND c.status IN ('open', 'in_progress') AND c.due_on IS NOT NULL
       ), windowed AS (
         SELECT d.*, CASE WHEN $2::int > 0 AND d.today >= d.due_on - $2::int AND d.today < d.due_on THEN 'before'
                          WHEN $3::int > 0 AND d.today >= d.due_on + $3::int THEN 'after' END AS win
           FROM due d
       )
       SELECT w.id, w.description, to_char(w.due_on, 'YYYY-MM-DD') AS "dueOn", w.win AS window, w.table_name AS "tableName", w.table_id AS "tableId",
              lower(trim(p.email)) AS email, p.name, coalesce(op.name, i.name) AS "ownerName"
         FROM windowed w
         JOIN institution i ON i.id = w.owner_institution_id
         LEFT JOIN table_participant op ON op.id = w.owner_participant_id
         JOIN table_participant p ON p.table_id = w.table_id AND p.left_at IS NULL AND nullif(trim(p.email), '') IS NOT NULL
              AND (p.id = w.owner_participant_id OR (w.owner_participant_id IS NULL AND p.institution_id = w.owner_institution_id))
        WHERE w.win IS NOT NULL
        ORDER BY w.id, p.id`,
      [now, daysBefore, daysAfter],
    );
    let queued = 0;
    for (let i = 0; i < rows.length; i += 200) {
      await this.dataSource.transaction(async (em) => {
        for (const r of rows.slice(i, i + 200)) {
          const sent = await this.mail
            .enqueue(
              {
                template: 'commitment-reminder',
                to: { address: r.email, name: r.name },
                context: {
                  tableName: r.tableName,
                  description: r.description,
                  ownerName: r.ownerName,
                  due: formatDate(r.dueOn),
                  before: r.window === 'before',
                  boardUrl: `${this.config.publicUrl}/mesas/${r.tableId}/compromisos`,
                },
                dedupeKey: `commitment-reminder:${r.id}:${r.window}:${r.dueOn}:${r.email}`,
              },
              em,
            )
            .catch((err: unknown) => {
              if (err instanceof DomainException && err.code === 'INVALID_EMAIL') return false;
              throw err;
            });
          if (sent) queued++;
        }
      });
    }
    if (queued) this.logger.log(`${queued} commitment reminders queued`);
    return queued;
  }
}
