import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { MunicipalityContext, TerritoryService } from '../territory/territory.service';
import { AssociationAccess } from './association-access';
import type { NewAssociation } from './association-details';
import { AssociationRegistrationService } from './association-registration.service';
import { AssociationRegistryService, RegistryQuery } from './association-registry.service';
import { AssociationStatus, foundersMinimum } from './association-rules';
import { associationView, municipalityOrRefusal } from './association-view';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsRepository } from './associations.repository';
import type { AssociationView, RegistryItemView } from './associations.view-model';
import type { Association } from './entities/association.entity';

export type { NewAssociation } from './association-details';
export type { AssociationChanges } from './association-registration.service';
export type { RegistryQuery } from './association-registry.service';

/**
 * An association's record as every other part of the module reads it (DOM-ORG-1, -11): its municipality and
 * business date, its view with members against the minimum and its warnings, and its status changes. Registering
 * and correcting it are AssociationRegistrationService's; the registries are AssociationRegistryService's
 * (issue 16 item 8).
 */
@Injectable()
export class AssociationsService {
  constructor(
    private readonly repo: AssociationsRepository,
    private readonly access: AssociationAccess,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
    private readonly registration: AssociationRegistrationService,
    private readonly registries: AssociationRegistryService,
  ) {}

  /**
   * Registers an organisation (AssociationRegistrationService.create): kept here for the callers outside the
   * module that register through this class (the test factories, the benchmark).
   */
  create(actor: Actor, input: NewAssociation, context: AuditContext): Promise<AssociationView> {
    return this.registration.create(actor, input, context);
  }

  /** The registry the actor sees (AssociationRegistryService.registry), kept for the callers outside the module. */
  registry(actor: Actor, query: RegistryQuery): Promise<{ items: RegistryItemView[]; total: number }> {
    return this.registries.registry(actor, query);
  }

  /** The business date today in the municipality's zone (DOM-FMT-2). */
  today(municipality: { timeZone: string }): string {
    return localDate(this.clock.now(), municipality.timeZone);
  }

  async municipality(communeCode: string, em?: EntityManager): Promise<MunicipalityContext> {
    return municipalityOrRefusal(this.territory, communeCode, em);
  }

  /** The association for its edit form: only those who may edit its details (403/404 otherwise). */
  async getForEdit(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<AssociationView & { editArea: boolean }> {
    const { association, rights } = await this.access.load(actor, associationId, 'editDetails', context);
    return {
      ...(await this.view(association, await this.municipality(association.communeCode))),
      editArea: rights.municipal,
    };
  }

  async get(actor: Actor, associationId: string, context: AuditContext): Promise<AssociationView> {
    return (await this.getWithRow(actor, associationId, context)).view;
  }

  /** The association's view with the row and the municipality it was built from (its page reads nothing twice). */
  async getWithRow(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<{ view: AssociationView; row: Association; municipality: MunicipalityContext }> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    const municipality = await this.municipality(association.communeCode);
    return { view: await this.view(association, municipality), row: association, municipality };
  }

  /** The association row as it is now (after a change in `em`). */
  reload(associationId: string, em?: EntityManager): Promise<Association | null> {
    return this.repo.findAssociation(associationId, em);
  }

  /** DOM-ORG-11: brings `members_below_minimum_since` up to date after members left on `onDate`. */
  async refreshMinimum(associationId: string, onDate: string, em: EntityManager): Promise<void> {
    const association = await this.repo.findAssociation(associationId, em);
    if (!association) return;
    const municipality = await this.municipality(association.communeCode, em);
    await this.repo.refreshBelowMinimum(
      association.id,
      foundersMinimum(association.kind, association.area, municipality.population, municipality.settings),
      onDate,
      em,
    );
  }

  /** Moves an association to `to`, recording who, when and why (DOM-ORG-1); used by the constitution flow. */
  async changeStatus(
    association: Association,
    to: AssociationStatus,
    actor: { id: string | null; name: string | null },
    reason: string,
    em: EntityManager,
  ): Promise<void> {
    // only from the status the caller read: a concurrent change (a double click, the board janitor) is a 409, not a second row
    if (!(await this.repo.updateStatusFrom(association.id, association.status, to, em))) {
      throw AssociationException.conflict('STATUS_CHANGED', T.statusChanged());
    }
    await this.repo.insertStatusChange(
      {
        associationId: association.id,
        fromStatus: association.status,
        toStatus: to,
        at: this.clock.now(),
        byUserId: actor.id,
        byName: actor.name,
        reason,
      },
      em,
    );
    // DOM-ORG-11: the count against the minimum starts (or stops) with legal personality.
    const municipality = await this.municipality(association.communeCode, em);
    await this.refreshMinimum(association.id, this.today(municipality), em);
  }

  view(association: Association, municipality: MunicipalityContext, em?: EntityManager): Promise<AssociationView> {
    return associationView(this.repo, association, municipality, this.today(municipality), em);
  }
}
