import { Injectable } from '@nestjs/common';
import { AssociationDirectory } from '../associations/association-directory.service';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { BodyStats } from '../meetings/body-stats.service';
import { ActivitiesService } from './activities.service';
import { BeneficiariesService } from './beneficiaries.service';
import { BenefitsService } from './benefits.service';
import type { Program } from './entities/program.entity';
import { ProgramsService } from './programs.service';

/** DOM-PRG-6: a plain traffic light per association. */
export type Light = 'green' | 'amber' | 'red';

export interface PortfolioRow {
  associationId: string;
  name: string;
  communeName: string;
  enrolledOn: string;
  enrolmentStatus: string;
  meetingsHeld90d: number;
  meetingsPlanned90d: number;
  actasApproved: number;
  actasPending: number;
  commitmentsOverdue: number;
  membersActive: number;
  membersMinimum: number;
  boardInForce: boolean;
  lastApproved: { meetingId: string; number: number; date: string } | null;
  light: Light;
  /** Why the light is not green, as dictionary keys (the page words them). */
  concerns: string[];
}

export interface Portfolio {
  associations: PortfolioRow[];
  beneficiaries: { total: number; byCategory: Record<string, number>; byOwnerSex: Record<string, number> };
  deliveredClp: number;
  deliveredByLine: Record<string, number>;
  deliveredByYear: Record<string, number>;
  budgetClp: number | null;
  activityAttendanceRate: number | null;
}

const DAY = 86_400_000;
/** How long a computed portfolio holds for what the associations change (their meetings, actas, members). */
export const PORTFOLIO_FRESH_MS = 30_000;
/** Programs whose portfolio is kept (the oldest computed is dropped first). */
const PORTFOLIO_CACHE_ENTRIES = 200;

/** DOM-PRG-6: green when it meets as planned with its papers in order; red when it stopped meeting or lost its base. */
export function lightOf(row: Omit<PortfolioRow, 'light' | 'concerns'>): { light: Light; concerns: string[] } {
  const concerns: string[] = [];
  const cadence = row.meetingsPlanned90d ? row.meetingsHeld90d / row.meetingsPlanned90d : row.meetingsHeld90d ? 1 : 0;
  if (cadence < 0.5) concerns.push('cadenceLow');
  else if (cadence < 1) concerns.push('cadenceShort');
  if (!row.boardInForce) concerns.push('boardNotInForce');
  if (row.membersActive < row.membersMinimum) concerns.push('membersBelowMinimum');
  if (row.commitmentsOverdue) concerns.push('commitmentsOverdue');
  if (row.actasPending > 1) concerns.push('actasPending');
  const red = concerns.some((c) => c === 'cadenceLow' || c === 'boardNotInForce' || c === 'membersBelowMinimum');
  return { light: red ? 'red' : concerns.length ? 'amber' : 'green', concerns };
}

/**
 * The program officer's portfolio (DOM-PRG-6) in a fixed number of queries whatever the number of associations:
 * the enrolment list, one registry query for every association, four engine queries for their meetings, actas and
 * commitments, and the program's counts.
 */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly programs: ProgramsService,
    private readonly directory: AssociationDirectory,
    private readonly stats: BodyStats,
    private readonly beneficiaries: BeneficiariesService,
    private readonly benefits: BenefitsService,
    private readonly activities: ActivitiesService,
    private readonly clock: Clock,
  ) {}

  /** Computed portfolios by program, with the program's version and the instant they were computed. */
  private readonly cache = new Map<string, { version: number; at: number; portfolio: Portfolio }>();

  /**
   * DOM-PRG-6, served from a cache: an entry holds while the program's version (raised by every program-side write,
   * `touchProgram`) is the one it was computed with, and for at most PORTFOLIO_FRESH_MS for what the associations
   * change themselves (their meetings, actas, members, boards). Each request still checks the caller's access.
   */
  async portfolio(actor: Actor, programId: string, context: AuditContext): Promise<Portfolio> {
    const program = await this.programs.load(actor, programId, context);
    const version = program.updatedAt.getTime();
    const now = this.clock.now().getTime();
    const cached = this.cache.get(program.id);
    if (cached && cached.version === version && now - cached.at < PORTFOLIO_FRESH_MS && now >= cached.at)
      return cached.portfolio;
    const portfolio = await this.compute(program);
    if (this.cache.size >= PORTFOLIO_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.delete(program.id);
    this.cache.set(program.id, { version, at: now, portfolio });
    return portfolio;
  }

  private async compute(program: Program): Promise<Portfolio> {
    const programId = program.id;
    const enrolments = await this.programs.enrolments(programId);
    const ids = enrolments.map((e) => e.associationId);
    const now = this.clock.now();
    const [summaries, cadence, counts, delivered, rate] = await Promise.all([
      this.directory.summaries(ids),
      this.stats.cadence(ids, { from: new Date(now.getTime() - 90 * DAY), to: now }, localDate(now, program.timeZone)),
      this.beneficiaries.counts(programId),
      this.benefits.delivered(programId),
      this.activities.attendanceRate(programId),
    ]);
    const associations: PortfolioRow[] = [];
    for (const e of enrolments) {
      const s = summaries.get(e.associationId);
      const c = cadence.get(e.associationId);
      if (!s || !c) continue;
      const row = {
        associationId: s.id,
        name: s.name,
        communeName: s.communeName,
        enrolledOn: e.enrolledOn,
        enrolmentStatus: e.status,
        meetingsHeld90d: c.meetingsHeld,
        meetingsPlanned90d: c.meetingsPlanned,
        actasApproved: c.actasApproved,
        actasPending: c.actasPending,
        commitmentsOverdue: c.commitmentsOverdue,
        membersActive: s.membersActive,
        membersMinimum: s.membersMinimum,
        boardInForce: s.boardInForce,
        lastApproved: c.lastApproved,
      };
      associations.push({ ...row, ...lightOf(row) });
    }
    associations.sort((a, b) => order(a.light) - order(b.light) || BY_NAME.compare(a.name, b.name));
    return {
      associations,
      beneficiaries: counts,
      deliveredClp: delivered.total,
      deliveredByLine: delivered.byLine,
      deliveredByYear: delivered.byYear,
      budgetClp: program.budgetClp,
      activityAttendanceRate: rate === null ? null : Math.round(rate * 1000) / 1000,
    };
  }
}

/** One collator for every sort (localeCompare with a locale builds one per comparison). */
const BY_NAME = new Intl.Collator('es');
const order = (light: Light) => (light === 'red' ? 0 : light === 'amber' ? 1 : 2);
