import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssociationDirectory } from '../associations/association-directory.service';
import { AuditContext, AuditService } from '../audit/audit.service';
import { type Actor, isAdmin } from '../common/access/actor';
import { Clock } from '../common/clock';
import { ModuleException } from '../common/errors/domain.exception';
import { InstitutionsService } from '../institutions/institutions.service';
import { UsersService } from '../auth/users.service';
import { TerritoryService } from '../territory/territory.service';
import type { EnrolmentDto, ProgramDto } from './dto/programs.dto';
import { Program } from './entities/program.entity';
import { ProgramEnrolment } from './entities/program-enrolment.entity';
import { ProgramAccess, programScope, touchProgram } from './program-access';
import { ProgramException } from './programs.exception';
import { programTexts } from './programs.messages';

/** The list row and detail of a program (API.md). */
export interface ProgramView {
  id: string;
  name: string;
  kind: string;
  year: number;
  agency: { id: string; name: string } | null;
  regionCode: string | null;
  communeCodes: string[];
  startsOn: string;
  endsOn: string;
  budgetClp: number | null;
  deliveredClp: number;
  lines: string[];
  timeZone: string;
}

/** Programs and their enrolled associations (DOM-PRG-1, DOM-PRG-2). */
@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProgramAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly institutions: InstitutionsService,
    private readonly territory: TerritoryService,
    private readonly directory: AssociationDirectory,
    private readonly users: UsersService,
  ) {}

  /** DOM-PRG-1: the admin creates a program (API.md: create programs, admin). */
  async create(actor: Actor, dto: ProgramDto, context: AuditContext): Promise<ProgramView> {
    if (!isAdmin(actor)) throw ProgramException.forbidden();
    const communeCodes = [...new Set(dto.communeCodes ?? [])];
    const regionCode = dto.regionCode ?? null;
    const errors = [];
    if (!regionCode && !communeCodes.length)
      errors.push(ModuleException.fieldError('regionCode', programTexts.territoryRequired()));
    if (regionCode && !(await this.territory.listCommunes({ regionCode })).length)
      errors.push(ModuleException.fieldError('regionCode', programTexts.regionUnknown({ code: regionCode })));
    for (const code of communeCodes)
      if (!(await this.territory.municipalityContext(code)))
        errors.push(ModuleException.fieldError('communeCodes', programTexts.communeUnknown({ code })));
    if (dto.endsOn < dto.startsOn)
      errors.push(
        ModuleException.fieldError(
          'endsOn',
          programTexts.endsBeforeStart({ endsOn: dto.endsOn, startsOn: dto.startsOn }),
        ),
      );
    if (!dto.agencyInstitutionId && !dto.agencyName)
      errors.push(ModuleException.fieldError('agencyInstitutionId', programTexts.agencyRequired()));
    if (dto.agencyInstitutionId && !(await this.institutions.findById(dto.agencyInstitutionId)))
      errors.push(ModuleException.fieldError('agencyInstitutionId', programTexts.agencyUnknown()));
    if (errors.length) throw ProgramException.invalid(errors);
    const zoneCommune =
      communeCodes[0] ?? (await this.territory.listCommunes({ regionCode: regionCode ?? '' }))[0]?.code;
    const timeZone =
      (zoneCommune && (await this.territory.municipalityContext(zoneCommune))?.timeZone) || 'America/Santiago';
    const id = await this.dataSource.transaction(async (em) => {
      const agencyId =
        dto.agencyInstitutionId ??
        (
          await this.institutions.findOrCreate(
            actor,
            {
              name: (dto.agencyName as string).trim(),
              kind: /sercotec/i.test(dto.agencyName ?? '') ? 'sercotec' : 'other_public',
              communeCode: null,
            },
            context,
            em,
          )
        ).institution.id;
      const saved = await em.save(
        Program,
        em.create(Program, {
          name: dto.name.trim(),
          kind: dto.kind,
          year: dto.year,
          agencyInstitutionId: agencyId,
          regionCode,
          communeCodes,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          budgetClp: dto.budgetClp ?? null,
          lines: [...new Set((dto.lines ?? []).map((l) => l.trim()).filter(Boolean))],
          timeZone,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        context,
        {
          action: 'program.created',
          objectType: 'program',
          objectId: saved.id,
          scopeType: 'program',
          scopeId: saved.id,
          details: { name: saved.name, kind: saved.kind, year: saved.year },
        },
        em,
      );
      return saved.id;
    });
    return this.get(actor, id, context);
  }

  /** The programs the actor works on (every one for an admin), newest first. */
  async list(actor: Actor): Promise<ProgramView[]> {
    const scope = programScope(actor);
    if (scope && !scope.length) return [];
    const rows = await this.rows(scope);
    return rows;
  }

  /** The programs the actor is an officer of (not every program for an admin), at most 20: the start page. */
  async officerPrograms(actor: Actor): Promise<ProgramView[]> {
    const ids = actor.roles
      .filter((r) => r.role === 'program_officer' && r.scopeId)
      .map((r) => r.scopeId as string)
      .slice(0, 20);
    return ids.length ? this.rows(ids) : [];
  }

  async get(actor: Actor, programId: string, context: AuditContext = {}): Promise<ProgramView> {
    await this.access.load(actor, programId, context);
    return (await this.rows([programId]))[0];
  }

  async exists(id: string): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
    return !!(await this.dataSource.manager.findOneBy(Program, { id }));
  }

  /** Programs by id with their year ("Barrios Comerciales 2026"): how a program_officer role's scope is named. */
  async scopeNames(ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name || ' ' || year AS name FROM program WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Every program by name (only administrators name program officers), for the list a role's scope is picked from. */
  scopeChoices(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query(`SELECT id, name || ' ' || year AS name FROM program ORDER BY year DESC, name, id`);
  }

  /** The program's entity for an actor who works on it (404 otherwise). */
  load(actor: Actor, programId: string, context: AuditContext = {}, em?: EntityManager): Promise<Program> {
    return this.access.load(actor, programId, context, em);
  }

  private async rows(ids: string[] | null): Promise<ProgramView[]> {
    const rows: (Omit<ProgramView, 'agency'> & { agencyId: string; agencyName: string })[] =
      await this.dataSource.query(
        `SELECT p.id, p.name, p.kind, p.year, p.region_code AS "regionCode", p.commune_codes AS "communeCodes",
              to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn",
              p.budget_clp::float8 AS "budgetClp", p.lines, p.time_zone AS "timeZone", i.id AS "agencyId", i.name AS "agencyName",
              COALESCE((SELECT sum(b.amount_clp) FROM program_benefit b WHERE b.program_id = p.id), 0)::float8 AS "deliveredClp"
         FROM program p JOIN institution i ON i.id = p.agency_institution_id
        ${ids ? 'WHERE p.id = ANY($1::uuid[])' : ''}
        ORDER BY p.year DESC, p.name, p.id`,
        ids ? [ids] : [],
      );
    return rows.map(({ agencyId, agencyName, ...r }) => ({ ...r, agency: { id: agencyId, name: agencyName } }));
  }

  /** The program's officers (DOM-PRG-1: users with the `program_officer` role scoped to it). */
  async officers(actor: Actor, programId: string, context: AuditContext = {}) {
    await this.access.load(actor, programId, context);
    return (await this.users.holdersOf('program', programId)).filter((h) => h.role === 'program_officer');
  }

  /**
   * The admin names a program officer by e-mail (API.md: assign program_officer, admin): an existing account gets
   * the role, a new person gets an invitation naming the program.
   */
  async addOfficer(actor: Actor, programId: string, input: { email: string; name: string }, context: AuditContext) {
    await this.access.load(actor, programId, context);
    if (!isAdmin(actor)) throw ProgramException.forbidden();
    const { invited } = await this.users.grantByEmail(
      actor,
      { email: input.email.trim().toLowerCase(), name: input.name.trim() },
      { role: 'program_officer', scopeType: 'program', scopeId: programId },
      context,
    );
    return { invited, officers: await this.officers(actor, programId, context) };
  }

  /** DOM-PRG-2: an association of the program's territory is enrolled once. */
  async enrol(actor: Actor, programId: string, dto: EnrolmentDto, context: AuditContext) {
    const program = await this.access.load(actor, programId, context);
    const summary = (await this.directory.summaries([dto.associationId])).get(dto.associationId);
    if (!summary)
      throw ProgramException.field('associationId', programTexts.associationUnknown(), 'VALIDATION_FAILED', 422);
    if (!inTerritory(program, summary.communeCode))
      throw ProgramException.rule(
        'OUTSIDE_TERRITORY',
        programTexts.outsideTerritory({ commune: summary.communeName }),
        'associationId',
      );
    outsideDates(program, dto.enrolledOn, 'enrolledOn');
    return this.dataSource.transaction(async (em) => {
      await touchProgram(programId, em);
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(ProgramEnrolment)
        .values({
          programId,
          associationId: dto.associationId,
          enrolledOn: dto.enrolledOn,
          status: dto.status ?? 'active',
          createdBy: actor.id,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (!(inserted.raw as unknown[]).length)
        throw ProgramException.conflict('ALREADY_ENROLLED', programTexts.alreadyEnrolled(), 'associationId');
      const id = (inserted.raw as { id: string }[])[0].id;
      await this.audit.record(
        context,
        {
          action: 'program.association_enrolled',
          objectType: 'program',
          objectId: programId,
          scopeType: 'program',
          scopeId: programId,
          details: { associationId: dto.associationId, enrolledOn: dto.enrolledOn },
        },
        em,
      );
      return {
        id,
        programId,
        associationId: dto.associationId,
        name: summary.name,
        enrolledOn: dto.enrolledOn,
        status: dto.status ?? 'active',
      };
    });
  }

  /** The associations enrolled in a program with their enrolment (ids; the portfolio adds the numbers). */
  async enrolments(
    programId: string,
    em?: EntityManager,
  ): Promise<{ associationId: string; enrolledOn: string; status: string }[]> {
    return (em ?? this.dataSource.manager).query(
      `SELECT association_id AS "associationId", to_char(enrolled_on, 'YYYY-MM-DD') AS "enrolledOn", status
         FROM program_association WHERE program_id = $1 ORDER BY enrolled_on, association_id`,
      [programId],
    );
  }

  /** Associations of the program's territory not enrolled yet (for the enrolment form), by name. */
  async enrollable(program: Program): Promise<{ id: string; name: string }[]> {
    const regionPattern = program.regionCode ? `${program.regionCode}%` : null;
    return this.dataSource.query(
      `SELECT a.id, a.name FROM association a
        WHERE (a.commune_code = ANY($1) OR ($2::text IS NOT NULL AND a.commune_code LIKE $2))
          AND NOT EXISTS (SELECT 1 FROM program_association pa WHERE pa.program_id = $3 AND pa.association_id = a.id)
          AND a.status <> 'dissolved'
        ORDER BY a.name_key LIMIT 500`,
      [program.communeCodes, regionPattern, program.id],
    );
  }

  async assertEnrolled(programId: string, associationId: string, em?: EntityManager): Promise<void> {
    const rows: unknown[] = await (em ?? this.dataSource.manager).query(
      `SELECT 1 FROM program_association WHERE program_id = $1 AND association_id = $2`,
      [programId, associationId],
    );
    if (!rows.length)
      throw ProgramException.rule('ASSOCIATION_NOT_ENROLLED', programTexts.notEnrolled(), 'associationId');
  }
}

/** DOM-PRG-1: a commune is in the program's territory (its region, or one of its communes). */
export function inTerritory(program: Pick<Program, 'regionCode' | 'communeCodes'>, communeCode: string): boolean {
  return (
    program.communeCodes.includes(communeCode) || (!!program.regionCode && communeCode.startsWith(program.regionCode))
  );
}

/** A date of the program's work lies within its dates (DOM-PRG-1). */
export function outsideDates(program: Pick<Program, 'startsOn' | 'endsOn'>, date: string, field: string): void {
  if (date < program.startsOn || date > program.endsOn)
    throw ProgramException.field(
      field,
      programTexts.dateOutsideProgram({ date, startsOn: program.startsOn, endsOn: program.endsOn }),
      'VALIDATION_FAILED',
      422,
    );
}
