import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/access/actor';
import type { UsersService } from '../auth/users.service';
import { instantFromLocal, localDate, parseCalendarDate } from '../common/format/dates';
import { formatDocument, maskDocument } from '../common/format/identity';
import type { MunicipalityContext } from '../territory/territory.service';
import { rightsOn } from './association-access';
import { AssociationException } from './associations.exception';
import { associationTexts as T, constitutionStatusText } from './associations.messages';
import type { AssociationsService } from './associations.service';
import {
  BoardPosition,
  checkBoard,
  checkFounderAges,
  checkFoundersPresent,
  correctionDeadline,
  depositDeadline,
  objectionDeadline,
  RuleProblem,
} from './constitution-rules';
import type { ConstitutionRepository, FounderRow } from './constitution.repository';
import type { Association } from './entities/association.entity';
import type { Constitution } from './entities/constitution.entity';

/**
 * What the constitution's services share (issue 16 item 8): the shapes they answer with, the checks of an
 * assembly (DOM-ORG-3, -4, -5) as the recording and the certification run them, the constitution as an actor may
 * see it, and the refusals of a stage, a date or a text with their codes and texts (associations.messages.ts).
 */

export interface AssemblyInput {
  assemblyAt: string;
  place: string;
  faithMinisterUserId?: string;
  founderMemberIds: string[];
  provisionalBoard: { position: BoardPosition; memberId: string; rank?: number; declaredEligible?: boolean }[];
  /** The assembly approved the statutes (default true: an assembly that did not is not a constitution). */
  statutesApproved?: boolean;
}

export interface ConstitutionView {
  associationId: string;
  status: string;
  proposedAt: Date | null;
  proposedPlace: string | null;
  faithMinister: { id: string; name: string } | null;
  assemblyAt: Date | null;
  place: string | null;
  statutesApproved: boolean;
  founders: { memberId: string; fullName: string; document: string }[];
  provisionalBoard: { position: string; rank: number | null; memberId: string; fullName: string }[];
  certifiedAt: Date | null;
  notes: string | null;
  actaDocumentId: string | null;
  certificateDocumentId: string | null;
  /** DOM-ORG-6: the deposit (deadline 30 days after the assembly), the objection and its correction. */
  depositDeadline: string | null;
  depositedOn: string | null;
  objectionDeadline: string | null;
  objectedOn: string | null;
  objectionReasons: string | null;
  correctionDeadline: string | null;
  correctedOn: string | null;
}

export interface CertificationCheck {
  key: string;
  label: string;
  ok: boolean;
  /** Why it fails, with the numbers (empty when it passes). */
  details: string[];
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stage of the constitution applies to these statuses only, and never to a trade association or in the Perú. */
export function assertConstitutionStatus(association: Association, allowed: Association['status'][]): void {
  if (association.kind === 'trade_association')
    throw AssociationException.rule('CONSTITUTION_NOT_APPLICABLE', T.constitutionTradeAssociation());
  if (association.communeCode.startsWith('PE-'))
    throw AssociationException.rule('CONSTITUTION_NOT_APPLICABLE', T.constitutionPeru());
  if (!allowed.includes(association.status))
    throw AssociationException.rule('CONSTITUTION_STATUS', constitutionStatusText(association.status));
}

/**
 * A date and time: local to the commune (`2026-03-16T19:30`) or an ISO instant with its offset
 * (`2026-03-16T22:30:00Z`), both strict (a real calendar date, years 1900 to 2999); anything else is a 400.
 */
export function instantOf(value: string, municipality: MunicipalityContext, field: string): Date {
  const text = typeof value === 'string' ? value.trim() : '';
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i.exec(text);
  let instant: Date | null = null;
  if (iso) {
    if (parseCalendarDate(iso[1]) && Number(iso[2]) <= 23 && Number(iso[3]) <= 59 && Number(iso[4] ?? 0) <= 59)
      instant = new Date(text);
  } else {
    instant = instantFromLocal(text, municipality.timeZone);
  }
  if (!instant || Number.isNaN(instant.getTime()))
    throw AssociationException.field(field, T.fieldDateTime({ field, commune: municipality.communeName }));
  return instant;
}

/** A calendar date (aaaa-mm-dd or dd-mm-aaaa) not after the commune's today (a deposit, objection or correction). */
export function pastDate(
  value: string,
  field: string,
  municipality: MunicipalityContext,
  associations: AssociationsService,
): string {
  const date = parseCalendarDate(value ?? '');
  if (!date) throw AssociationException.field(field, T.fieldDate({ field }));
  if (date > associations.today(municipality)) throw AssociationException.field(field, T.fieldFutureDate({ field }));
  return date;
}

/** A required text, trimmed, at most `max` characters. */
export function requiredText(value: string, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw AssociationException.field(field, T.fieldRequired({ field }));
  if (text.length > max) throw AssociationException.field(field, T.fieldMaxLength({ field, max }));
  return text;
}

/** The rule problems of an assembly (DOM-ORG-3, -4, -5), the same at recording and at certification. */
export function assemblyProblems(
  association: Association,
  municipality: MunicipalityContext,
  founders: FounderRow[],
  board: AssemblyInput['provisionalBoard'],
  members: Map<string, FounderRow>,
  assemblyDate: string,
): RuleProblem[] {
  const out: RuleProblem[] = [];
  const present = checkFoundersPresent(
    association.kind,
    association.area,
    municipality.population,
    municipality.settings,
    founders.length,
  );
  if (present) out.push(present);
  out.push(
    ...checkFounderAges(
      association.kind,
      founders.map((f) => ({ name: f.fullName, birthDate: f.birthDate, guardianConsent: f.guardianConsent })),
      assemblyDate,
      municipality.settings,
    ),
  );
  out.push(
    ...checkBoard(
      board.map((s) => ({
        position: s.position,
        name: members.get(s.memberId)?.fullName ?? s.memberId,
        birthDate: members.get(s.memberId)?.birthDate ?? null,
        rank: s.rank ?? null,
        declaredEligible: s.declaredEligible === true,
      })),
      assemblyDate,
      { firstBoard: true },
    ),
  );
  return out;
}

/** Rule problems as one 422: the first one's code, every message, each on the field `fieldOf` names. */
export function ruleProblemsRefusal(
  problems: RuleProblem[],
  fieldOf: (problem: RuleProblem) => string,
): AssociationException {
  const text = (p: RuleProblem) => p.text ?? { es: p.message, en: p.message };
  return new AssociationException(
    problems[0].code,
    { es: problems.map((p) => text(p).es).join(' '), en: problems.map((p) => text(p).en).join(' ') },
    422,
    problems.map((p) => AssociationException.fieldError(fieldOf(p), text(p))),
  );
}

/** The rule problems as one 422 naming founderMemberIds or provisionalBoard, with the figures. */
export function assertAssemblyRules(problems: RuleProblem[]): void {
  if (!problems.length) return;
  throw ruleProblemsRefusal(problems, (p) =>
    p.code.startsWith('FOUNDER') || p.code.startsWith('MEMBER') || p.code.startsWith('GUARDIAN')
      ? 'founderMemberIds'
      : 'provisionalBoard',
  );
}

/** A faith minister of the association's commune, or a refusal naming faithMinisterUserId. */
export async function faithMinisterOf(
  users: UsersService,
  association: Association,
  userId: string,
): Promise<{ id: string; name: string }> {
  const minister = await users.roleHolder(userId, 'faith_minister', association.communeCode);
  if (!minister)
    throw AssociationException.rule(
      'FAITH_MINISTER_NOT_IN_COMMUNE',
      T.faithMinisterNotInCommune(),
      'faithMinisterUserId',
    );
  return minister;
}

/** Who sees the founders' identity numbers: those who see them on the roster, and the assigned faith minister. */
export function seesFounderIdentities(rights: { seeIdentity: boolean }, c: Constitution | null, actor: Actor): boolean {
  return rights.seeIdentity || (!!c?.faithMinisterUserId && c.faithMinisterUserId === actor.id);
}

/**
 * The constitution as `actor` may see it: identity numbers of the founders in full for those who see them
 * on the roster and for the assigned faith minister (who checks them at the assembly), masked otherwise (DOM-DATA-1).
 */
export async function constitutionView(
  repo: ConstitutionRepository,
  associations: AssociationsService,
  users: UsersService,
  association: Association,
  actor: Actor,
  em?: EntityManager,
  knownTimeZone?: string,
): Promise<ConstitutionView> {
  const c = await repo.find(association.id, em);
  const full = seesFounderIdentities(rightsOn(actor, association), c, actor);
  const timeZone = knownTimeZone ?? (await associations.municipality(association.communeCode, em)).timeZone;
  const founders = c ? await repo.founders(c.id, em) : [];
  const term = await repo.currentTerm(association.id, '9999-12-31', em);
  const seats = term && term.kind === 'provisional' ? await repo.seats(term.id, em) : [];
  const minister = c?.faithMinisterUserId
    ? await users.roleHolder(c.faithMinisterUserId, 'faith_minister', association.communeCode)
    : null;
  return {
    associationId: association.id,
    status: association.status,
    proposedAt: c?.proposedAt ?? null,
    proposedPlace: c?.proposedPlace ?? null,
    faithMinister: minister,
    assemblyAt: c?.assemblyAt ?? null,
    place: c?.place ?? null,
    statutesApproved: c?.statutesApproved ?? false,
    founders: founders.map((f) => ({
      memberId: f.membershipId,
      fullName: f.fullName,
      document: f.documentNumber
        ? full
          ? formatDocument(f.documentType, f.documentNumber)
          : maskDocument(f.documentType, f.documentNumber)
        : '',
    })),
    provisionalBoard: seats.map((s) => ({
      position: s.position,
      rank: s.rank,
      memberId: s.membershipId,
      fullName: s.fullName,
    })),
    certifiedAt: c?.certifiedAt ?? null,
    notes: c?.notes ?? null,
    actaDocumentId: c?.actaDocumentId ?? null,
    certificateDocumentId: c?.certificateDocumentId ?? null,
    depositDeadline: c?.assemblyAt ? depositDeadline(localDate(c.assemblyAt, timeZone)) : null,
    depositedOn: c?.depositedOn ?? null,
    objectionDeadline: c?.depositedOn ? objectionDeadline(c.depositedOn) : null,
    objectedOn: c?.objectedOn ?? null,
    objectionReasons: c?.objectionReasons ?? null,
    correctionDeadline: c?.objectedOn ? correctionDeadline(c.objectedOn) : null,
    correctedOn: c?.correctedOn ?? null,
  };
}
