import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TerritoryService } from '../../territory/territory.service';
import { SystemSettingsRepository } from '../system-settings.repository';
import { DEMO_MUNICIPALITIES } from './demo-municipalities';

/** The instant the demo data counts as loaded (fixed, so reloading changes nothing). */
const DEMO_ONBOARDED_AT = new Date('2026-03-02T12:00:00.000Z');

/** One idempotent step of the demo: later issues add theirs (associations, meetings, tables...). */
export interface DemoStep {
  name: string;
  run(em: EntityManager): Promise<void>;
}

/**
 * Loads the demo of DOMAIN.md §1b. Every row has a fixed id or natural key and is upserted, so running it
 * again (DEMO=true at every start) leaves the same data.
 */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger('Demo');
  private readonly steps: DemoStep[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly territory: TerritoryService,
    private readonly settings: SystemSettingsRepository,
  ) {
    this.steps = [
      {
        name: 'municipalities',
        run: async (em) => {
          for (const m of DEMO_MUNICIPALITIES) {
            await this.territory.onboardMunicipality(m.communeCode, { officeName: m.officeName, at: DEMO_ONBOARDED_AT }, em);
          }
        },
      },
    ];
  }

  async load(): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      for (const step of this.steps) await step.run(em);
      await this.settings.put('demo.loadedAt', new Date().toISOString(), em);
    });
    this.logger.log(`demo data loaded (${this.steps.map((s) => s.name).join(', ')})`);
  }
}
