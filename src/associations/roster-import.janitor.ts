import { Injectable, Logger } from '@nestjs/common';
import { HourlyJob } from '../common/hourly-job';
import { RosterImportService } from './roster-import.service';

/**
 * Every hour, deletes uploaded roster files kept for a preview (they hold RUTs, names and addresses) once they
 * are a day old, confirmed or not (DOM-DATA-2: personal data kept no longer than needed).
 */
@Injectable()
export class RosterImportJanitor extends HourlyJob {
  constructor(private readonly imports: RosterImportService) {
    super(new Logger('Rosters'), 'kept roster files not purged');
  }

  protected run(): Promise<unknown> {
    return this.imports.purgeKeptImports();
  }
}
