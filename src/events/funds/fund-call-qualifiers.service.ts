import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { localDate } from '../../common/format/dates';
import { ProgramsService } from '../../programs/programs.service';
import { matchCall, type MatchResult } from './fund-eligibility';
import { callFacts, FundMatchingFacts, KIND_LABELS } from './fund-matching-facts';
import { FundCallsService } from './fund-calls.service';
import { FundException } from './funds.exception';

/** One enrolled association against one call, with its reasons. */
export interface QualifierRow extends MatchResult {
  associationId: string;
  name: string;
  communeName: string;
}

/**
 * For a program officer (issue 18, "create a call and see which enrolled associations qualify"): the associations
 * enrolled in each of their programs, matched against one call from the live data (DOM-FND-2). The administration
 * sees every program's. Anyone else is refused: a program's enrolments are the program's.
 */
@Injectable()
export class FundCallQualifiers {
  constructor(
    private readonly calls: FundCallsService,
    private readonly facts: FundMatchingFacts,
    private readonly programs: ProgramsService,
    private readonly clock: Clock,
  ) {}

  async forCall(
    actor: Actor,
    callId: string,
  ): Promise<{ call: { id: string; name: string }; programs: { id: string; name: string; rows: QualifierRow[] }[] }> {
    const call = await this.calls.find(callId);
    if (!call) throw FundException.notFound();
    if (!actor.roles.some((r) => r.role === 'admin' || r.role === 'program_officer')) throw FundException.forbidden();
    const programs = await this.programs.list(actor);
    const now = this.clock.now();
    const facts = callFacts(call);
    const out = [];
    for (const program of programs) {
      const enrolled = (await this.programs.enrolments(program.id)).filter((e) => e.status === 'active');
      const associations = enrolled.length
        ? await this.facts.associations({ ids: enrolled.map((e) => e.associationId) })
        : [];
      const rows = associations
        .map((a) => ({
          associationId: a.id,
          name: a.name,
          communeName: a.communeName,
          ...matchCall(facts, a, localDate(now, a.timeZone), KIND_LABELS),
        }))
        .sort((x, y) => ORDER[x.eligibility] - ORDER[y.eligibility] || x.name.localeCompare(y.name, 'es'));
      out.push({ id: program.id, name: program.name, rows });
    }
    return { call: { id: call.id, name: call.name }, programs: out };
  }
}

const ORDER: Record<MatchResult['eligibility'], number> = { eligible: 0, unknown: 1, not_eligible: 2 };
