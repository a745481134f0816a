import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditContext } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { localDate } from '../../common/format/dates';
import { paging } from '../../common/paging';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { FundCallRequirements, FundCallState } from './fund-call-categories';
import { closingSoonFrom, localDateTime } from './fund-call-state';
import { FundApplicantAccess } from './fund-application-access';
import { FundCallsService } from './fund-calls.service';
import {
  type ApplicantFacts,
  type CallFacts,
  type Eligibility,
  matchCall,
  type MatchReason,
  type MatchResult,
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
  page?: string | number;
  pageSize?: string | number;
}

/** A call's columns the matching reads (one statement for all the calls of a territory). */
interface CallRow {
  id: string;
  name: string;
  institutionName: string;
  scope: CallFacts['scope'];
  regionCodes: string[];
  communeCodes: string[];
  targetApplicant: CallFacts['targetApplicant'];
  associationKinds: string[] | null;
  amountMaxClp: string | null;
  opensAt: Date;
  closesAt: Date;
  timeZone: string;
  url: string | null;
  requirements: FundCallRequirements;
}

/**
 * Pure conversions memoised by their inputs (an instant and a zone never change their answer): a call's local times
 * and the instant it becomes `closing_soon` cost several Intl calls each, which for 2,000 calls was most of a request.
 * Bounded; cleared when full.
 */
const MEMO_LIMIT = 50_000;
const localTimes = new Map<string, string>();
const soonFrom = new Map<string, number>();
function memo<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MEMO_LIMIT) map.clear();
    value = make();
    map.set(key, value);
  }
  return value;
}
const localOf = (instant: Date, zone: string) =>
  memo(localTimes, `${instant.getTime()}|${zone}`, () => localDateTime(instant, zone));

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async matchesForAssociation(
    actor: Actor,
    associationId: string,
    query: FundMatchQuery = {},
    context: AuditContext = {},
  ): Promise<{ items: FundMatchItem[]; total: number }> {
    const page = paging(query);
    await this.access.association(actor, associationId, false, context);
    const [facts] = await this.facts.associations({ ids: [associationId] });
    if (!facts) throw FundException.notFound();
    return this.matchPage(facts, query.state, page);
  }

  async matchesForBeneficiary(
    actor: Actor,
    beneficiaryId: string,
    query: FundMatchQuery = {},
    context: AuditContext = {},
  ): Promise<{ items: FundMatchItem[]; total: number }> {
    const page = paging(query);
    const { programId } = await this.access.beneficiary(actor, beneficiaryId, context);
    const facts = await this.facts.beneficiary(programId, beneficiaryId);
    if (!facts) throw FundException.notFound();
    return this.matchPage(facts, query.state, page);
  }

  /** The applicant's calls matched, eligible first, then unknown, then not eligible, soonest close first; one page. */
  private async matchPage(
    facts: ApplicantFacts & { timeZone: string },
    state: FundCallState | undefined,
    page: { limit: number; offset: number },
  ): Promise<{ items: FundMatchItem[]; total: number }> {
    const now = this.clock.now();
    const wanted = statesFor(state);
    const rows = (await this.callRows(facts, now, wanted)).filter(
      (c) => !wanted || wanted.includes(this.stateAt(c, now)),
    );
    const today = localDate(now, facts.timeZone);
    // calls share their requirements (the same programme year after year): each set is matched once per request
    const results = new Map<string, MatchResult>();
    const items = rows.map((call) => {
      const callFacts: CallFacts = {
        scope: call.scope,
        regionCodes: call.regionCodes ?? [],
        communeCodes: call.communeCodes ?? [],
        targetApplicant: call.targetApplicant,
        associationKinds: call.associationKinds ?? [],
        requirements: call.requirements ?? {},
      };
      const key = JSON.stringify(callFacts);
      const result = memo(results, key, () => matchCall(callFacts, facts, today, KIND_LABELS));
      return { call, result };
    });
    items.sort(
      (a, b) =>
        ORDER[a.result.eligibility] - ORDER[b.result.eligibility] ||
        a.call.closesAt.getTime() - b.call.closesAt.getTime() ||
        a.call.name.localeCompare(b.call.name, 'es'),
    );
    return {
      total: items.length,
      items: items.slice(page.offset, page.offset + page.limit).map(({ call, result }) => ({
        fundCallId: call.id,
        name: call.name,
        institutionName: call.institutionName,
        closesAt: localOf(call.closesAt, call.timeZone),
        closesAtUtc: call.closesAt.toISOString(),
        opensAt: localOf(call.opensAt, call.timeZone),
        timeZone: call.timeZone,
        url: call.url,
        amountMaxClp: call.amountMaxClp === null ? null : Number(call.amountMaxClp),
        state: this.stateAt(call, now),
        eligibility: result.eligibility,
        reasons: result.reasons.map(({ requirement, met, detail }) => ({ requirement, met, detail })),
      })),
    };
  }

  /** The calls of the applicant's territory for its kind of applicant (national, its region's, its commune's). */
  private callRows(facts: ApplicantFacts, now: Date, states: FundCallState[] | undefined): Promise<CallRow[]> {
    const targets = facts.type === 'association' ? ['organizations'] : ['persons', 'businesses'];
    const open = states && !states.includes('closed');
    return this.dataSource.query(
      `SELECT c.id, c.name, i.name AS "institutionName", c.scope, c.region_codes AS "regionCodes",
              c.commune_codes AS "communeCodes", c.target_applicant AS "targetApplicant",
              c.association_kinds AS "associationKinds", c.amount_max_clp AS "amountMaxClp", c.opens_at AS "opensAt",
              c.closes_at AS "closesAt", c.time_zone AS "timeZone", c.url, c.requirements
         FROM fund_call c JOIN institution i ON i.id = c.institution_id
        WHERE (c.scope = 'national' OR $1 = ANY(c.commune_codes) OR $2 = ANY(c.region_codes))
          AND c.target_applicant = ANY($3::text[]) ${open ? 'AND c.closes_at > $4' : ''}`,
      open ? [facts.communeCode, facts.regionCode, targets, now] : [facts.communeCode, facts.regionCode, targets],
    );
  }

  /** DOM-FND-3's state (as FundCallsService.stateOf), with the closing-soon instant memoised per close and zone. */
  private stateAt(call: { opensAt: Date; closesAt: Date; timeZone: string }, now: Date): FundCallState {
    const t = now.getTime();
    if (t < call.opensAt.getTime()) return 'upcoming';
    if (t >= call.closesAt.getTime()) return 'closed';
    const days = this.config.funds.closingSoonDays;
    const soon = memo(soonFrom, `${call.closesAt.getTime()}|${call.timeZone}|${days}`, () =>
      closingSoonFrom(call, days).getTime(),
    );
    return t >= soon ? 'closing_soon' : 'open';
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
}

/** `open` means taking applications: open or closing soon. */
function statesFor(state: FundCallState | undefined): FundCallState[] | undefined {
  if (!state) return undefined;
  return state === 'open' ? ['open', 'closing_soon'] : [state];
}
