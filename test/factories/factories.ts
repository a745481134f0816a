import type { INestApplication } from '@nestjs/common';
import { TerritoryService } from '../../src/territory/territory.service';
import type { MunicipalityView } from '../../src/territory/territory.view-model';

/**
 * Scenario builders over the real services (STYLE.md 4): `ctx.factories.newX()` creates what a user would
 * have created through the portal, with sensible defaults. Each feature issue adds its own builders here.
 */
export class Factories {
  constructor(private readonly app: INestApplication) {}

  private service<T>(type: new (...args: never[]) => T): T {
    return this.app.get(type, { strict: false });
  }

  /** A municipality that uses the portal (defaults: La Serena's DIDECO). */
  newOnboardedMunicipality(overrides: { communeCode?: string; officeName?: string; at?: Date } = {}): Promise<MunicipalityView> {
    return this.service(TerritoryService).onboardMunicipality(overrides.communeCode ?? '04101', {
      officeName: overrides.officeName ?? 'Dirección de Desarrollo Comunitario (DIDECO)',
      at: overrides.at ?? new Date('2026-03-01T12:00:00Z'),
    });
  }
}
