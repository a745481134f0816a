import type { EntityManager } from 'typeorm';
import type { MunicipalityContext, TerritoryService } from '../territory/territory.service';
import { foundersMinimum, warningsFor } from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import type { AssociationsRepository } from './associations.repository';
import { associationDetails, AssociationView, statusChangeView } from './associations.view-model';
import { constitutionWarnings } from './constitution-rules';
import type { Association } from './entities/association.entity';

/**
 * An association's record as its services answer it (DOM-ORG-1, -11), shared by AssociationsService and
 * AssociationRegistrationService so that neither needs the other.
 */

/** The municipality of a commune, or a refusal naming communeCode. */
export async function municipalityOrRefusal(
  territory: TerritoryService,
  communeCode: string,
  em?: EntityManager,
): Promise<MunicipalityContext> {
  const m = await territory.municipalityContext(communeCode, em);
  if (!m) throw AssociationException.field('communeCode', T.communeUnknown({ commune: communeCode }));
  return m;
}

/** The association as of `today` (its business date): details, counts against the minimum, warnings, history. */
export async function associationView(
  repo: AssociationsRepository,
  association: Association,
  municipality: MunicipalityContext,
  today: string,
  em?: EntityManager,
): Promise<AssociationView> {
  const counts = await repo.memberCounts(association.id, em);
  const history = await repo.statusChanges(association.id, em);
  const minimum = foundersMinimum(association.kind, association.area, municipality.population, municipality.settings);
  const constitution = await repo.constitutionDates(association.id, municipality.timeZone, today, em);
  return {
    ...associationDetails(association),
    communeName: municipality.communeName,
    country: municipality.country,
    timeZone: municipality.timeZone,
    boardTerm: constitution.board,
    membersActive: counts.active,
    membersSuspended: counts.suspended,
    membersEnded: counts.ended,
    foundersMinimum: minimum,
    warnings: [
      ...warningsFor(
        {
          kind: association.kind,
          status: association.status,
          country: municipality.country,
          membersActive: counts.active,
          foundersMinimum: minimum,
          membersBelowMinimumSince: association.membersBelowMinimumSince,
          recognitionExpiresOn: association.recognitionExpiresOn,
        },
        today,
      ),
      ...constitutionWarnings({ status: association.status, ...constitution }, today),
    ],
    statusHistory: history.map(statusChangeView),
  };
}
