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
import { named } from '../../database/named-statement';

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

/** A call as the matching reads it first: its times and the key of its requirement set. */
interface CallRow {
  id: string;
  name: string;
  timeZone: string;
  key: string;
  opensMs: number;
  closesMs: number;
}

/** What the page shows of a call beyond the matching. */
interface CallDetails {
  id: string;
  institutionName: string;
  url: string | null;
  amountMaxClp: string | null;
}

/** A call matched, as the cache keeps it. */
interface SortedMatch {
  id: string;
  name: string;
  timeZone: string;
  opensAt: Date;
  closesAt: Date;
  state: FundCallState;
  result: MatchResult;
}

const MATCH_CACHE_LIMIT = 1_000;
const MATCH_CACHE = new Map<string, { factsKey: string; version: string; validUntil: number; rows: SortedMatch[] }>();

/** One distinct requirement set (with the territory and applicants it is for). */
interface RequirementSet {
  key: string;
  scope: CallFacts['scope'];
  regionCodes: string[];
  communeCodes: string[];
  targetApplicant: CallFacts['targetApplicant'];
  associationKinds: string[] | null;
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

/** One collator: `localeCompare(x, 'es')` builds one per comparison, which sorting 2,000 calls paid dearly. */
const COLLATOR = new Intl.Collator('es');
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

  /**
   * Every call matched for an association, for a reader the caller has already entitled (an ICS feed's secret address
   * names its association; a phone's calendar has no session): not paged, no actor.
   */
  async allMatchesOfAssociation(associationId: string): Promise<FundMatchItem[]> {
    const [facts] = await this.facts.associations({ ids: [associationId] });
    if (!facts) return [];
    return (await this.matchPage(facts, undefined, { limit: Number.MAX_SAFE_INTEGER, offset: 0 })).items;
  }

  /** The applicant's calls matched, eligible first, then unknown, then not eligible, soonest close first; one page. */
  private async matchPage(
    facts: ApplicantFacts & { id: string; timeZone: string },
    state: FundCallState | undefined,
    page: { limit: number; offset: number },
  ): Promise<{ items: FundMatchItem[]; total: number }> {
    const now = this.clock.now();
    const wanted = statesFor(state);
    const today = localDate(now, facts.timeZone);
    const { rows, details } = await this.sortedMatches(facts, now, wanted, today, page);
    const shown = rows.slice(page.offset, page.offset + page.limit);
    return {
      total: rows.length,
      items: shown.map((call) => {
        const more = details.get(call.id);
        return {
          fundCallId: call.id,
          name: call.name,
          institutionName: more?.institutionName ?? '',
          closesAt: localOf(call.closesAt, call.timeZone),
          closesAtUtc: call.closesAt.toISOString(),
          opensAt: localOf(call.opensAt, call.timeZone),
          timeZone: call.timeZone,
          url: more?.url ?? null,
          amountMaxClp: more?.amountMaxClp == null ? null : Number(more.amountMaxClp),
          state: call.state,
          eligibility: call.result.eligibility,
          reasons: call.result.reasons.map(({ requirement, met, detail }) => ({ requirement, met, detail })),
        };
      }),
    };
  }

  /**
   * Every call of the applicant's territory matched and sorted, from a per-instance cache keyed on versions: the
   * applicant's facts as read now (board terms, declarations, awards...), the territory's calls' ids and versions, and
   * the next instant a call changes state. Any change to either side misses the cache at once (DOM-FND-2: live data).
   */
  private async sortedMatches(
    facts: ApplicantFacts & { id: string; timeZone: string },
    now: Date,
    wanted: FundCallState[] | undefined,
    today: string,
    page: { limit: number; offset: number },
  ): Promise<{ rows: SortedMatch[]; details: Map<string, CallDetails> }> {
    const cacheKey = `${facts.type}:${facts.id}:${wanted?.join(',') ?? ''}`;
    const factsKey = `${today}|${JSON.stringify(facts)}`;
    const hit = MATCH_CACHE.get(cacheKey);
    const usable = hit && hit.factsKey === factsKey && now.getTime() < hit.validUntil ? hit : null;
    // the calls' version and the details of the page the cached answer would show, in one statement; when the
    // version moved, the answer is computed again and its page's details read after
    const guess = usable ? usable.rows.slice(page.offset, page.offset + page.limit).map((c) => c.id) : [];
    const { version, details } = await this.versionAndDetails(guess);
    if (usable && usable.version === version) return { rows: usable.rows, details };
    // every call of the territory, light (its times and the key of its requirement set); then each requirement set
    // once (calls share them: the same programme year after year), matched once; then the page's calls in full
    const { calls, sets } = await this.callsOf(facts, now, wanted);
    const results = new Map<string, MatchResult>();
    for (const set of sets) {
      const callFacts: CallFacts = {
        scope: set.scope,
        regionCodes: set.regionCodes ?? [],
        communeCodes: set.communeCodes ?? [],
        targetApplicant: set.targetApplicant,
        associationKinds: set.associationKinds ?? [],
        requirements: set.requirements ?? {},
      };
      results.set(set.key, matchCall(callFacts, facts, today, KIND_LABELS));
    }
    const all = calls
      .map((c) => ({
        ...c,
        opensAt: new Date(Number(c.opensMs)),
        closesAt: new Date(Number(c.closesMs)),
        result: results.get(c.key)!,
      }))
      .map((c) => ({ ...c, state: this.stateAt(c, now) }));
    const rows = all.filter((c) => !wanted || wanted.includes(c.state));
    rows.sort(
      (a, b) =>
        ORDER[a.result.eligibility] - ORDER[b.result.eligibility] ||
        a.closesAt.getTime() - b.closesAt.getTime() ||
        COLLATOR.compare(a.name, b.name),
    );
    // the answer holds until the next call opens, starts closing soon or closes
    let validUntil = Number.POSITIVE_INFINITY;
    const t = now.getTime();
    for (const c of all) {
      const soon = this.soonAt(c);
      for (const at of [c.opensAt.getTime(), soon, c.closesAt.getTime()])
        if (at > t && at < validUntil) validUntil = at;
    }
    if (MATCH_CACHE.size >= MATCH_CACHE_LIMIT) MATCH_CACHE.clear();
    MATCH_CACHE.set(cacheKey, { factsKey, version, validUntil, rows });
    return { rows, details: await this.details(rows.slice(page.offset, page.offset + page.limit).map((c) => c.id)) };
  }

  /**
   * The calls' revision (one row, raised by a trigger on any change to any call: migration FundCallRevision) and the
   * details of the calls `ids`, in one statement.
   */
  private async versionAndDetails(ids: string[]): Promise<{ version: string; details: Map<string, CallDetails> }> {
    const [row]: { v: string; details: CallDetails[] | null }[] = await this.dataSource.query(
      named(
        'fund_calls_revision_details',
        `SELECT (SELECT revision::text FROM fund_call_revision WHERE id = 1) AS v,
              (SELECT json_agg(json_build_object('id', d.id, 'institutionName', i.name, 'url', d.url,
                      'amountMaxClp', d.amount_max_clp::text))
                 FROM fund_call d JOIN institution i ON i.id = d.institution_id
                WHERE d.id = ANY($1::uuid[])) AS details`,
      ),
      [ids],
    );
    return { version: row.v, details: new Map((row.details ?? []).map((d) => [d.id, d])) };
  }

  /**
   * The calls of the applicant's territory for its kind of applicant (national, its region's, its commune's): each
   * with its times and the key of its requirement set, and the distinct sets apart (two statements, light rows).
   */
  private async callsOf(
    facts: ApplicantFacts,
    now: Date,
    states: FundCallState[] | undefined,
  ): Promise<{ calls: CallRow[]; sets: RequirementSet[] }> {
    const targets = facts.type === 'association' ? ['organizations'] : ['persons', 'businesses'];
    const open = states && !states.includes('closed');
    const params: unknown[] = [facts.communeCode, facts.regionCode, targets];
    if (open) params.push(now);
    // `@>`, not `= ANY`: the GIN indexes of the calls' communes and regions serve it (issue 21 item 2)
    const where = `(c.scope = 'national' OR c.commune_codes @> ARRAY[$1::text] OR c.region_codes @> ARRAY[$2::text])
          AND c.target_applicant = ANY($3::text[]) ${open ? 'AND c.closes_at > $4' : ''}`;
    const key = `md5(c.requirements::text || '|' || coalesce(c.association_kinds::text, '') || '|' || c.scope || '|' ||
                  c.region_codes::text || '|' || c.commune_codes::text || '|' || c.target_applicant)`;
    const [calls, sets] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id, c.name, c.time_zone AS "timeZone", ${key} AS key,
                (extract(epoch FROM c.opens_at) * 1000)::float8 AS "opensMs",
                (extract(epoch FROM c.closes_at) * 1000)::float8 AS "closesMs"
           FROM fund_call c WHERE ${where}`,
        params,
      ),
      this.dataSource.query(
        `SELECT DISTINCT ON (key) ${key} AS key, c.scope, c.region_codes AS "regionCodes",
                c.commune_codes AS "communeCodes", c.target_applicant AS "targetApplicant",
                c.association_kinds AS "associationKinds", c.requirements
           FROM fund_call c WHERE ${where} ORDER BY key`,
        params,
      ),
    ]);
    return { calls, sets };
  }

  /** What the page shows of its calls beyond the matching: the institution, the link, the maximum amount. */
  private async details(ids: string[]): Promise<Map<string, CallDetails>> {
    if (!ids.length) return new Map();
    const rows: CallDetails[] = await this.dataSource.query(
      `SELECT c.id, i.name AS "institutionName", c.url, c.amount_max_clp::text AS "amountMaxClp"
         FROM fund_call c JOIN institution i ON i.id = c.institution_id WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** DOM-FND-3's state (as FundCallsService.stateOf), with the closing-soon instant memoised per close and zone. */
  private stateAt(call: { opensAt: Date; closesAt: Date; timeZone: string }, now: Date): FundCallState {
    const t = now.getTime();
    if (t < call.opensAt.getTime()) return 'upcoming';
    if (t >= call.closesAt.getTime()) return 'closed';
    return t >= this.soonAt(call) ? 'closing_soon' : 'open';
  }

  /** The instant a call becomes `closing_soon`, memoised per close, zone and setting. */
  private soonAt(call: { closesAt: Date; timeZone: string }): number {
    const days = this.config.funds.closingSoonDays;
    return memo(soonFrom, `${call.closesAt.getTime()}|${call.timeZone}|${days}`, () =>
      closingSoonFrom(call, days).getTime(),
    );
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
