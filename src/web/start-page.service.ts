import { Injectable } from '@nestjs/common';
import { AssociationDirectory } from '../associations/association-directory.service';
import { AssociationRegistryService } from '../associations/association-registry.service';
import type { RegistryItemView } from '../associations/associations.view-model';
import { ConstitutionService, type AssignmentRow } from '../associations/constitution.service';
import { UsersService } from '../auth/users.service';
import { type Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { Clock } from '../common/clock';
import { MarketMineService } from '../events/market/market-mine.service';
import { BodyStats, type OfficerWork } from '../meetings/body-stats.service';
import { ProgramsService, type ProgramView } from '../programs/programs.service';
import { TableWorkService, type TableWork } from '../tables/table-work.service';
import { TerritoryService } from '../territory/territory.service';

/** An association of the actor's with its work (the engine's) and its name and zone (the registry's). */
export interface AssociationSection extends OfficerWork {
  name: string;
  timeZone: string;
}

/**
 * What one person has to do, one section per kind of role they hold (issue 20 item 1); a section is null when
 * the person does not hold that kind of role. Every part is read only for the actor's own scopes.
 */
export interface StartPage {
  associations: AssociationSection[] | null;
  faithMinister: AssignmentRow[] | null;
  tables: TableWork[] | null;
  municipal: { communes: string[]; items: RegistryItemView[]; total: number } | null;
  programs: ProgramView[] | null;
  market: NonNullable<Awaited<ReturnType<MarketMineService['nextWeek']>>> | null;
  admin: { municipalities: number; associations: number; associationsInForce: number; users: number } | null;
}

/** Associations, tables and communes shown on one start page (a person holds a handful of roles). */
const MAX_SCOPES = 10;

/**
 * The start page ("Inicio", GET /inicio): reads each feature through the service its module exports, in a number
 * of statements that does not grow with the associations or tables (the engine's work of all the associations in
 * four, the tables' in two).
 */
@Injectable()
export class StartPageService {
  constructor(
    private readonly clock: Clock,
    private readonly stats: BodyStats,
    private readonly directory: AssociationDirectory,
    private readonly registry: AssociationRegistryService,
    private readonly constitution: ConstitutionService,
    private readonly tables: TableWorkService,
    private readonly programs: ProgramsService,
    private readonly market: MarketMineService,
    private readonly territory: TerritoryService,
    private readonly users: UsersService,
  ) {}

  async pageFor(actor: Actor): Promise<StartPage> {
    const now = this.clock.now();
    const has = (role: string) => actor.roles.some((r) => r.role === role);
    return {
      associations: has('association_officer') ? await this.associations(actor, now) : null,
      faithMinister: has('faith_minister') ? await this.constitution.pendingAssignments(actor, 10) : null,
      tables: has('table_coordinator') || has('table_participant') ? await this.tables.workOf(actor, now) : null,
      municipal: has('municipal_officer') ? await this.municipal(actor) : null,
      programs: has('program_officer') ? await this.programs.officerPrograms(actor) : null,
      market: actor.personId ? await this.market.nextWeek(actor) : null,
      admin: isAdmin(actor) ? await this.admin(actor) : null,
    };
  }

  /** The associations the actor is an officer of (assigned, or through a board seat), by name. */
  private async associations(actor: Actor, now: Date): Promise<AssociationSection[]> {
    const ids = [
      ...new Set(
        actor.roles.filter((r) => r.role === 'association_officer' && r.scopeId).map((r) => r.scopeId as string),
      ),
    ].slice(0, MAX_SCOPES);
    const [summaries, work] = [await this.directory.summaries(ids), await this.stats.officerWork(ids, now)];
    return ids
      .filter((id) => summaries.has(id))
      .map((id) => ({ ...work.get(id)!, name: summaries.get(id)!.name, timeZone: summaries.get(id)!.timeZone }))
      .sort((a, b) => a.name.localeCompare(b.name, 'es'));
  }

  private async municipal(actor: Actor): Promise<StartPage['municipal']> {
    const codes = [...new Set(officerCommunes(actor))].slice(0, MAX_SCOPES);
    const communes: string[] = [];
    for (const code of codes) communes.push((await this.territory.municipalityContext(code))?.communeName ?? code);
    return { communes, ...(await this.registry.communeWarnings(codes, 10)) };
  }

  private async admin(actor: Actor): Promise<StartPage['admin']> {
    const counts = await this.directory.counts();
    return {
      municipalities: (await this.territory.onboardedMunicipalities()).length,
      associations: counts.total,
      associationsInForce: counts.inForce,
      users: (await this.users.list(actor, { pageSize: 1 })).total,
    };
  }
}
