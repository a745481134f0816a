import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { MunicipalityContext, TerritoryService } from '../territory/territory.service';
import { registryScope } from './association-access';
import { foundersMinimum, warningsFor, WarningCode } from './association-rules';
import { AssociationException } from './associations.exception';
import { AssociationsRepository, type RegistryRow } from './associations.repository';
import { namedAssociation, type RegistryItemView } from './associations.view-model';
import { constitutionWarnings } from './constitution-rules';

export interface RegistryQuery {
  communeCode?: string;
  kind?: string;
  status?: string;
  warning?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * The registries of organisations (issue 16 item 8, out of AssociationsService): the one an actor sees, with each
 * organisation's warnings (DOM-ORG-11, -14, -6, -9), and a commune's public list of those in force.
 */
@Injectable()
export class AssociationRegistryService {
  constructor(
    private readonly repo: AssociationsRepository,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
  ) {}

  /**
   * The registry the actor sees: municipal officers their communes, admins every commune, association
   * officers and members their own associations. Filters by kind, status, warning and name.
   */
  async registry(actor: Actor, query: RegistryQuery): Promise<{ items: RegistryItemView[]; total: number }> {
    const scope = registryScope(actor);
    const rows = await this.repo.registry({
      scope,
      now: this.clock.now(),
      communeCode: query.communeCode,
      kind: query.kind,
      status: query.status,
      q: query.q,
    });
    let items = this.withWarnings(rows, this.clock.now());
    if (query.warning === 'any') items = items.filter((i) => i.warnings.length > 0);
    else if (query.warning)
      items = items.filter((i) => i.warnings.some((w) => w.code === (query.warning as WarningCode)));
    const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length };
  }

  /** Each registry row with its members against the minimum and its warnings on its municipality's today. */
  private withWarnings(rows: RegistryRow[], now: Date): RegistryItemView[] {
    return rows.map((r) => {
      const minimum = foundersMinimum(r.kind, r.area, r.population, r.settings);
      const today = localDate(now, r.timeZone);
      return {
        ...namedAssociation(r),
        neighbourhoodUnit: r.neighbourhoodUnit,
        membersActive: r.membersActive,
        foundersMinimum: minimum,
        warnings: [
          ...warningsFor(
            {
              kind: r.kind,
              status: r.status,
              country: r.country,
              membersActive: r.membersActive,
              foundersMinimum: minimum,
              membersBelowMinimumSince: r.membersBelowMinimumSince,
              recognitionExpiresOn: r.recognitionExpiresOn,
            },
            today,
          ),
          ...constitutionWarnings(
            {
              status: r.status,
              assemblyDate: r.assemblyDate,
              depositedOn: r.depositedOn,
              objectedOn: r.objectedOn,
              board: r.boardKind && r.boardEndsOn ? { kind: r.boardKind, endsOn: r.boardEndsOn } : null,
            },
            today,
          ),
        ],
      };
    });
  }

  /**
   * The start page of a municipal officer (issue 20 item 1): the organisations of these communes that have a
   * warning, at most `limit`, and how many have one. The same registry statement as /organizaciones?advertencia=any
   * (warnings are computed in code over the communes' rows, as there).
   */
  async communeWarnings(communeCodes: string[], limit = 10): Promise<{ items: RegistryItemView[]; total: number }> {
    if (!communeCodes.length) return { items: [], total: 0 };
    const now = this.clock.now();
    const rows = await this.repo.registry({ scope: { communeCodes, associationIds: [] }, now });
    const items = this.withWarnings(rows, now).filter((i) => i.warnings.length > 0);
    return { items: items.slice(0, limit), total: items.length };
  }

  /** A commune's organisations in force, for anyone: names and kinds, no personal data. */
  async publicRegistry(communeCode: string): Promise<{
    commune: MunicipalityContext;
    items: { id: string; name: string; kind: string; neighbourhoodUnit: string | null; since: string | null }[];
  }> {
    const commune = await this.territory.municipalityContext(communeCode);
    if (!commune) throw AssociationException.notFound();
    return { commune, items: await this.repo.inForce(communeCode, localDate(this.clock.now(), commune.timeZone)) };
  }
}
