import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { formatClp } from '../common/format/money';
import type { BenefitDto } from './dto/programs.dto';
import { ProgramBenefit } from './entities/benefit.entity';
import type { Program } from './entities/program.entity';
import { outsideDates, ProgramsService } from './programs.service';
import { touchProgram } from './program-access';
import { ProgramException } from './programs.exception';
import { programTexts } from './programs.messages';

export interface BenefitView {
  id: string;
  beneficiaryId: string | null;
  associationId: string | null;
  recipientName: string;
  kind: string;
  amountClp: number;
  deliveredOn: string;
  line: string | null;
  description: string | null;
  overBudget: boolean;
}

/** A line of action is one of the program's own (when it declares lines). */
export function checkLine(program: Program, line: string | undefined, field = 'line'): string | null {
  if (!line) return null;
  const found = program.lines.find((l) => l.toLowerCase() === line.trim().toLowerCase());
  if (program.lines.length && !found)
    throw ProgramException.field(field, programTexts.lineUnknown({ line, lines: program.lines.join(', ') }));
  return found ?? line.trim();
}

/**
 * Benefits delivered (DOM-PRG-4): to a beneficiary or an enrolled association, in whole CLP, within the program's
 * dates. Past the budget only with the officer's explicit confirmation, and then flagged.
 */
@Injectable()
export class BenefitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly audit: AuditService,
  ) {}

  async record(actor: Actor, programId: string, dto: BenefitDto, context: AuditContext): Promise<BenefitView> {
    const program = await this.programs.load(actor, programId, context);
    if (!!dto.beneficiaryId === !!dto.associationId)
      throw ProgramException.field('beneficiaryId', programTexts.recipientRequired());
    outsideDates(program, dto.deliveredOn, 'deliveredOn');
    const line = checkLine(program, dto.line);
    const id = await this.dataSource.transaction(async (em) => {
      // one writer per program: two benefits recorded at once cannot both slip under the budget
      await em.query(`SELECT id FROM program WHERE id = $1 FOR UPDATE`, [programId]);
      await touchProgram(programId, em);
      if (dto.beneficiaryId) {
        const [found] = await em.query(`SELECT 1 FROM program_beneficiary WHERE id = $1 AND program_id = $2`, [
          dto.beneficiaryId,
          programId,
        ]);
        if (!found)
          throw ProgramException.field('beneficiaryId', programTexts.beneficiaryUnknown(), 'VALIDATION_FAILED', 422);
      } else await this.programs.assertEnrolled(programId, dto.associationId as string, em);
      const [{ delivered }] = await em.query(
        `SELECT COALESCE(sum(amount_clp), 0)::float8 AS delivered FROM program_benefit WHERE program_id = $1`,
        [programId],
      );
      const total = Number(delivered) + dto.amountClp;
      // DOM-PRG-4: past the budget needs an explicit confirmation, and the benefit is flagged
      const over = program.budgetClp !== null && total > program.budgetClp;
      if (over && !dto.overBudgetConfirmed)
        throw ProgramException.rule(
          'PROGRAM_BUDGET_EXCEEDED',
          programTexts.budgetExceeded({ total: formatClp(total), budget: formatClp(program.budgetClp) }),
          'amountClp',
        );
      const saved = await em.save(
        ProgramBenefit,
        em.create(ProgramBenefit, {
          programId,
          beneficiaryId: dto.beneficiaryId ?? null,
          associationId: dto.associationId ?? null,
          kind: dto.kind,
          amountClp: dto.amountClp,
          deliveredOn: dto.deliveredOn,
          line,
          description: dto.description?.trim() || null,
          overBudget: over,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        context,
        {
          action: 'program.benefit_recorded',
          objectType: 'program_benefit',
          objectId: saved.id,
          scopeType: 'program',
          scopeId: programId,
          details: { kind: dto.kind, amountClp: dto.amountClp, overBudget: over },
        },
        em,
      );
      return saved.id;
    });
    return (await this.list(programId, id))[0];
  }

  /** The program's benefits, newest first (recipient by name: a business or an association). */
  async list(programId: string, id?: string): Promise<BenefitView[]> {
    const rows: BenefitView[] = await this.dataSource.query(
      `SELECT b.id, b.beneficiary_id AS "beneficiaryId", b.association_id AS "associationId",
              COALESCE(pb.business_name, a.name) AS "recipientName", b.kind, b.amount_clp::float8 AS "amountClp",
              to_char(b.delivered_on, 'YYYY-MM-DD') AS "deliveredOn", b.line, b.description, b.over_budget AS "overBudget"
         FROM program_benefit b LEFT JOIN program_beneficiary pb ON pb.id = b.beneficiary_id
         LEFT JOIN association a ON a.id = b.association_id
        WHERE b.program_id = $1 ${id ? 'AND b.id = $2' : ''}
        ORDER BY b.delivered_on DESC, b.created_at DESC`,
      id ? [programId, id] : [programId],
    );
    return rows;
  }

  /** CLP delivered by line and by year (DOM-PRG-6). */
  async delivered(
    programId: string,
  ): Promise<{ total: number; byLine: Record<string, number>; byYear: Record<string, number> }> {
    const rows: { line: string | null; year: number; clp: number }[] = await this.dataSource.query(
      `SELECT line, extract(year FROM delivered_on)::int AS year, sum(amount_clp)::float8 AS clp
         FROM program_benefit WHERE program_id = $1 GROUP BY line, year`,
      [programId],
    );
    const byLine: Record<string, number> = {};
    const byYear: Record<string, number> = {};
    let total = 0;
    for (const r of rows) {
      const line = r.line ?? 'Sin línea';
      byLine[line] = (byLine[line] ?? 0) + r.clp;
      byYear[String(r.year)] = (byYear[String(r.year)] ?? 0) + r.clp;
      total += r.clp;
    }
    return { total, byLine, byYear };
  }
}
