import type { EntityManager } from 'typeorm';
import type { PersonDocumentType } from '../common/format/identity';
import type { MunicipalityContext } from '../territory/territory.service';
import { foundersMinimum } from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import type { AssociationsRepository } from './associations.repository';
import type { Association } from './entities/association.entity';
import type { Membership } from './entities/membership.entity';
import type { RosterRepository } from './roster.repository';

/**
 * What the roster's services share: the form of an optional text, the roster's refusals (same codes and
 * texts, associations.messages.ts, wherever a member is added, imported or changes status) and the legal-minimum warning every change of
 * the active roster refreshes.
 */

export const blank = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertOpen(association: Association): void {
  if (association.status === 'dissolved') throw AssociationException.rule('ASSOCIATION_DISSOLVED', T.rosterDissolved());
}

export async function membershipOrNotFound(
  repo: RosterRepository,
  associationId: string,
  memberId: string,
): Promise<Membership> {
  const membership = UUID.test(memberId) ? await repo.findMembership(associationId, memberId) : null;
  if (!membership) throw AssociationException.notFound();
  return membership;
}

/** DOM-ORG-11: the below-minimum warning follows the active roster, from `onDate`. */
export async function refreshMinimum(
  repo: AssociationsRepository,
  association: Association,
  municipality: MunicipalityContext,
  onDate: string,
  em: EntityManager,
): Promise<void> {
  await repo.refreshBelowMinimum(
    association.id,
    foundersMinimum(association.kind, association.area, municipality.population, municipality.settings),
    onDate,
    em,
  );
}

export function alreadyMember(documentType: PersonDocumentType): AssociationException {
  return AssociationException.conflict(
    'ALREADY_MEMBER',
    T.alreadyMember({ document: documentType.toUpperCase() }),
    documentType,
  );
}

/** DOM-ORG-12: the refusal does not name the other junta de vecinos. */
export function otherCouncil(): AssociationException {
  return AssociationException.rule('ALREADY_IN_NEIGHBOURHOOD_COUNCIL', T.otherCouncil(), 'rut');
}

export function versionConflict(): AssociationException {
  return AssociationException.conflict('VERSION_CONFLICT', T.versionConflictMember());
}

/** A unique index refused a membership insert: the same person twice here, or in a second junta de vecinos. */
export function uniqueViolation(err: unknown, documentType: PersonDocumentType): never {
  const driver = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
  if (driver?.code === '23505' && driver.constraint === 'UQ_membership_one_neighbourhood_council') throw otherCouncil();
  if (driver?.code === '23505') throw alreadyMember(documentType);
  throw err;
}
