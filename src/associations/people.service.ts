import { PersonRegistry } from '../people/person-registry.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Actor, hasRole, isAdmin } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { LocalizedText } from '../common/i18n/messages';
import { documentProblem, formatDocument, parsePersonDocument } from '../common/format/identity';
import { AssociationException } from './associations.exception';
import { associationTexts as T, eachLanguage, PERSON_ACTIONS } from './associations.messages';
import { type MembershipTerms, type PersonParticulars, RosterRepository } from './roster.repository';
import { AssociationsService } from './associations.service';
import { memberEventView } from './associations.view-model';
import type { Person } from '../people/entities/person.entity';

export interface PersonRecord extends PersonParticulars {
  id: string;
  documentType: 'rut' | 'dni';
  rut?: string | null;
  dni?: string | null;
  documentDisplay: string;
  erasedAt: Date | null;
  memberships: (MembershipTerms & {
    id: string;
    associationId: string;
    associationName: string;
    status: string;
    guardianName: string | null;
  })[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One person's data across associations, for the municipality that keeps the registry: correction of identity
 * fields (DOM-ORG-15) and the data subject's rights of access, portability and erasure (DOM-DATA-2), each audited.
 */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: RosterRepository,
    private readonly persons: PersonRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly associations: AssociationsService,
  ) {}

  /** The person if the actor is an admin or a municipal officer of a commune where they have a membership; else 404. */
  private async load(
    actor: Actor,
    personId: string,
    context: AuditContext,
  ): Promise<{ person: Person; memberships: Awaited<ReturnType<RosterRepository['membershipsOfPerson']>> }> {
    const person = UUID.test(personId) ? await this.persons.findById(personId) : null;
    if (!person) throw AssociationException.notFound();
    const memberships = await this.repo.membershipsOfPerson(person.id);
    if (!isAdmin(actor) && !memberships.some((m) => hasRole(actor, 'municipal_officer', m.communeCode))) {
      await this.audit.deniedOutsideScope(
        context,
        actor,
        { objectType: 'person', objectId: person.id },
        this.dataSource.manager,
      );
      throw AssociationException.notFound();
    }
    return { person, memberships };
  }

  private record(
    person: Person,
    memberships: Awaited<ReturnType<RosterRepository['membershipsOfPerson']>>,
    actor: Actor,
  ): PersonRecord {
    // An officer sees the memberships of their own communes; an admin sees all.
    const visible = isAdmin(actor)
      ? memberships
      : memberships.filter((m) => hasRole(actor, 'municipal_officer', m.communeCode));
    return {
      id: person.id,
      documentType: person.documentType,
      [person.documentType]: person.documentNumber,
      documentDisplay: person.documentNumber ? formatDocument(person.documentType, person.documentNumber) : '',
      fullName: person.fullName,
      birthDate: person.birthDate,
      email: person.email,
      phone: person.phone,
      address: person.address,
      gender: person.gender,
      erasedAt: person.erasedAt,
      memberships: visible.map((m) => ({
        id: m.id,
        associationId: m.associationId,
        associationName: m.associationName,
        status: m.status,
        joinedOn: m.joinedOn,
        leftOn: m.leftOn,
        endReason: m.endReason,
        businessName: m.businessName,
        businessCategory: m.businessCategory,
        guardianName: m.guardianName,
      })),
    };
  }

  /**
   * The person's record is shared by every commune where they have organisations: one commune's officer changes
   * it (identity, erasure) only when all of them are theirs; otherwise the platform's administration does.
   */
  private assertAllMine(actor: Actor, memberships: { communeCode: string }[], what: LocalizedText): void {
    if (!isAdmin(actor) && memberships.some((m) => !hasRole(actor, 'municipal_officer', m.communeCode))) {
      throw AssociationException.forbidden(eachLanguage((l) => T.personOtherCommunes({ what: what[l] })));
    }
  }

  async get(actor: Actor, personId: string, context: AuditContext): Promise<PersonRecord> {
    const { person, memberships } = await this.load(actor, personId, context);
    return this.record(person, memberships, actor);
  }

  /** DOM-DATA-2 (access, portability): everything held about the person, as JSON, recorded in the audit log. */
  async exportData(actor: Actor, personId: string, context: AuditContext): Promise<Record<string, unknown>> {
    const { person, memberships } = await this.load(actor, personId, context);
    const events = await this.repo.eventsOfPerson(person.id);
    await this.audit.record(
      context,
      { action: 'person.exported', objectType: 'person', objectId: person.id },
      this.dataSource.manager,
    );
    const record = this.record(person, memberships, actor);
    const visibleIds = new Set(record.memberships.map((m) => m.id));
    return {
      exportedAt: this.clock.now().toISOString(),
      legalBasis: 'Ley 21.719 (Chile): derecho de acceso y portabilidad de datos personales.',
      person: { ...record, memberships: undefined, documentDisplay: undefined },
      memberships: record.memberships
        .map((m) => ({
          ...m,
          history: events.filter((e) => e.membershipId === m.id).map(memberEventView),
        }))
        .filter((m) => visibleIds.has(m.id)),
    };
  }

  /** DOM-ORG-15: identity fields (document, name, birth date) corrected by a municipal officer, audited. */
  async correct(
    actor: Actor,
    personId: string,
    input: { rut?: string; dni?: string; fullName?: string; birthDate?: string; reason: string },
    context: AuditContext,
  ): Promise<PersonRecord> {
    const { person } = await this.load(actor, personId, context);
    if (person.erasedAt) throw AssociationException.rule('PERSON_ERASED', T.personErased());
    if (!input.reason?.trim()) throw AssociationException.field('reason', T.correctionReasonRequired());
    this.assertAllMine(actor, await this.repo.membershipsOfPerson(person.id), PERSON_ACTIONS.identity);
    const changes: Partial<Person> = {};
    const raw = person.documentType === 'rut' ? input.rut : input.dni;
    if (raw !== undefined) {
      const parsed = parsePersonDocument(person.documentType, raw);
      if (!parsed.ok)
        throw AssociationException.field(
          person.documentType,
          documentProblem(person.documentType, person.documentType, parsed.reason),
        );
      if (parsed.value !== person.documentNumber) {
        const other = await this.persons.findByDocument(person.documentType, parsed.value);
        if (other)
          throw AssociationException.conflict(
            'PERSON_DOCUMENT_TAKEN',
            T.personDocumentTaken({ document: person.documentType.toUpperCase() }),
            person.documentType,
          );
        changes.documentNumber = parsed.value;
      }
    }
    const fields = Object.keys(changes);
    await this.dataSource.transaction(async (em) => {
      if (fields.length)
        await this.persons.update(person.id, changes, em).catch((err: unknown) => {
          if ((err as { driverError?: { code?: string } }).driverError?.code === '23505')
            throw AssociationException.conflict(
              'PERSON_DOCUMENT_TAKEN',
              T.personDocumentTaken({ document: person.documentType.toUpperCase() }),
              person.documentType,
            );
          throw err;
        });
      await this.audit.record(
        context,
        {
          action: 'person.corrected',
          objectType: 'person',
          objectId: person.id,
          details: { fields, reason: input.reason.trim().slice(0, 500) },
        },
        em,
      );
    });
    // Name and birth date go through the roster's correction, which re-checks ages per membership.
    return this.get(actor, person.id, context);
  }

  /**
   * DOM-DATA-2 (erasure): current memberships end today, and the person's identifying data is removed; the
   * memberships stay (without names) so past actas and counts keep their meaning. Audited.
   */
  async erase(actor: Actor, personId: string, input: { reason: string }, context: AuditContext): Promise<PersonRecord> {
    const { person, memberships } = await this.load(actor, personId, context);
    if (!input.reason?.trim()) throw AssociationException.field('reason', T.erasureReasonRequired());
    if (person.erasedAt) return this.record(person, memberships, actor);
    // The record is shared by every commune where the person has organisations: one commune's officer erases it
    // only when all of them are theirs; otherwise the platform's administration does.
    this.assertAllMine(actor, memberships, PERSON_ACTIONS.erasure);
    const now = this.clock.now();
    // Each membership ends on the business date of its association's municipality (DOM-FMT-2: Lima, not Santiago).
    const todayIn = new Map<string, string>();
    for (const code of new Set(memberships.map((m) => m.communeCode)))
      todayIn.set(code, this.associations.today(await this.associations.municipality(code)));
    await this.dataSource.transaction(async (em) => {
      for (const m of memberships) {
        const today = todayIn.get(m.communeCode) as string;
        const changes = {
          businessName: null,
          businessCategory: null,
          guardianName: null,
          ...(m.status !== 'ended'
            ? {
                status: 'ended' as const,
                leftOn: today < m.joinedOn ? m.joinedOn : today,
                endReason: 'Supresión de datos personales a solicitud de la persona.',
              }
            : {}),
        };
        if (!(await this.repo.updateMembership(m.id, m.version, changes, em))) {
          throw AssociationException.conflict('VERSION_CONFLICT', T.erasureConflict());
        }
        await this.repo.insertEvents(
          [
            {
              membershipId: m.id,
              action: 'person_erased',
              effectiveOn: changes.leftOn ?? m.leftOn ?? today,
              at: now,
              byUserId: actor.id,
              byName: actor.name,
              reason: 'Supresión de datos personales (Ley 21.719).',
            },
          ],
          em,
        );
      }
      // Ended memberships may take an association below its founding minimum (DOM-ORG-11).
      for (const m of memberships)
        if (m.status !== 'ended')
          await this.associations.refreshMinimum(m.associationId, todayIn.get(m.communeCode) as string, em);
      await this.persons.update(
        person.id,
        {
          fullName: 'Persona con datos eliminados',
          nameKey: 'persona con datos eliminados',
          documentNumber: null,
          birthDate: null,
          email: null,
          phone: null,
          address: null,
          gender: null,
          erasedAt: now,
        },
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'person.erased',
          objectType: 'person',
          objectId: person.id,
          details: { reason: input.reason.trim().slice(0, 500), memberships: memberships.length },
        },
        em,
      );
    });
    const fresh = await this.load(actor, person.id, context);
    return this.record(fresh.person, fresh.memberships, actor);
  }
}
