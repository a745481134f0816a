import { Injectable } from '@nestjs/common';

/**
 * Opens once the start-up work is done (migrations, reference data, demo data): background jobs wait for it, so a
 * first start on a new database never runs a job against tables that do not exist yet (issue 20 item 9).
 */
@Injectable()
export class StartupGate {
  private release!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));

  open(): void {
    this.release();
  }
}
