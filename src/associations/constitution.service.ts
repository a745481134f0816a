import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { UsersService } from '../auth/users.service';
import { Clock } from '../common/clock';
import {
  daysBetween,
  formatDate,
  formatTime,
  instantFromLocal,
  localDate,
  parseCalendarDate,
} from '../common/format/dates';
import { formatDocument, maskDocument } from '../common/format/identity';
import { translate } from '../common/i18n/i18n';
import { DocumentStore } from '../documents/document-store.service';
import { PdfRenderer } from '../documents/pdf-renderer';
import type { MunicipalityContext } from '../territory/territory.service';
import { AssociationAccess, rightsOn } from './association-access';
import { AssociationException } from './associations.exception';
import { AssociationsService } from './associations.service';
import {
  boardTermEnd,
  BoardPosition,
  checkBoard,
  checkFounderAges,
  checkFoundersPresent,
  correctionDeadline,
  depositDeadline,
  objectionDeadline,
  RuleProblem,
} from './constitution-rules';
import { AssignmentRow, ConstitutionRepository, FounderRow, SeatRow } from './constitution.repository';
import { foundersMinimum } from './association-rules';
import type { Association } from './entities/association.entity';
import type { Constitution } from './entities/constitution.entity';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POSITION_ES: Record<string, string> = {
  president: 'Presidente/a',
  secretary: 'Secretario/a',
  treasurer: 'Tesorero/a',
  director: 'Director/a',
  substitute: 'Suplente',
};

/**
 * The constitution of an organisation before the faith minister (DOM-ORG-1 to -7): request, assignment, the
 * constitutive assembly as held (checked: DOM-ORG-3, -4, -5), and the certification that issues the acta
 * constitutiva and the certificate through the document store (checked again).
 */
@Injectable()
export class ConstitutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly users: UsersService,
    private readonly documents: DocumentStore,
    private readonly pdf: PdfRenderer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The officers ask the municipality for a faith minister, proposing a date, time and place. */
  async request(
    actor: Actor,
    associationId: string,
    input: { proposedAt: string; place: string },
    context: AuditContext,
  ): Promise<ConstitutionView> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    this.assertStatus(association, ['in_formation']);
    const municipality = await this.associations.municipality(association.communeCode);
    const proposedAt = this.instant(input.proposedAt, municipality, 'proposedAt');
    const place = this.text(input.place, 'place', 300);
    await this.dataSource.transaction(async (em) => {
      const constitution = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      await this.repo.update(
        constitution.id,
        { proposedAt, proposedPlace: place, requestedAt: this.clock.now(), requestedBy: actor.id },
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.requested',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
        },
        em,
      );
    });
    return this.view(association, actor);
  }

  /** DOM-ORG-2: a municipal officer assigns one of the commune's faith ministers. */
  async assignFaithMinister(
    actor: Actor,
    associationId: string,
    faithMinisterUserId: string,
    context: AuditContext,
  ): Promise<ConstitutionView> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    this.assertStatus(association, ['in_formation', 'pending_certification']);
    const minister = await this.faithMinisterOf(association, faithMinisterUserId);
    await this.dataSource.transaction(async (em) => {
      const constitution = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      await this.repo.update(constitution.id, { faithMinisterUserId: minister.id, assignedAt: this.clock.now() }, em);
      await this.audit.record(
        context,
        {
          action: 'constitution.faith_minister_assigned',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { faithMinisterUserId: minister.id },
        },
        em,
      );
    });
    // read after the commit (on the embedded database a second connection would wait for this one)
    return this.view(association, actor);
  }

  /**
   * The constitutive assembly as held: founders present, statutes approved, provisional board. Checked
   * against DOM-ORG-3 (founders), -4 (ages) and -5 (board); on success the association is
   * `pending_certification` and the provisional board's 60 days start on the assembly date.
   */
  async recordAssembly(
    actor: Actor,
    associationId: string,
    input: AssemblyInput,
    context: AuditContext,
  ): Promise<ConstitutionView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    this.assertStatus(association, ['in_formation', 'pending_certification', 'constituted']);
    const municipality = await this.associations.municipality(association.communeCode);
    if (association.status === 'constituted') {
      // DOM-ORG-6: an acta not deposited within 30 days lapses; the organisation holds a new assembly
      const previous = (await this.repo.find(association.id)) as Constitution;
      const deadline = depositDeadline(localDate(previous.assemblyAt as Date, municipality.timeZone));
      if (this.associations.today(municipality) <= deadline) {
        throw AssociationException.rule(
          'CONSTITUTION_STATUS',
          `La constitución ya está certificada: deposite el acta en la Secretaría Municipal a más tardar el ${formatDate(deadline)}. Solo si ese plazo vence sin depósito se registra una nueva asamblea.`,
        );
      }
    }
    const assemblyAt = this.instant(input.assemblyAt, municipality, 'assemblyAt');
    if (assemblyAt > this.clock.now())
      throw AssociationException.field(
        'assemblyAt',
        'La asamblea constitutiva se registra una vez realizada: la fecha (assemblyAt) no puede ser futura.',
      );
    const place = this.text(input.place, 'place', 300);
    if (input.statutesApproved === false)
      throw AssociationException.rule(
        'STATUTES_NOT_APPROVED',
        'Sin la aprobación de los estatutos no hay constitución: la asamblea debe aprobarlos (statutesApproved).',
        'statutesApproved',
      );
    const assemblyDate = localDate(assemblyAt, municipality.timeZone);
    let minister: { id: string; name: string } | null = null;
    if (input.faithMinisterUserId) {
      if (!rights.municipal) throw AssociationException.forbidden('El ministro de fe lo asigna la municipalidad.');
      minister = await this.faithMinisterOf(association, input.faithMinisterUserId);
    }
    const founderIds = [...new Set(input.founderMemberIds ?? [])];
    const boardIds = (input.provisionalBoard ?? []).map((s) => s.memberId);
    const all = [...new Set([...founderIds, ...boardIds])];
    if (all.some((id) => !UUID.test(id)))
      throw AssociationException.field('founderMemberIds', 'Los socios se indican por su id de membresía (memberId).');
    const members = new Map((await this.repo.rosterMembers(association.id, all)).map((m) => [m.membershipId, m]));
    const errors: { field: string; message: string }[] = [];
    for (const id of all) {
      const m = members.get(id);
      if (!m)
        errors.push({
          field: founderIds.includes(id) ? 'founderMemberIds' : 'provisionalBoard',
          message: `El socio ${id} no está en el registro de socios de esta organización.`,
        });
      else if (m.status !== 'active')
        errors.push({ field: 'founderMemberIds', message: `${m.fullName} no es socio activo.` });
    }
    for (const id of boardIds)
      if (!founderIds.includes(id))
        errors.push({
          field: 'provisionalBoard',
          message: `${members.get(id)?.fullName ?? id} integra el directorio provisorio pero no figura entre los fundadores presentes.`,
        });
    if (errors.length) throw AssociationException.invalid(errors);
    this.assertRules(
      this.problems(
        association,
        municipality,
        founderIds.map((id) => members.get(id) as FounderRow),
        input.provisionalBoard,
        members,
        assemblyDate,
      ),
    );
    await this.dataSource.transaction(async (em) => {
      const constitution = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      if (constitution.certifiedAt && association.status !== 'constituted')
        throw AssociationException.conflict(
          'ALREADY_CERTIFIED',
          'El ministro de fe ya certificó esta constitución: la asamblea no se puede cambiar.',
        );
      if (constitution.certifiedAt) {
        // the lapsed acta and certificate stay verifiable, marked revoked with the reason
        const reason =
          'El acta no se depositó dentro de 30 días desde la asamblea (DOM-ORG-6): se realizó una nueva asamblea constitutiva.';
        for (const id of [constitution.actaDocumentId, constitution.certificateDocumentId])
          if (id) await this.documents.revoke(id, reason, em);
        await this.repo.update(
          constitution.id,
          { certifiedAt: null, certifiedBy: null, notes: null, actaDocumentId: null, certificateDocumentId: null },
          em,
        );
      }
      await this.repo.update(
        constitution.id,
        {
          assemblyAt,
          place,
          statutesApproved: true,
          recordedAt: this.clock.now(),
          recordedBy: actor.id,
          ...(minister ? { faithMinisterUserId: minister.id, assignedAt: this.clock.now() } : {}),
        },
        em,
      );
      await this.repo.replaceFounders(constitution.id, founderIds, em);
      await this.repo.deleteProvisionalTerms(association.id, em);
      await this.repo.insertTerm(
        {
          associationId: association.id,
          kind: 'provisional',
          startsOn: assemblyDate,
          endsOn: boardTermEnd('provisional', assemblyDate),
          createdBy: actor.id,
        },
        input.provisionalBoard.map((s) => ({
          membershipId: s.memberId,
          position: s.position,
          rank: s.position === 'substitute' ? (s.rank ?? null) : null,
          declaredEligible: s.declaredEligible === true,
        })),
        em,
      );
      if (association.status !== 'pending_certification') {
        await this.associations.changeStatus(
          association,
          'pending_certification',
          actor,
          `${association.status === 'constituted' ? 'Nueva asamblea: el acta anterior no se depositó dentro de 30 días. ' : ''}Asamblea constitutiva realizada el ${formatDate(assemblyAt, municipality.timeZone)} con ${founderIds.length} socios fundadores; pendiente de certificación del ministro de fe.`,
          em,
        );
      }
      await this.audit.record(
        context,
        {
          action: 'constitution.assembly_recorded',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { founders: founderIds.length },
        },
        em,
      );
    });
    return this.view((await this.associations.reload(association.id)) as Association, actor);
  }

  /** The rule problems of an assembly (DOM-ORG-3, -4, -5), the same at recording and at certification. */
  private problems(
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

  private assertRules(problems: RuleProblem[]): void {
    if (!problems.length) return;
    throw new AssociationException(
      problems[0].code,
      problems.map((p) => p.message).join(' '),
      422,
      problems.map((p) => ({
        field:
          p.code.startsWith('FOUNDER') || p.code.startsWith('MEMBER') || p.code.startsWith('GUARDIAN')
            ? 'founderMemberIds'
            : 'provisionalBoard',
        message: p.message,
      })),
    );
  }

  /**
   * DOM-ORG-2, -7: the assigned faith minister certifies. The checks run again on the stored assembly; the acta
   * constitutiva and the certificate are issued with verification codes; the association is `constituted`.
   */
  async certify(
    actor: Actor,
    associationId: string,
    input: { notes?: string },
    context: AuditContext,
  ): Promise<{ certifiedAt: Date; verificationCode: string; actaVerificationCode: string }> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    const constitution = await this.repo.find(association.id);
    if (
      !constitution?.faithMinisterUserId ||
      constitution.faithMinisterUserId !== actor.id ||
      !(await this.users.roleHolder(actor.id, 'faith_minister', association.communeCode))
    ) {
      throw new AssociationException(
        'NOT_ASSIGNED_FAITH_MINISTER',
        'Solo el ministro de fe asignado a esta constitución, de la comuna, puede certificarla.',
        403,
      );
    }
    this.assertStatus(association, ['pending_certification']);
    const municipality = await this.associations.municipality(association.communeCode);
    const notes = input.notes?.trim() || null;
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      // under the lock: an assembly recorded again meanwhile is what gets checked and printed
      const locked = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      if (locked.certifiedAt)
        throw AssociationException.conflict('ALREADY_CERTIFIED', 'Esta constitución ya fue certificada.');
      const founders = await this.repo.founders(locked.id, em);
      const term = await this.repo.currentTerm(association.id, '9999-12-31', em);
      const seats = term ? await this.repo.seats(term.id, em) : [];
      const members = new Map(founders.map((f) => [f.membershipId, f]));
      const board = seats.map((s) => ({
        position: s.position as BoardPosition,
        memberId: s.membershipId,
        rank: s.rank ?? undefined,
        declaredEligible: true,
      }));
      // DOM-ORG-3..5 again: the roster may have changed since the assembly was recorded (the same checks as the page)
      const inactive = founders
        .filter((f) => f.status !== 'active')
        .map((f) => ({
          code: 'FOUNDER_NOT_ACTIVE',
          message: `${f.fullName} figura como fundador pero ya no es socio activo: registre la asamblea otra vez.`,
        }));
      this.assertRules([
        ...inactive,
        ...this.problems(
          association,
          municipality,
          founders,
          board,
          members,
          localDate(locked.assemblyAt as Date, municipality.timeZone),
        ),
      ]);
      const content = this.actaContent(association, municipality, locked, founders, seats, actor.name, notes);
      const acta = await this.documents.issue(
        {
          kind: 'constitution_acta',
          ownerType: 'association',
          ownerId: association.id,
          communeCode: association.communeCode,
          subject: `Acta constitutiva de ${association.name}`,
          filename: 'acta-constitutiva.pdf',
          timeZone: municipality.timeZone,
          render: (verification) => this.pdf.render({ ...content.acta, verification, createdAt: now }),
        },
        em,
      );
      const certificate = await this.documents.issue(
        {
          kind: 'constitution_certificate',
          ownerType: 'association',
          ownerId: association.id,
          communeCode: association.communeCode,
          subject: `Certificado de constitución de ${association.name}`,
          filename: 'certificado-constitucion.pdf',
          timeZone: municipality.timeZone,
          render: (verification) => this.pdf.render({ ...content.certificate, verification, createdAt: now }),
        },
        em,
      );
      await this.repo.update(
        locked.id,
        {
          certifiedAt: now,
          certifiedBy: actor.id,
          notes,
          actaDocumentId: acta.id,
          certificateDocumentId: certificate.id,
        },
        em,
      );
      await this.associations.changeStatus(
        association,
        'constituted',
        actor,
        `Constitución certificada por el ministro de fe ${actor.name}.`,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.certified',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { acta: acta.verificationCode, certificate: certificate.verificationCode },
        },
        em,
      );
      return {
        certifiedAt: now,
        verificationCode: certificate.verificationCode,
        actaVerificationCode: acta.verificationCode,
      };
    });
  }

  /**
   * DOM-ORG-6: the acta constitutiva deposited at the Secretaría Municipal within 30 calendar days of the
   * assembly gives legal personality: the association is `in_force`, and the municipality may object within 30 days.
   */
  async deposit(
    actor: Actor,
    associationId: string,
    input: { depositedOn: string },
    context: AuditContext,
  ): Promise<{ status: 'in_force'; depositedOn: string; objectionDeadline: string }> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    this.assertStatus(association, ['constituted']);
    const municipality = await this.associations.municipality(association.communeCode);
    const constitution = (await this.repo.find(association.id)) as Constitution;
    const assemblyDate = localDate(constitution.assemblyAt as Date, municipality.timeZone);
    const depositedOn = this.date(input.depositedOn, 'depositedOn', municipality);
    if (depositedOn < assemblyDate)
      throw AssociationException.field(
        'depositedOn',
        `El depósito (depositedOn) no puede ser anterior a la asamblea del ${formatDate(assemblyDate)}.`,
      );
    const deadline = depositDeadline(assemblyDate);
    if (depositedOn > deadline) {
      throw AssociationException.rule(
        'DEPOSIT_WINDOW_CLOSED',
        `El acta debía depositarse dentro de los 30 días siguientes a la asamblea del ${formatDate(assemblyDate)}, a más tardar el ${formatDate(deadline)}; el depósito del ${formatDate(depositedOn)} está ${daysBetween(deadline, depositedOn)} días fuera de plazo.`,
        'depositedOn',
      );
    }
    await this.dataSource.transaction(async (em) => {
      await this.repo.update(constitution.id, { depositedOn }, em);
      await this.associations.changeStatus(
        association,
        'in_force',
        actor,
        `Acta constitutiva depositada en la Secretaría Municipal el ${formatDate(depositedOn)}: personalidad jurídica desde esa fecha (DOM-ORG-6).`,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.deposited',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { depositedOn },
        },
        em,
      );
    });
    return { status: 'in_force', depositedOn, objectionDeadline: objectionDeadline(depositedOn) };
  }

  /** DOM-ORG-6: the municipality objects within 30 days of the deposit; the organisation has 90 days to correct. */
  async object(
    actor: Actor,
    associationId: string,
    input: { objectedOn: string; reasons: string },
    context: AuditContext,
  ): Promise<{ status: 'objected'; objectedOn: string; correctionDeadline: string }> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    this.assertStatus(association, ['in_force']);
    const municipality = await this.associations.municipality(association.communeCode);
    const constitution = await this.repo.find(association.id);
    if (!constitution?.depositedOn)
      throw AssociationException.rule(
        'NOT_DEPOSITED',
        'Esta organización no tiene un acta constitutiva depositada en el portal: no hay depósito que objetar.',
      );
    const objectedOn = this.date(input.objectedOn, 'objectedOn', municipality);
    const reasons = this.text(input.reasons, 'reasons', 10_000);
    if (objectedOn < constitution.depositedOn)
      throw AssociationException.field(
        'objectedOn',
        `La objeción (objectedOn) no puede ser anterior al depósito del ${formatDate(constitution.depositedOn)}.`,
      );
    const deadline = objectionDeadline(constitution.depositedOn);
    if (objectedOn > deadline)
      throw AssociationException.rule(
        'OBJECTION_WINDOW_CLOSED',
        `La municipalidad podía objetar hasta el ${formatDate(deadline)}, 30 días después del depósito del ${formatDate(constitution.depositedOn)}.`,
        'objectedOn',
      );
    await this.dataSource.transaction(async (em) => {
      await this.repo.update(constitution.id, { objectedOn, objectionReasons: reasons }, em);
      await this.associations.changeStatus(
        association,
        'objected',
        actor,
        `Objeción de la municipalidad del ${formatDate(objectedOn)}: ${reasons.slice(0, 500)}`,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.objected',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { objectedOn },
        },
        em,
      );
    });
    return { status: 'objected', objectedOn, correctionDeadline: correctionDeadline(objectedOn) };
  }

  /** DOM-ORG-6: the organisation corrected what the municipality objected, within 90 days: in force again. */
  async correct(
    actor: Actor,
    associationId: string,
    input: { correctedOn: string; notes: string },
    context: AuditContext,
  ): Promise<{ status: 'in_force'; correctedOn: string }> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    this.assertStatus(association, ['objected']);
    const municipality = await this.associations.municipality(association.communeCode);
    const constitution = (await this.repo.find(association.id)) as Constitution;
    const correctedOn = this.date(input.correctedOn, 'correctedOn', municipality);
    const notes = this.text(input.notes, 'notes', 10_000);
    const objectedOn = constitution.objectedOn as string;
    if (correctedOn < objectedOn)
      throw AssociationException.field(
        'correctedOn',
        `La subsanación (correctedOn) no puede ser anterior a la objeción del ${formatDate(objectedOn)}.`,
      );
    const deadline = correctionDeadline(objectedOn);
    if (correctedOn > deadline)
      throw AssociationException.rule(
        'CORRECTION_WINDOW_CLOSED',
        `El plazo para subsanar venció el ${formatDate(deadline)}, 90 días después de la objeción del ${formatDate(objectedOn)}.`,
        'correctedOn',
      );
    await this.dataSource.transaction(async (em) => {
      await this.repo.update(constitution.id, { correctedOn, correctionNotes: notes }, em);
      await this.associations.changeStatus(
        association,
        'in_force',
        actor,
        `Observaciones subsanadas el ${formatDate(correctedOn)}: ${notes.slice(0, 500)}`,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'constitution.corrected',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { correctedOn },
        },
        em,
      );
    });
    return { status: 'in_force', correctedOn };
  }

  /** DOM-ORG-7: what the acta constitutiva and the certificate say. */
  private actaContent(
    association: Association,
    municipality: MunicipalityContext,
    c: Constitution,
    founders: FounderRow[],
    seats: SeatRow[],
    ministerName: string,
    notes: string | null,
  ) {
    const when = c.assemblyAt as Date;
    const date = formatDate(when, municipality.timeZone);
    const time = formatTime(when, municipality.timeZone);
    const kind = translate('es', `kinds.${association.kind}`);
    const organisation = { name: `Municipalidad de ${municipality.communeName}`, detail: 'Secretaría Municipal' };
    const boardRows = seats.map((s) => [POSITION_ES[s.position] + (s.rank ? ` ${s.rank}` : ''), s.fullName]);
    return {
      acta: {
        organisation,
        title: `Acta constitutiva de ${association.name}`,
        subtitle: kind,
        blocks: [
          {
            type: 'keyValues' as const,
            rows: [
              ['Organización', association.name],
              ['Tipo', kind],
              ['Fecha', date],
              ['Hora', time],
              ['Lugar', c.place ?? ''],
              ['Ministro de fe', ministerName],
            ] as [string, string][],
          },
          {
            type: 'paragraph' as const,
            text: `En ${c.place}, el ${date} a las ${time} horas, ante el ministro de fe ${ministerName}, se reunieron en asamblea constitutiva los ${founders.length} socios fundadores que se individualizan y firman más abajo, con el objeto de constituir la ${kind.toLowerCase()} "${association.name}", de la comuna de ${municipality.communeName}.`,
          },
          { type: 'heading' as const, text: 'Aprobación de los estatutos' },
          {
            type: 'paragraph' as const,
            text: 'La asamblea aprobó los estatutos de la organización, cuyo texto se adjunta a esta acta.',
          },
          { type: 'heading' as const, text: 'Directorio provisorio' },
          {
            type: 'table' as const,
            columns: [
              { header: 'Cargo', width: 2 },
              { header: 'Nombre', width: 5 },
            ],
            rows: boardRows,
          },
          { type: 'heading' as const, text: 'Socios fundadores' },
          {
            type: 'table' as const,
            columns: [
              { header: 'N.º', width: 1, align: 'right' as const },
              { header: 'Nombre', width: 5 },
              { header: 'RUT / DNI', width: 3 },
              { header: 'Firma', width: 4 },
            ],
            rows: founders.map((f, i) => [
              String(i + 1),
              f.fullName,
              f.documentNumber ? formatDocument(f.documentType, f.documentNumber) : '',
              '',
            ]),
          },
          ...(notes ? [{ type: 'paragraph' as const, text: `Observaciones del ministro de fe: ${notes}` }] : []),
          {
            type: 'signatures' as const,
            signers: [
              {
                name: seats.find((s) => s.position === 'president')?.fullName ?? '',
                role: 'Presidente/a provisorio/a',
              },
              { name: ministerName, role: 'Ministro de fe' },
            ],
          },
        ],
      },
      certificate: {
        organisation,
        title: `Certificado de constitución de ${association.name}`,
        blocks: [
          {
            type: 'paragraph' as const,
            text: `${ministerName}, ministro de fe de la Municipalidad de ${municipality.communeName}, certifica que el ${date} a las ${time} horas, en ${c.place}, se celebró ante él la asamblea constitutiva de la ${kind.toLowerCase()} "${association.name}", con la asistencia de ${founders.length} socios fundadores, en la que se aprobaron sus estatutos y se eligió el siguiente directorio provisorio:`,
          },
          {
            type: 'table' as const,
            columns: [
              { header: 'Cargo', width: 2 },
              { header: 'Nombre', width: 5 },
            ],
            rows: boardRows,
          },
          {
            type: 'paragraph' as const,
            text: 'La organización obtiene personalidad jurídica con el depósito del acta constitutiva en la Secretaría Municipal, dentro de los 30 días siguientes a la asamblea.',
          },
          { type: 'signatures' as const, signers: [{ name: ministerName, role: 'Ministro de fe' }] },
        ],
      },
    };
  }

  /** The faith minister's dashboard: the assemblies assigned to them, pending first, soonest first. */
  async assignments(actor: Actor): Promise<{ items: AssignmentRow[] }> {
    const communes = actor.roles
      .filter((r) => r.role === 'faith_minister' && r.scopeId)
      .map((r) => r.scopeId as string);
    return { items: communes.length ? await this.repo.assignedTo(actor.id, communes) : [] };
  }

  /**
   * The certification page: every check of DOM-ORG-3, -4 and -5 on the recorded assembly, with its result and
   * the numbers, and whether the actor (the assigned faith minister) may certify now.
   */
  async certificationChecks(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<{
    constitution: ConstitutionView;
    checks: CertificationCheck[];
    isAssigned: boolean;
    canCertify: boolean;
  }> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    const constitution = await this.view(association, actor);
    const c = await this.repo.find(association.id);
    if (!c?.assemblyAt) return { constitution, checks: [], isAssigned: false, canCertify: false };
    const municipality = await this.associations.municipality(association.communeCode);
    const founders = await this.repo.founders(c.id);
    const term = await this.repo.currentTerm(association.id, '9999-12-31');
    const seats = term ? await this.repo.seats(term.id) : [];
    const members = new Map(founders.map((f) => [f.membershipId, f]));
    const active = founders.filter((f) => f.status === 'active');
    const problems = this.problems(
      association,
      municipality,
      active,
      seats.map((s) => ({
        position: s.position as BoardPosition,
        memberId: s.membershipId,
        rank: s.rank ?? undefined,
        declaredEligible: true,
      })),
      members,
      localDate(c.assemblyAt, municipality.timeZone),
    );
    const minimum = foundersMinimum(association.kind, association.area, municipality.population, municipality.settings);
    const of = (codes: string[]) => problems.filter((p) => codes.includes(p.code)).map((p) => p.message);
    const inactive = founders.filter((f) => f.status !== 'active').map((f) => `${f.fullName} ya no es socio activo.`);
    const checks: CertificationCheck[] = [
      {
        key: 'founders',
        label: `Socios fundadores presentes: ${active.length} (mínimo ${minimum}, DOM-ORG-3)`,
        details: [...of(['FOUNDERS_BELOW_MINIMUM']), ...inactive],
      },
      {
        key: 'ages',
        label: 'Edad de los fundadores y consentimiento de apoderados (DOM-ORG-4)',
        details: of(['MEMBER_TOO_YOUNG', 'GUARDIAN_CONSENT_REQUIRED', 'MEMBER_BIRTH_DATE_MISSING']),
      },
      {
        key: 'posts',
        label: 'Directorio provisorio con presidente, secretario y tesorero (DOM-ORG-5)',
        details: of([
          'BOARD_POST_MISSING',
          'BOARD_POST_DUPLICATED',
          'BOARD_MEMBER_REPEATED',
          'BOARD_TOO_MANY_SUBSTITUTES',
          'BOARD_SUBSTITUTE_RANKS',
        ]),
      },
      {
        key: 'board',
        label: 'Integrantes del directorio: 18 años o más y declaración de elegibilidad (DOM-ORG-5)',
        details: of(['BOARD_MEMBER_INELIGIBLE']),
      },
      {
        key: 'statutes',
        label: 'Estatutos aprobados por la asamblea',
        details: c.statutesApproved ? [] : ['La asamblea no registró la aprobación de los estatutos.'],
      },
    ].map((x) => ({ ...x, ok: x.details.length === 0 }));
    const isAssigned =
      c.faithMinisterUserId === actor.id &&
      !!(await this.users.roleHolder(actor.id, 'faith_minister', association.communeCode));
    return {
      constitution,
      checks,
      isAssigned,
      canCertify: isAssigned && association.status === 'pending_certification' && checks.every((x) => x.ok),
    };
  }

  /** The active members, for the founders and board forms (officers and the municipality). */
  async formMembers(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<{ association: Association; members: { id: string; fullName: string }[] }> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    return {
      association,
      members: (await this.repo.activeMembers(association.id)).map((m) => ({ id: m.id, fullName: m.fullName })),
    };
  }

  /** The faith ministers of the association's commune (for the municipality's assignment). */
  async ministersFor(association: { communeCode: string }): Promise<{ id: string; name: string }[]> {
    return (await this.users.holdersOf('commune', association.communeCode))
      .filter((h) => h.role === 'faith_minister' && !h.disabled)
      .map((h) => ({ id: h.id, name: h.name }));
  }

  async get(actor: Actor, associationId: string, context: AuditContext): Promise<ConstitutionView> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    return this.view(association, actor);
  }

  /** An issued PDF of the constitution (acta or certificate): for those who read the association. */
  async document(
    actor: Actor,
    associationId: string,
    which: 'acta' | 'certificate',
    context: AuditContext,
  ): Promise<{ filename: string; content: Buffer }> {
    const { association, rights } = await this.access.load(actor, associationId, 'read', context);
    const c = await this.repo.find(association.id);
    // DOM-DATA-1: the acta lists every founder's RUT; the certificate names none
    if (which === 'acta' && !this.seesFounderIdentities(rights, c, actor)) {
      throw AssociationException.forbidden(
        'El acta constitutiva lleva el RUT de cada fundador: la descargan la directiva, la municipalidad y el ministro de fe que la certificó. El certificado está disponible para todos.',
      );
    }
    const id = which === 'acta' ? c?.actaDocumentId : c?.certificateDocumentId;
    if (!id) throw AssociationException.notFound();
    const doc = await this.documents.content(id);
    if (!doc) throw AssociationException.notFound();
    return {
      filename: which === 'acta' ? 'acta-constitutiva.pdf' : 'certificado-constitucion.pdf',
      content: doc.content,
    };
  }

  /**
   * The constitution as `actor` may see it: identity numbers of the founders in full for those who see them
   * on the roster and for the assigned faith minister (who checks them at the assembly), masked otherwise (DOM-DATA-1).
   */
  private async view(association: Association, actor: Actor, em?: EntityManager): Promise<ConstitutionView> {
    const c = await this.repo.find(association.id, em);
    const full = this.seesFounderIdentities(rightsOn(actor, association), c, actor);
    const { timeZone } = await this.associations.municipality(association.communeCode, em);
    const founders = c ? await this.repo.founders(c.id, em) : [];
    const term = await this.repo.currentTerm(association.id, '9999-12-31', em);
    const seats = term && term.kind === 'provisional' ? await this.repo.seats(term.id, em) : [];
    const minister = c?.faithMinisterUserId
      ? await this.users.roleHolder(c.faithMinisterUserId, 'faith_minister', association.communeCode)
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

  /** Who sees the founders' identity numbers: those who see them on the roster, and the assigned faith minister. */
  private seesFounderIdentities(rights: { seeIdentity: boolean }, c: Constitution | null, actor: Actor): boolean {
    return rights.seeIdentity || (!!c?.faithMinisterUserId && c.faithMinisterUserId === actor.id);
  }

  private async faithMinisterOf(association: Association, userId: string): Promise<{ id: string; name: string }> {
    const minister = await this.users.roleHolder(userId, 'faith_minister', association.communeCode);
    if (!minister)
      throw AssociationException.rule(
        'FAITH_MINISTER_NOT_IN_COMMUNE',
        'La persona indicada no es ministro de fe de la comuna de la organización.',
        'faithMinisterUserId',
      );
    return minister;
  }

  private assertStatus(association: Association, allowed: Association['status'][]): void {
    if (association.kind === 'trade_association')
      throw AssociationException.rule(
        'CONSTITUTION_NOT_APPLICABLE',
        'Una asociación gremial se inscribe en el Ministerio de Economía: no se constituye ante la municipalidad (DOM-ORG-13).',
      );
    if (association.communeCode.startsWith('PE-'))
      throw AssociationException.rule(
        'CONSTITUTION_NOT_APPLICABLE',
        'En el Perú la organización se reconoce (DOM-ORG-14): no hay constitución ante un ministro de fe municipal.',
      );
    if (!allowed.includes(association.status)) {
      throw AssociationException.rule(
        'CONSTITUTION_STATUS',
        `La organización está «${translate('es', `associationStatuses.${association.status}`)}»: esta etapa de la constitución no corresponde.`,
      );
    }
  }

  /**
   * A date and time: local to the commune (`2026-03-16T19:30`) or an ISO instant with its offset
   * (`2026-03-16T22:30:00Z`), both strict (a real calendar date, years 1900 to 2999); anything else is a 400.
   */
  private instant(value: string, municipality: MunicipalityContext, field: string): Date {
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
      throw AssociationException.field(
        field,
        `El campo ${field} debe ser una fecha y hora, por ejemplo 2026-03-17T19:00 (hora de ${municipality.communeName}).`,
      );
    return instant;
  }

  private date(value: string, field: string, municipality: MunicipalityContext): string {
    const date = parseCalendarDate(value ?? '');
    if (!date)
      throw AssociationException.field(field, `El campo ${field} debe ser una fecha (aaaa-mm-dd o dd-mm-aaaa).`);
    if (date > this.associations.today(municipality))
      throw AssociationException.field(field, `El campo ${field} no puede ser una fecha futura.`);
    return date;
  }

  private text(value: string, field: string, max: number): string {
    const text = (value ?? '').trim();
    if (!text) throw AssociationException.field(field, `El campo ${field} es obligatorio.`);
    if (text.length > max)
      throw AssociationException.field(field, `El campo ${field} admite como máximo ${max} caracteres.`);
    return text;
  }
}
