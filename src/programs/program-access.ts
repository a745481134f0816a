import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { type Actor, hasRole, isAdmin } from '../common/access/actor';
import { Program } from './entities/program.entity';
import { ProgramException } from './programs.exception';
import { findById } from '../database/entity-reads';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A program-side write (enrolment, beneficiaries, benefits, activities, attendance) raises the program's version
 * (`updated_at`), in the writer's transaction: the portfolio's cache is keyed by it, so every instance sees the change
 * at the next request (issue 17, docs/decisions.md).
 */
export async function touchProgram(programId: string, em: EntityManager): Promise<void> {
  await em.query(`UPDATE program SET updated_at = clock_timestamp() WHERE id = $1`, [programId]);
}

/** The programs an actor works on: every one for an admin, their own for a program officer (API.md). */
export function programScope(actor: Actor): string[] | null {
  if (isAdmin(actor)) return null;
  return actor.roles.filter((r) => r.role === 'program_officer' && r.scopeId).map((r) => r.scopeId as string);
}

/**
 * Loads a program for an actor: the admin and the program's own officers work on it; anyone else gets 404 (the
 * same answer whether it exists or not, audited), API.md "Who may do what".
 */
@Injectable()
export class ProgramAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async load(actor: Actor, programId: string, context: AuditContext = {}, em?: EntityManager): Promise<Program> {
    const program = UUID.test(programId)
      ? await findById(em ?? this.dataSource.manager, Program, programId) // one fixed statement (issue 21)
      : null;
    if (!program) throw ProgramException.notFound();
    if (!isAdmin(actor) && !hasRole(actor, 'program_officer', program.id)) {
      await this.audit.deniedOutsideScope(
        context,
        actor,
        { objectType: 'program', objectId: program.id, scopeType: 'program', scopeId: program.id },
        this.dataSource.manager,
      );
      throw ProgramException.notFound();
    }
    return program;
  }

  /** The program a beneficiary belongs to, or null (also for an id that is not a uuid): callers then `load` it. */
  async programOfBeneficiary(beneficiaryId: string): Promise<string | null> {
    if (!UUID.test(beneficiaryId)) return null;
    const rows: { programId: string }[] = await this.dataSource.query(
      `SELECT program_id AS "programId" FROM program_beneficiary WHERE id = $1`,
      [beneficiaryId],
    );
    return rows[0]?.programId ?? null;
  }

  /** Whether the actor is an officer of a program in which the association is enrolled (read-only access). */
  async officerOfEnrolling(actor: Actor, associationId: string): Promise<boolean> {
    const programs = programScope(actor);
    if (!programs?.length) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM program_association WHERE association_id = $1 AND program_id = ANY($2::uuid[]) LIMIT 1`,
      [associationId, programs],
    );
    return rows.length > 0;
  }
}
