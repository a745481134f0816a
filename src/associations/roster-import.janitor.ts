import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RosterService } from './roster.service';

const EVERY_MS = 60 * 60_000;

/**
 * Every hour, deletes uploaded roster files kept for a preview (they hold RUTs, names and addresses) once they
 * are a day old, confirmed or not (DOM-DATA-2: personal data kept no longer than needed).
 */
@Injectable()
export class RosterImportJanitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Rosters');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly roster: RosterService) {}

  onApplicationBootstrap(): void {
    const purge = () =>
      this.roster.purgeKeptImports().catch((err: unknown) => this.logger.warn({ err }, 'kept roster files not purged'));
    void purge();
    this.timer = setInterval(purge, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
