import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditContext } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { localDate } from '../../common/format/dates';
import type { FundCall } from './entities/fund-call.entity';
import type { FundCallState } from './fund-call-categories';
import { localDateTime } from './fund-call-state';
import { FundApplicantAccess } from './fund-application-access';
import { FundCallsService } from './fund-calls.service';
import {
  type ApplicantFacts,
  type Eligibility,
  matchCall,
  type MatchReason,
  targetsApplicant,
} from './fund-eligibility';
import { callFacts, FundMatchingFacts, KIND_LABELS } from './fund-matching-facts';
import { FundException } from './funds.exception';

/** One call's outcome for one applicant (API.md GET .../fund-matches). */
export interface FundMatchItem {
  fundCallId: string;
  name: string;
  institutionName: string;
  /** local `yyyy-mm-ddThh:mm` in the call's zone, as the calls' API answers it */
  closesAt: string;
  closesAtUtc: string;
  opensAt: string;
  timeZone: string;
  url: string | null;
  amountMaxClp: number | null;
  state: FundCallState;
  eligibility: Eligibility;
  reasons: Pick<MatchReason, 'requirement' | 'met' | 'detail'>[];
}

export interface FundMatchQuery {
  /** `open` keeps the calls taking applications now (open and closing soon) */
  state?: FundCallState;
}

const ORDER: Record<Eligibility, number> = { eligible: 0, unknown: 1, not_eligible: 2 };

/**
 * Fund matching (DOM-FND-2): each call of an applicant's territory for its kind of applicant, with the outcome and
 * one reason per requirement, computed from the live data at each request (no cache: fixing the data changes the
 * answer at once). Exported for the delivery (the opening mail goes to the eligible associations of the call's
 * territory; the reminders also to those preparing an application).
 */
@Injectable()
export class FundMatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calls: FundCallsService,
    private readonly facts: FundMatchingFacts,
    private readonly access: FundApplicantAccess,
  ) {}

  async matchesForAssociation(
    actor: Actor,
    associationId: string,
    query: FundMatchQuery = {},
    context: AuditContext = {},
  ): Promise<{ items: FundMatchItem[] }> {
    await this.access.association(actor, associationId, false, context);
    const [facts] = await this.facts.associations({ ids: [associationId] });
    if (!facts) throw FundException.notFound();
    const calls = await this.calls.listInTerritory(
      { communeCode: facts.communeCode, regionCode: facts.regionCode },
      { targetApplicant: 'organizations', states: statesFor(query.state) },
    );
    return { items: this.match(calls, facts, localDate(this.clock.now(), facts.timeZone)) };
  }

  async matchesForBeneficiary(
    actor: Actor,
    beneficiaryId: string,
    query: FundMatchQuery = {},
    context: AuditContext = {},
  ): Promise<{ items: FundMatchItem[] }> {
    const { programId } = await this.access.beneficiary(actor, beneficiaryId, context);
    const facts = await this.facts.beneficiary(programId, beneficiaryId);
    if (!facts) throw FundException.notFound();
    const calls = await this.calls.listInTerritory(
      { communeCode: facts.communeCode, regionCode: facts.regionCode },
      { states: statesFor(query.state) },
    );
    return {
      items: this.match(
        calls.filter((c) => targetsApplicant(c, 'beneficiary')),
        facts,
        localDate(this.clock.now(), facts.timeZone),
      ),
    };
  }

  /**
   * The associations of a call's territory that are eligible for it now (the opening mail, DOM-FND-3): every one of
   * the territory's associations read in three statements, matched in memory. Empty for calls not for organisations.
   */
  async eligibleAssociationsForCall(callId: string): Promise<{ id: string; name: string; communeCode: string }[]> {
    const call = await this.calls.find(callId);
    if (!call || call.targetApplicant !== 'organizations') return [];
    const filter = call.communeCodes?.length
      ? { communeCodes: call.communeCodes }
      : call.regionCodes?.length
        ? { regionCodes: call.regionCodes }
        : {};
    const facts = callFacts(call);
    const now = this.clock.now();
    const days = new Map<string, string>();
    const today = (zone: string) => days.get(zone) ?? days.set(zone, localDate(now, zone)).get(zone)!;
    return (await this.facts.associations(filter))
      .filter((a) => a.status !== 'dissolved')
      .filter((a) => matchCall(facts, a, today(a.timeZone), KIND_LABELS).eligibility === 'eligible')
      .map((a) => ({ id: a.id, name: a.name, communeCode: a.communeCode }));
  }

  /** The applications still being prepared for a call (the reminders before it closes, DOM-FND-3). */
  async applicantsPreparing(
    callId: string,
  ): Promise<{ applicationId: string; associationId: string | null; beneficiaryId: string | null }[]> {
    return this.dataSource.query(
      `SELECT id AS "applicationId", association_id AS "associationId", beneficiary_id AS "beneficiaryId"
         FROM fund_application WHERE fund_call_id = $1 AND status = 'preparing' ORDER BY created_at, id`,
      [callId],
    );
  }

  /** The items, eligible first, then unknown, then not eligible; soonest close first within each. */
  private match(calls: FundCall[], facts: ApplicantFacts, today: string): FundMatchItem[] {
    const now = this.clock.now();
    const items = calls.map((call) => {
      const result = matchCall(callFacts(call), facts, today, KIND_LABELS);
      return {
        fundCallId: call.id,
        name: call.name,
        institutionName: call.institution?.name ?? '',
        closesAt: localDateTime(call.closesAt, call.timeZone),
        closesAtUtc: call.closesAt.toISOString(),
        opensAt: localDateTime(call.opensAt, call.timeZone),
        timeZone: call.timeZone,
        url: call.url,
        amountMaxClp: call.amountMaxClp,
        state: this.calls.stateOf(call, now),
        eligibility: result.eligibility,
        reasons: result.reasons.map(({ requirement, met, detail }) => ({ requirement, met, detail })),
      };
    });
    return items.sort(
      (a, b) => ORDER[a.eligibility] - ORDER[b.eligibility] || a.closesAtUtc.localeCompare(b.closesAtUtc),
    );
  }
}

/** `open` means taking applications: open or closing soon. */
function statesFor(state: FundCallState | undefined): FundCallState[] | undefined {
  if (!state) return undefined;
  return state === 'open' ? ['open', 'closing_soon'] : [state];
}
