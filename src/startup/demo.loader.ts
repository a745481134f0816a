import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TerritoryService } from '../territory/territory.service';
import { UsersService } from '../auth/users.service';
import { Role, ROLES } from '../common/access/roles';
import { AuthService } from '../auth/auth.service';
import { Clock } from '../common/clock';
import { AssociationException } from '../associations/associations.exception';
import { ConstitutionAssemblyService } from '../associations/constitution-assembly.service';
import { ConstitutionCertificationService } from '../associations/constitution-certification.service';
import { ConstitutionDepositService } from '../associations/constitution-deposit.service';
import { ConstitutionRequestService } from '../associations/constitution-request.service';
import { AssociationRegistrationService } from '../associations/association-registration.service';
import { rutCheckDigit } from '../common/format/rut';
import { SystemSettingsRepository } from '../database/system-settings.repository';
import { loadMeetingsDemo } from './meetings.demo';
import { MeetingsService } from '../meetings/meetings.service';
import { CommitmentsService } from '../meetings/commitments.service';
import { MinutesService } from '../meetings/minutes.service';
import { MinutesDistribution } from '../meetings/minutes-distribution.service';
import { ConvocationService } from '../meetings/convocation.service';
import { Mesa } from '../tables/entities/mesa.entity';
import { DEMO_CARABINEROS_EMAIL, DEMO_TABLES, loadTablesDemo } from '../tables/tables.demo';
import { loadTableSessionsDemo } from '../tables/table-sessions.demo';
import { TableBoardService } from '../tables/table-board.service';
import { CommitmentProgressService } from '../tables/commitment-progress.service';
import { TableSessionsService } from '../tables/table-sessions.service';
import { TablesService } from '../tables/tables.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { ActivitiesService } from '../programs/activities.service';
import { BeneficiariesService } from '../programs/beneficiaries.service';
import { BenefitsService } from '../programs/benefits.service';
import { ProgramConsentService } from '../programs/program-consent.service';
import { DEMO_MELIPILLA_OFFICER_EMAIL, DEMO_PROGRAM_OFFICER_EMAIL, loadProgramsDemo } from '../programs/programs.demo';
import { ProgramsService } from '../programs/programs.service';
import { DEMO_MUNICIPALITIES } from './demo-municipalities';
import type { EventsDemoDeps } from '../events/events.demo';
import { loadFundsDemo } from '../events/funds/funds.demo';
import { loadFundMatchingDemo } from '../events/funds/fund-matching.demo';
import { loadMarketDemo } from '../events/market/market.demo';
import {
  DEMO_ASSOCIATION_IDS,
  DEMO_PRESIDENT_PERSON_ID,
  loadAssociationDemo,
  loadConstitutionDemo,
} from '../associations/associations.demo';

/** Barrio Patrimonial's RUT once constituted (a demo number in the range the SII gives organisations). */
const DEMO_BARRIO_PATRIMONIAL_RUT = `65.218.447-${rutCheckDigit(65_218_447)}`;

/** The instant the demo data counts as loaded (fixed, so reloading changes nothing). */
const DEMO_ONBOARDED_AT = new Date('2026-03-02T12:00:00.000Z');

/** A demo login, printed once at the start that created it (demo data only; never on a real installation). */
export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  name: string;
}

/** Demo-only password, documented in the README; demo data loads only on the embedded database or with DEMO=true. */
export const DEMO_PASSWORD = 'demo-quorum-2026';

export const DEMO_ACCOUNTS: (Omit<DemoAccount, 'password'> & { scopeId: string | null; personId?: string })[] = [
  { role: 'admin', email: 'admin@demo.quorum.cl', name: 'Administración de Quórum (demo)', scopeId: null },
  {
    role: 'municipal_officer',
    email: 'dideco@laserena.demo.quorum.cl',
    name: 'Carolina Rojas Tapia (DIDECO La Serena)',
    scopeId: '04101',
  },
  {
    role: 'faith_minister',
    email: 'ministro.fe@laserena.demo.quorum.cl',
    name: 'Jorge Araya Cortés',
    scopeId: '04101',
  },
  {
    role: 'association_officer',
    email: 'presidencia@barriopatrimonial.demo.quorum.cl',
    name: 'Claudia Muñoz Araya (Barrio Patrimonial La Serena)',
    scopeId: DEMO_ASSOCIATION_IDS.barrioPatrimonial,
    personId: DEMO_PRESIDENT_PERSON_ID,
  },
  {
    role: 'municipal_officer',
    email: 'seguridad@elporvenir.demo.quorum.pe',
    name: 'Rosa Huamán Quispe (Seguridad Ciudadana)',
    scopeId: 'PE-130102',
  },
];

/** One idempotent step of the demo: later issues add theirs (associations, meetings, tables...). */
export interface DemoStep {
  name: string;
  run(em: EntityManager): Promise<void>;
}

/**
 * Loads the demo of DOMAIN.md §1b. Every row has a fixed id or natural key and is upserted, so running it
 * again (DEMO=true at every start) leaves the same data. Then, with the demo users, the stories that run
 * through the real services (Barrio Patrimonial's constitution), each only once.
 */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger('Demo');
  private readonly steps: DemoStep[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly territory: TerritoryService,
    private readonly settings: SystemSettingsRepository,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly modules: ModuleRef,
  ) {
    this.steps = [
      {
        name: 'municipalities',
        run: async (em) => {
          for (const m of DEMO_MUNICIPALITIES) {
            await this.territory.onboardMunicipality(
              m.communeCode,
              { officeName: m.officeName, at: DEMO_ONBOARDED_AT },
              em,
            );
          }
        },
      },
      { name: 'associations', run: (em) => loadAssociationDemo(em) },
    ];
  }

  /** Loads every step; returns the demo accounts this call created (to print their password once). */
  async load(): Promise<DemoAccount[]> {
    await this.dataSource.transaction(async (em) => {
      for (const step of this.steps) await step.run(em);
      await this.settings.put('demo.loadedAt', new Date().toISOString(), em);
    });
    const created: DemoAccount[] = [];
    const userIds = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const grant = { role: account.role as Role, scopeType: ROLES[account.role as Role], scopeId: account.scopeId };
      const user = await this.users.ensureUser({
        email: account.email,
        name: account.name,
        password: DEMO_PASSWORD,
        roles: [grant],
        personId: account.personId,
      });
      userIds.set(account.email, user.id);
      if (user.created)
        created.push({ role: account.role, email: account.email, name: account.name, password: DEMO_PASSWORD });
    }
    // After the transaction above: the service opens its own (on the embedded database, one connection).
    await this.constitutionOfBarrioPatrimonial(userIds);
    await loadMeetingsDemo({
      manager: this.dataSource.manager,
      meetings: this.modules.get(MeetingsService, { strict: false }),
      minutes: this.modules.get(MinutesService, { strict: false }),
      distribution: this.modules.get(MinutesDistribution, { strict: false }),
      convocations: this.modules.get(ConvocationService, { strict: false }),
      commitments: this.modules.get(CommitmentsService, { strict: false }),
      clock: this.clock,
      actorFor: (id) => this.auth.actorForUser(id, 'session'),
      presidentUserId: userIds.get('presidencia@barriopatrimonial.demo.quorum.cl') as string,
    });
    created.push(...(await this.tablesOfTheStories(userIds)));
    const programs = await this.programsOfTheStories(userIds);
    created.push(...programs.accounts);
    created.push(...(await this.eventsOfTheStories(userIds, programs.ids)));
    this.logger.log(
      `demo data loaded (${this.steps.map((s) => s.name).join(', ')}, users, constitution, meetings, minutes, tables, programs, fund calls, market weeks)`,
    );
    return created;
  }

  private async constitutionOfBarrioPatrimonial(userIds: Map<string, string>): Promise<void> {
    try {
      await loadConstitutionDemo({
        manager: this.dataSource.manager,
        // from the associations module, wherever it is provided (the startup module does not import it)
        constitution: {
          requests: this.modules.get(ConstitutionRequestService, { strict: false }),
          assembly: this.modules.get(ConstitutionAssemblyService, { strict: false }),
          certification: this.modules.get(ConstitutionCertificationService, { strict: false }),
          deposits: this.modules.get(ConstitutionDepositService, { strict: false }),
        },
        clock: this.clock,
        actorFor: (id) => this.auth.actorForUser(id, 'session'),
        users: {
          president: userIds.get('presidencia@barriopatrimonial.demo.quorum.cl') as string,
          officer: userIds.get('dideco@laserena.demo.quorum.cl') as string,
          faithMinister: userIds.get('ministro.fe@laserena.demo.quorum.cl') as string,
        },
      });
    } catch (err) {
      // DEMO=true on data someone has changed since (a founder withdrawn...): the rules refuse; the start goes on.
      if (!(err instanceof AssociationException)) throw err;
      this.logger.warn(`demo: Barrio Patrimonial La Serena's constitution was not loaded: ${err.message}`);
      return;
    }
    // with its legal personality it got its RUT from the SII, which the municipality records (the fund calendar asks)
    const officer = await this.auth.actorForUser(userIds.get('dideco@laserena.demo.quorum.cl') as string, 'session');
    const [row]: { rut: string | null }[] = await this.dataSource.query(`SELECT rut FROM association WHERE id = $1`, [
      DEMO_ASSOCIATION_IDS.barrioPatrimonial,
    ]);
    if (officer && row && !row.rut)
      await this.modules
        .get(AssociationRegistrationService, { strict: false })
        .update(officer, DEMO_ASSOCIATION_IDS.barrioPatrimonial, { rut: DEMO_BARRIO_PATRIMONIAL_RUT }, {});
  }

  /** The tables of stories 1, 2, 3 and 5 (DOMAIN.md §1b), with their institutions, representatives and axes. */
  /**
   * The tables of the stories with their sessions and commitments (once), and two table accounts: the coordinator
   * of La Serena's technical security table and Carabineros' representative at it (who reports progress).
   */
  private async tablesOfTheStories(userIds: Map<string, string>): Promise<DemoAccount[]> {
    const admin = await this.auth.actorForUser(userIds.get('admin@demo.quorum.cl') as string, 'session');
    const laSerena = await this.auth.actorForUser(userIds.get('dideco@laserena.demo.quorum.cl') as string, 'session');
    if (!admin || !laSerena) return [];
    const tables = this.modules.get(TablesService, { strict: false });
    const createdTables = await loadTablesDemo({
      tables,
      institutions: this.modules.get(InstitutionsService, { strict: false }),
      admin,
      laSerena,
      existing: () => this.dataSource.getRepository(Mesa).count(),
    });
    const rows: { id: string; name: string; scope_level: string }[] = await this.dataSource.query(
      `SELECT id, name, scope_level FROM mesa WHERE name = ANY($1)`,
      [DEMO_TABLES.map((t) => t.name)],
    );
    const technical = rows.find((r) => r.name === DEMO_TABLES[0].name);
    if (!technical) return [];
    const accounts: DemoAccount[] = [];
    const coordinatorId = await this.tableAccount(
      accounts,
      'table_coordinator',
      'seguridad.centro@laserena.demo.quorum.cl',
      'Director de Seguridad Pública de La Serena (coordinación de la mesa técnica)',
      technical.id,
    );
    await this.tableAccount(
      accounts,
      'table_participant',
      DEMO_CARABINEROS_EMAIL,
      'Mayor Rodrigo Fuentes Vega (Carabineros, 1.ª Comisaría)',
      technical.id,
    );
    if (createdTables) {
      const coordinator = (await this.auth.actorForUser(coordinatorId, 'session')) ?? laSerena;
      await loadTableSessionsDemo({
        sessions: this.modules.get(TableSessionsService, { strict: false }),
        board: this.modules.get(TableBoardService, { strict: false }),
        progress: this.modules.get(CommitmentProgressService, { strict: false }),
        clock: this.clock,
        tables: rows.map((r) => ({
          id: r.id,
          name: r.name,
          actor: r.id === technical.id ? coordinator : r.scope_level === 'commune' ? laSerena : admin,
        })),
      });
    }
    return accounts;
  }

  /**
   * Sercotec's Barrios Comerciales with Barrio Patrimonial (roster shared, its businesses, benefits, two activities)
   * and Melipilla's business centre with 40 entrepreneurs, each with a program officer account (issue 17).
   */
  private async programsOfTheStories(
    userIds: Map<string, string>,
  ): Promise<{ accounts: DemoAccount[]; ids: { barrios: string; melipilla: string } | null }> {
    const admin = await this.auth.actorForUser(userIds.get('admin@demo.quorum.cl') as string, 'session');
    if (!admin) return { accounts: [], ids: null };
    const president = await this.auth.actorForUser(
      userIds.get('presidencia@barriopatrimonial.demo.quorum.cl') as string,
      'session',
    );
    const programs = await loadProgramsDemo({
      manager: this.dataSource.manager,
      programs: this.modules.get(ProgramsService, { strict: false }),
      consent: this.modules.get(ProgramConsentService, { strict: false }),
      beneficiaries: this.modules.get(BeneficiariesService, { strict: false }),
      benefits: this.modules.get(BenefitsService, { strict: false }),
      activities: this.modules.get(ActivitiesService, { strict: false }),
      clock: this.clock,
      admin,
      president,
      barrioPatrimonialId: DEMO_ASSOCIATION_IDS.barrioPatrimonial,
    });
    if (!programs) return { accounts: [], ids: null };
    const accounts: DemoAccount[] = [];
    for (const [email, name, programId] of [
      [DEMO_PROGRAM_OFFICER_EMAIL, 'Verónica Alfaro Díaz (Sercotec Coquimbo)', programs.barrios],
      [DEMO_MELIPILLA_OFFICER_EMAIL, 'Patricio Olivares Soto (Centro de Negocios Melipilla)', programs.melipilla],
    ]) {
      const user = await this.users.ensureUser({
        email,
        name,
        password: DEMO_PASSWORD,
        roles: [{ role: 'program_officer', scopeType: 'program', scopeId: programId }],
      });
      if (user.created) accounts.push({ role: 'program_officer', email, name, password: DEMO_PASSWORD });
      userIds.set(email, user.id);
    }
    return { accounts, ids: programs };
  }

  /** The fund calendar and Melipilla's market weeks (issues 18 and 19), on the programs above. */
  private async eventsOfTheStories(
    userIds: Map<string, string>,
    programs: { barrios: string; melipilla: string } | null,
  ): Promise<DemoAccount[]> {
    const admin = await this.auth.actorForUser(userIds.get('admin@demo.quorum.cl') as string, 'session');
    if (!admin) return [];
    const deps: EventsDemoDeps = {
      manager: this.dataSource.manager,
      modules: this.modules,
      clock: this.clock,
      admin,
      userIds,
      actorFor: (id) => this.auth.actorForUser(id, 'session'),
      programs,
      ensureDemoUser: (user) => this.users.ensureUser({ ...user, password: DEMO_PASSWORD }),
    };
    const accounts = [
      ...(await loadFundsDemo(deps)),
      ...(await loadFundMatchingDemo(deps)),
      ...(await loadMarketDemo(deps)),
    ];
    return accounts.map((a) => ({ ...a, password: DEMO_PASSWORD }));
  }

  private async tableAccount(
    accounts: DemoAccount[],
    role: 'table_coordinator' | 'table_participant',
    email: string,
    name: string,
    tableId: string,
  ): Promise<string> {
    const user = await this.users.ensureUser({
      email,
      name,
      password: DEMO_PASSWORD,
      roles: [{ role, scopeType: ROLES[role], scopeId: tableId }],
    });
    if (user.created) accounts.push({ role, email, name, password: DEMO_PASSWORD });
    return user.id;
  }
}
