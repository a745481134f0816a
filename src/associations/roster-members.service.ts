import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/errors/domain.exception';
import { parseCalendarDate } from '../common/format/dates';
import { documentProblemText, parsePersonDocument, PersonDocumentType } from '../common/format/identity';
import { foldForSearch, personNameProblemText } from '../common/text';
import type { Person } from '../people/entities/person.entity';
import { PersonRegistry } from '../people/person-registry.service';
import { AssociationAccess } from './association-access';
import { checkMemberAge } from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsRepository } from './associations.repository';
import { AssociationsService } from './associations.service';
import { MemberView, memberView } from './associations.view-model';
import type { Membership } from './entities/membership.entity';
import {
  alreadyMember,
  assertOpen,
  blank,
  membershipOrNotFound,
  otherCouncil,
  refreshMinimum,
  uniqueViolation,
  versionConflict,
} from './roster-rules';
import { RosterMemberRow, RosterRepository } from './roster.repository';

/** A member's contact, business and guardian fields, as given when added and when edited. */
export interface MemberContactFields {
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  businessName?: string | null;
  businessCategory?: string | null;
  gender?: 'female' | 'male' | '' | null;
  guardianConsent?: boolean;
  guardianName?: string | null;
}

export interface NewMember extends MemberContactFields {
  rut?: string;
  dni?: string;
  fullName: string;
  birthDate: string;
  joinedOn: string;
}

export interface MemberChanges extends MemberContactFields {
  version?: number;
  /** Identity fields: only a municipal officer corrects them (DOM-ORG-15). */
  fullName?: string;
  birthDate?: string;
}

/** The names of a member's input against the one rule of names (src/common/text.ts), as field errors. */
function nameProblems(input: { fullName?: string | null; guardianName?: string | null }): FieldError[] {
  const out: FieldError[] = [];
  for (const field of ['fullName', 'guardianName'] as const) {
    const value = input[field];
    const message = typeof value === 'string' ? personNameProblemText(field, value, field) : null;
    if (message) out.push(AssociationException.fieldError(field, message));
  }
  return out;
}

/**
 * A member's record in the registro de socios: added (a person is one record across associations, found or
 * created in the person registry, DOM-RUT-3, DOM-ORG-15), and edited (contact and business fields by the roster's
 * officers; the person's name and birth date corrected only by a municipal officer, DOM-ORG-15).
 */
@Injectable()
export class RosterMembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AssociationsRepository,
    private readonly roster: RosterRepository,
    private readonly persons: PersonRegistry,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Adds a member (API.md POST members): DOM-RUT-1/2, DOM-ORG-4, -12, -15, DOM-DATA-3. */
  async add(actor: Actor, associationId: string, input: NewMember, context: AuditContext): Promise<MemberView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    assertOpen(association);
    const municipality = await this.associations.municipality(association.communeCode);
    const documentType = municipality.settings.identity.person;
    const today = this.associations.today(municipality);
    const errors: FieldError[] = [];
    const raw = documentType === 'rut' ? input.rut : input.dni;
    const other = documentType === 'rut' ? input.dni : input.rut;
    let document = '';
    if (blank(other))
      errors.push(
        AssociationException.fieldError(
          documentType === 'rut' ? 'dni' : 'rut',
          T.useDocumentField({ document: documentType.toUpperCase(), field: documentType }),
        ),
      );
    if (!blank(raw))
      errors.push(AssociationException.fieldError(documentType, T.fieldRequired({ field: documentType })));
    else {
      const parsed = parsePersonDocument(documentType, raw as string);
      if (parsed.ok) document = parsed.value;
      else
        errors.push(
          AssociationException.fieldError(documentType, documentProblemText(documentType, documentType, parsed.reason)),
        );
    }
    const fullName = (input.fullName ?? '').trim().replace(/\s+/g, ' ');
    if (!fullName) errors.push(AssociationException.fieldError('fullName', T.fullNameRequired()));
    errors.push(...nameProblems({ fullName, guardianName: input.guardianName }));
    const birthDate = parseCalendarDate(input.birthDate ?? '');
    if (!birthDate) errors.push(AssociationException.fieldError('birthDate', T.birthDateInvalid()));
    const joinedOn = parseCalendarDate(input.joinedOn ?? '');
    if (!joinedOn) errors.push(AssociationException.fieldError('joinedOn', T.joinedOnInvalid()));
    else if (joinedOn > today)
      errors.push(AssociationException.fieldError('joinedOn', T.fieldFutureDate({ field: 'joinedOn' })));
    if (birthDate && joinedOn && birthDate >= joinedOn)
      errors.push(AssociationException.fieldError('birthDate', T.birthBeforeJoining()));
    if (errors.length) throw AssociationException.invalid(errors);
    // DOM-ORG-4: the minimum age of the kind on the joining date; DOM-DATA-3: under 16 with a guardian's consent.
    const age = checkMemberAge(association.kind, birthDate as string, joinedOn as string, municipality.settings);
    if (!age.ok)
      throw AssociationException.rule(
        'MEMBER_TOO_YOUNG',
        T.memberTooYoung({ age: age.age, minimum: age.minimum }),
        'birthDate',
      );
    const guardianName = blank(input.guardianName);
    if (age.needsGuardianConsent && (!input.guardianConsent || !guardianName)) {
      throw AssociationException.rule(
        'GUARDIAN_CONSENT_REQUIRED',
        T.guardianConsentRequired({ under: municipality.settings.guardianConsentUnder }),
        'guardianConsent',
      );
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      await this.repo.lockAssociation(association.id, em);
      let person = await this.persons.findByDocument(documentType, document, em);
      if (person) {
        this.assertSameIdentity(person, fullName, birthDate as string, documentType);
        if (await this.roster.currentMembership(association.id, person.id, em)) throw alreadyMember(documentType);
        if (
          association.kind === 'neighbourhood_council' &&
          (await this.roster.inAnotherNeighbourhoodCouncil(person.id, association.id, em))
        )
          throw otherCouncil();
        // Joining does not overwrite what the person's other associations keep: it only fills missing contacts.
        // Later edits from this roster may change them (DOM-ORG-15), once the person is a member here.
        const existing = person;
        const contacts = Object.fromEntries(
          Object.entries(this.contactChanges(existing, input)).filter(
            ([k]) => !existing[k as 'email' | 'phone' | 'address'],
          ),
        );
        // how their post is written: filled when the record has none yet (issue 20 item 6)
        if (!existing.gender && input.gender) Object.assign(contacts, { gender: input.gender });
        if (Object.keys(contacts).length) await this.persons.update(person.id, contacts, em);
      } else {
        person = await this.persons.insert(
          {
            documentType,
            documentNumber: document,
            fullName,
            nameKey: foldForSearch(fullName),
            birthDate,
            email: blank(input.email)?.toLowerCase() ?? null,
            phone: blank(input.phone),
            address: blank(input.address),
            gender: input.gender || null,
          },
          em,
        );
      }
      const membership = await this.roster
        .insertMembership(
          {
            associationId: association.id,
            personId: person.id,
            neighbourhoodCouncil: association.kind === 'neighbourhood_council',
            status: 'active',
            joinedOn: joinedOn as string,
            businessName: blank(input.businessName),
            businessCategory: blank(input.businessCategory),
            guardianName: age.needsGuardianConsent ? guardianName : null,
            guardianConsentAt: age.needsGuardianConsent ? now : null,
            guardianConsentBy: age.needsGuardianConsent ? actor.id : null,
          },
          em,
        )
        .catch((err: unknown) => uniqueViolation(err, documentType));
      await this.roster.insertEvents(
        [
          {
            membershipId: membership.id,
            action: 'joined',
            effectiveOn: joinedOn as string,
            at: now,
            byUserId: actor.id,
            byName: actor.name,
            reason: age.needsGuardianConsent ? 'Ingreso con consentimiento del apoderado.' : null,
          },
        ],
        em,
      );
      await refreshMinimum(this.repo, association, municipality, today, em);
      const details = { personId: person.id, [documentType]: document };
      return this.loggedMember(em, context, 'member.added', membership, details, rights.seeIdentity);
    });
  }

  /** Contact and business fields (any roster officer); identity fields only by a municipal officer (DOM-ORG-15). */
  async update(
    actor: Actor,
    associationId: string,
    memberId: string,
    changes: MemberChanges,
    context: AuditContext,
  ): Promise<MemberView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    const membership = await membershipOrNotFound(this.roster, association.id, memberId);
    if ((changes.fullName !== undefined || changes.birthDate !== undefined) && !rights.municipal) {
      throw AssociationException.forbidden(T.identityByMunicipality());
    }
    if (changes.version !== undefined && changes.version !== membership.version) throw versionConflict();
    // A former member's record is shared with their other associations: this roster no longer edits it.
    if (membership.status === 'ended') throw AssociationException.rule('MEMBERSHIP_ENDED', T.membershipEnded());
    const person = (await this.persons.findById(membership.personId)) as Person;
    if (person.erasedAt) throw AssociationException.rule('PERSON_ERASED', T.personErasedNoEdit());
    const municipality = await this.associations.municipality(association.communeCode);
    const errors: FieldError[] = [];
    const personChanges: Partial<Person> = this.contactChanges(person, changes, true);
    if (changes.gender !== undefined && (changes.gender || null) !== person.gender)
      personChanges.gender = changes.gender || null;
    if (changes.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(changes.email.trim()))
      errors.push(AssociationException.fieldError('email', T.emailInvalid({ field: 'email' })));
    errors.push(...nameProblems(changes));
    if (changes.fullName !== undefined) {
      const fullName = changes.fullName.trim().replace(/\s+/g, ' ');
      if (!fullName) errors.push(AssociationException.fieldError('fullName', T.fullNameRequired()));
      else if (fullName !== person.fullName)
        Object.assign(personChanges, { fullName, nameKey: foldForSearch(fullName) });
    }
    if (changes.birthDate !== undefined) {
      const birthDate = parseCalendarDate(changes.birthDate);
      if (!birthDate) errors.push(AssociationException.fieldError('birthDate', T.birthDateInvalid()));
      else if (birthDate !== person.birthDate) personChanges.birthDate = birthDate;
    }
    if (errors.length) throw AssociationException.invalid(errors);
    const membershipChanges: Partial<Membership> = {};
    if (changes.businessName !== undefined && blank(changes.businessName) !== membership.businessName)
      membershipChanges.businessName = blank(changes.businessName);
    if (changes.businessCategory !== undefined && blank(changes.businessCategory) !== membership.businessCategory)
      membershipChanges.businessCategory = blank(changes.businessCategory);
    const birthDate = personChanges.birthDate ?? person.birthDate;
    if (birthDate) {
      const age = checkMemberAge(association.kind, birthDate, membership.joinedOn, municipality.settings);
      if (!age.ok)
        throw AssociationException.rule(
          'MEMBER_TOO_YOUNG',
          T.memberTooYoungWithBirthDate({ age: age.age, minimum: age.minimum }),
          'birthDate',
        );
      if (age.needsGuardianConsent && changes.guardianConsent !== undefined) {
        const guardianName = blank(changes.guardianName);
        if (!changes.guardianConsent || !guardianName)
          throw AssociationException.rule(
            'GUARDIAN_CONSENT_REQUIRED',
            T.guardianConsentRequiredOnJoining({ under: municipality.settings.guardianConsentUnder }),
            'guardianConsent',
          );
        if (guardianName !== membership.guardianName)
          Object.assign(membershipChanges, {
            guardianName,
            guardianConsentAt: this.clock.now(),
            guardianConsentBy: actor.id,
          });
      }
    }
    const fields = [
      ...Object.keys(personChanges).filter((k) => k !== 'nameKey'),
      ...Object.keys(membershipChanges).filter((k) => !k.startsWith('guardianConsent')),
    ];
    if (!fields.length)
      return memberView(
        (await this.roster.rosterMember(association.id, membership.id)) as RosterMemberRow,
        rights.seeIdentity,
      );
    const identity = fields.some((f) => f === 'fullName' || f === 'birthDate');
    return this.dataSource.transaction(async (em) => {
      if (!(await this.roster.updateMembership(membership.id, membership.version, membershipChanges, em)))
        throw versionConflict();
      if (Object.keys(personChanges).length) await this.persons.update(person.id, personChanges, em);
      await this.roster.insertEvents(
        [
          {
            membershipId: membership.id,
            action: identity ? 'person_corrected' : 'updated',
            effectiveOn: this.associations.today(municipality),
            at: this.clock.now(),
            byUserId: actor.id,
            byName: actor.name,
            fields,
            reason: null,
          },
        ],
        em,
      );
      const action = identity ? 'person.corrected' : 'member.updated';
      return this.loggedMember(em, context, action, membership, { personId: person.id, fields }, rights.seeIdentity);
    });
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** The change in the association's audit log, then the member as the caller may see them now. */
  private async loggedMember(
    em: EntityManager,
    context: AuditContext,
    action: string,
    membership: Pick<Membership, 'id' | 'associationId'>,
    details: Record<string, unknown>,
    seeIdentity: boolean,
  ): Promise<MemberView> {
    const scope = { scopeType: 'association', scopeId: membership.associationId };
    await this.audit.record(
      context,
      { action, objectType: 'membership', objectId: membership.id, ...scope, details },
      em,
    );
    const row = await this.roster.rosterMember(membership.associationId, membership.id, em);
    return memberView(row as RosterMemberRow, seeIdentity);
  }

  private contactChanges(
    person: Person,
    input: { email?: string | null; phone?: string | null; address?: string | null },
    allowClear = false,
  ): Partial<Person> {
    const out: Partial<Person> = {};
    for (const key of ['email', 'phone', 'address'] as const) {
      if (input[key] === undefined) continue;
      let value = blank(input[key]);
      if (key === 'email' && value) value = value.toLowerCase();
      if (value === null && !allowClear) continue;
      if (value !== person[key]) out[key] = value;
    }
    return out;
  }

  /** DOM-RUT-3: the same document is the same person; a different name or birth date is a typo to check. */
  private assertSameIdentity(
    person: Person,
    fullName: string,
    birthDate: string,
    documentType: PersonDocumentType,
  ): void {
    if (
      foldForSearch(person.fullName) !== foldForSearch(fullName) ||
      (person.birthDate && person.birthDate !== birthDate)
    ) {
      throw AssociationException.conflict(
        'PERSON_IDENTITY_MISMATCH',
        T.identityMismatch({ document: documentType.toUpperCase() }),
        documentType,
      );
    }
  }
}
