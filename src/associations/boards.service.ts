import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import { Clock } from '../common/clock';
import { addDays, formatDate, localDate, parseCalendarDate } from '../common/format/dates';
import { AssociationAccess } from './association-access';
import type { AssociationStatus } from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsService } from './associations.service';
import { boardTermEnd, BoardPosition, checkBoard } from './constitution-rules';
import { ruleProblemsRefusal } from './constitution-steps';
import { ConstitutionRepository } from './constitution.repository';
import type { Association } from './entities/association.entity';

export interface BoardTermInput {
  kind: 'provisional' | 'definitive';
  startsOn: string;
  endsOn?: string;
  seats: { position: BoardPosition; memberId: string; rank?: number; declaredEligible?: boolean }[];
}

export interface BoardTermView {
  id: string;
  kind: 'provisional' | 'definitive';
  startsOn: string;
  endsOn: string;
  /** In office on the commune's today: started and not ended, and the latest started. */
  current: boolean;
  seats: { position: string; rank: number | null; memberId: string; fullName: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Boards are elected by organisations with legal personality (or on their way to it). */
const BOARD_STATUSES: AssociationStatus[] = ['constituted', 'in_force', 'objected', 'board_expired'];
/** A board is recorded once elected: its term starts within this many days. */
const START_HORIZON_DAYS = 90;
const SYSTEM = { id: null, name: 'Quórum (automático)' };

/**
 * Boards (DOM-ORG-5, -8, -9): provisional (60 days) and definitive (3 years) terms with titular seats (the
 * three required posts) and ranked substitutes, checked when recorded; the latest term started is in office;
 * an association whose board term has ended is `board_expired` until a new term is in office.
 */
@Injectable()
export class BoardsService {
  private readonly logger = new Logger('Boards');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, associationId: string, context: AuditContext): Promise<{ items: BoardTermView[] }> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    const today = this.associations.today(await this.associations.municipality(association.communeCode));
    const terms = await this.repo.terms(association.id);
    const currentId = terms.find((t) => t.startsOn <= today)?.id;
    return {
      items: terms.map((t) => ({
        id: t.id,
        kind: t.kind,
        startsOn: t.startsOn,
        endsOn: t.endsOn,
        current: t.id === currentId && t.endsOn >= today,
        seats: t.seats,
      })),
    };
  }

  /** POST /api/v1/associations/:id/board-terms: a board elected (or a provisional one designated), checked (DOM-ORG-8). */
  async record(
    actor: Actor,
    associationId: string,
    input: BoardTermInput,
    context: AuditContext,
  ): Promise<BoardTermView> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    if (!BOARD_STATUSES.includes(association.status)) {
      throw AssociationException.rule('BOARD_STATUS', T.boardStatus());
    }
    const municipality = await this.associations.municipality(association.communeCode);
    const today = this.associations.today(municipality);
    if (input.kind !== 'provisional' && input.kind !== 'definitive')
      throw AssociationException.field('kind', T.boardKind());
    const startsOn = parseCalendarDate(input.startsOn ?? '');
    if (!startsOn) throw AssociationException.field('startsOn', T.fieldDate({ field: 'startsOn' }));
    const longest = boardTermEnd(input.kind, startsOn);
    let endsOn = longest;
    if (input.endsOn !== undefined && input.endsOn !== null && input.endsOn !== '') {
      const given = parseCalendarDate(input.endsOn);
      if (!given) throw AssociationException.field('endsOn', T.fieldDate({ field: 'endsOn' }));
      if (given <= startsOn) throw AssociationException.field('endsOn', T.boardEndsAfterStart());
      // DOM-ORG-5 / -8: a provisional board lasts 60 days and a definitive one 3 years, at most.
      if (given > longest)
        throw AssociationException.rule(
          'BOARD_TERM_TOO_LONG',
          (input.kind === 'provisional' ? T.boardProvisionalTooLong : T.boardDefinitiveTooLong)({
            startsOn: formatDate(startsOn),
            latest: formatDate(longest),
          }),
          'endsOn',
        );
      endsOn = given;
    }
    const horizon = addDays(today, START_HORIZON_DAYS);
    if (startsOn > horizon)
      throw AssociationException.rule(
        'BOARD_TERM_START',
        T.boardTermStart({ days: START_HORIZON_DAYS, horizon: formatDate(horizon) }),
        'startsOn',
      );
    const latest = await this.repo.latestTerm(association.id);
    this.assertAfter(latest, startsOn);
    // DOM-ORG-5: the provisional board is the one the constitutive assembly elects, once; then come definitive boards
    if (input.kind === 'provisional' && latest) {
      throw AssociationException.rule('BOARD_PROVISIONAL_ONCE', T.boardProvisionalOnce(), 'kind');
    }
    const seats = input.seats ?? [];
    if (!Array.isArray(seats) || !seats.length) throw AssociationException.field('seats', T.boardSeatsRequired());
    const errors: FieldError[] = [];
    if (seats.some((s) => !UUID.test(s?.memberId ?? '')))
      throw AssociationException.field('seats', T.boardSeatMemberId());
    const members = new Map(
      (
        await this.repo.rosterMembers(
          association.id,
          seats.map((s) => s.memberId),
        )
      ).map((m) => [m.membershipId, m]),
    );
    for (const seat of seats) {
      const m = members.get(seat.memberId);
      if (!m) errors.push(AssociationException.fieldError('seats', T.memberNotOnRoster({ member: seat.memberId })));
      else if (m.status !== 'active')
        errors.push(AssociationException.fieldError('seats', T.boardMemberNotActive({ name: m.fullName })));
    }
    if (errors.length) throw AssociationException.invalid(errors);
    const firstBoard = !(await this.repo.hasDefinitiveTerm(association.id));
    // DOM-ORG-8: posts, one seat per person, ranked substitutes, 18 or older, declared eligibility, a year of membership (not for the first board).
    const problems = checkBoard(
      seats.map((s) => {
        const m = members.get(s.memberId)!;
        return {
          position: s.position,
          name: m.fullName,
          birthDate: m.birthDate,
          rank: s.position === 'substitute' ? (s.rank ?? null) : null,
          declaredEligible: s.declaredEligible === true,
          joinedOn: m.joinedOn,
        };
      }),
      startsOn,
      { firstBoard },
    );
    if (problems.length) throw ruleProblemsRefusal(problems, () => 'seats');
    const term = await this.dataSource.transaction(async (em) => {
      // one term at a time per association: lock it and check the latest term again
      await em.query(`SELECT id FROM association WHERE id = $1 FOR UPDATE`, [association.id]);
      this.assertAfter(await this.repo.latestTerm(association.id, em), startsOn);
      const created = await this.repo.insertTerm(
        { associationId: association.id, kind: input.kind, startsOn, endsOn, createdBy: actor.id },
        seats.map((s) => ({
          membershipId: s.memberId,
          position: s.position,
          rank: s.position === 'substitute' ? (s.rank ?? null) : null,
          declaredEligible: s.declaredEligible === true,
        })),
        em,
      );
      if (association.status === 'board_expired' && startsOn <= today && endsOn >= today) {
        await this.associations.changeStatus(
          association,
          'in_force',
          actor,
          `Nuevo directorio ${input.kind === 'provisional' ? 'provisorio' : 'definitivo'} en funciones desde el ${formatDate(startsOn)} hasta el ${formatDate(endsOn)} (DOM-ORG-9).`,
          em,
        );
      }
      await this.audit.record(
        context,
        {
          action: 'board.term_recorded',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { termId: created.id, kind: input.kind, startsOn, endsOn, seats: seats.length },
        },
        em,
      );
      return created;
    });
    return (await this.list(actor, association.id, context)).items.find((t) => t.id === term.id) as BoardTermView;
  }

  private assertAfter(latest: { startsOn: string } | null, startsOn: string): void {
    if (latest && startsOn <= latest.startsOn) {
      throw AssociationException.rule(
        'BOARD_TERM_OVERLAP',
        T.boardTermOverlap({ latest: formatDate(latest.startsOn) }),
        'startsOn',
      );
    }
  }

  /**
   * DOM-ORG-9: an association in force whose board's term has ended becomes `board_expired`; one whose new term
   * has started is in force again. Run hourly by the janitor and at start; safe with several instances (each
   * change re-checks the status under a row lock).
   */
  async reconcileStatuses(): Promise<number> {
    const now = this.clock.now();
    let changed = 0;
    for (const row of await this.repo.boardStatusDrift(now)) {
      try {
        const done = await this.dataSource.transaction(async (em) => {
          const [locked] = await em.query(`SELECT status FROM association WHERE id = $1 FOR UPDATE`, [row.id]);
          if (locked?.status !== row.status) return false;
          const association = (await this.associations.reload(row.id, em)) as Association;
          const municipality = await this.associations.municipality(association.communeCode, em);
          const endsOn = row.endsOn as string;
          if (row.status === 'in_force') {
            const what = row.kind === 'provisional' ? 'provisorio' : 'definitivo';
            await this.associations.changeStatus(
              association,
              'board_expired',
              SYSTEM,
              `El período del directorio ${what} terminó el ${formatDate(endsOn)} sin un nuevo directorio en funciones (DOM-ORG-9).`,
              em,
            );
          } else {
            await this.associations.changeStatus(
              association,
              'in_force',
              SYSTEM,
              `Nuevo directorio en funciones desde el ${formatDate(localDate(now, municipality.timeZone))}, hasta el ${formatDate(endsOn)} (DOM-ORG-9).`,
              em,
            );
          }
          return true;
        });
        if (done) changed++;
      } catch (err) {
        this.logger.warn({ err, associationId: row.id }, 'board status not updated');
      }
    }
    return changed;
  }
}
