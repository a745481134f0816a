import { Inject, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { StartupGate } from './startup-gate';

const EVERY_MS = 60 * 60_000;

/**
 * A job that runs at start and every hour in every instance (board statuses, kept uploads, reminders): each
 * run is safe to repeat and to run in two instances at once, a failure is logged at warn and the next hour tries
 * again, and the timer never keeps the process alive.
 */
export abstract class HourlyJob implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The first run waits for the start-up's migrations (a property, so subclasses keep their constructors). */
  @Optional() @Inject(StartupGate) private readonly gate?: StartupGate;

  protected constructor(
    protected readonly logger: Logger,
    /** What a failed run did not do, for the log ("board statuses not reconciled"). */
    private readonly failure: string,
  ) {}

  /** One run; what it returns is logged when `report` makes a line of it. */
  protected abstract run(): Promise<unknown>;

  protected report(_result: unknown): string | null {
    return null;
  }

  onApplicationBootstrap(): void {
    const run = (): void => {
      this.run()
        .then((result) => {
          const line = this.report(result);
          if (line) this.logger.log(line);
        })
        .catch((err: unknown) => this.logger.warn({ err }, this.failure));
    };
    void (this.gate?.opened ?? Promise.resolve()).then(() => {
      if (this.stopped) return;
      run();
      this.timer = setInterval(run, EVERY_MS);
      this.timer.unref();
    });
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }
}
