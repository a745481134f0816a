import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import { Actor, hasRole, isAdmin } from '../common/access/actor';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { MunicipalityContext, TerritoryService } from '../territory/territory.service';
import { AssociationAccess } from './association-access';
import {
  checkedDetails,
  checkedRecognition,
  checkedRegistration,
  duplicateAssociation,
  NewAssociation,
} from './association-details';
import {
  Area,
  AssociationKind,
  AssociationStatus,
  foundersMinimum,
  isRecognisedKind,
  isRegisteredElsewhere,
  kindsFor,
} from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsRepository } from './associations.repository';
import { associationView, municipalityOrRefusal } from './association-view';
import { associationDetails, AssociationView } from './associations.view-model';
import type { Association } from './entities/association.entity';

export type AssociationChanges = Partial<
  Omit<NewAssociation, 'communeCode' | 'kind' | 'registryNumber' | 'registeredOn' | 'recognisedBy' | 'recognisedOn'>
> & { version?: number };

/**
 * An organisation's record as the municipality keeps it (DOM-ORG-1, -13, -14; issue 16 item 8, out of
 * AssociationsService): registering it, correcting its details, and the registry act that puts a trade
 * association or a Peruvian organisation in force; and who, named by the municipality, acts for it on the portal.
 */
@Injectable()
export class AssociationRegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AssociationsRepository,
    private readonly access: AssociationAccess,
    private readonly territory: TerritoryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: UsersService,
  ) {}

  /** Registers an organisation: in formation, or in force at once when registered elsewhere (DOM-ORG-13, -14). */
  async create(actor: Actor, input: NewAssociation, context: AuditContext): Promise<AssociationView> {
    const municipality = await this.municipality(input.communeCode);
    if (!isAdmin(actor) && !hasRole(actor, 'municipal_officer', input.communeCode)) {
      throw AssociationException.forbidden(T.registerOnlyOfficerOfCommune());
    }
    const kinds = kindsFor(municipality.country);
    if (!kinds.includes(input.kind as AssociationKind)) {
      const refused = { kind: input.kind, kinds: kinds.join(', ') };
      throw AssociationException.field(
        'kind',
        municipality.country === 'PE' ? T.kindNotAllowedPeru(refused) : T.kindNotAllowedChile(refused),
      );
    }
    const kind = input.kind as AssociationKind;
    const values = checkedDetails(municipality, kind, input);
    const today = this.today(municipality);
    let status: AssociationStatus = 'in_formation';
    let reason = 'Registro de la organización en formación.';
    const extra: Partial<Association> = {};
    if (isRegisteredElsewhere(kind) && (input.registryNumber || input.registeredOn)) {
      Object.assign(extra, checkedRegistration(input, today));
      status = 'in_force';
      reason = `Asociación gremial inscrita en el Ministerio de Economía con el número ${extra.registryNumber} (DOM-ORG-13).`;
    } else if (isRecognisedKind(municipality.country) && (input.recognisedOn || input.recognisedBy)) {
      Object.assign(extra, checkedRecognition(municipality, kind, input, today));
      status = 'in_force';
      reason = `Reconocida por ${extra.recognisedBy} (DOM-ORG-14).`;
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      // DOM-ORG-11: in force from today with no members yet, it is below its minimum from today (a fixed due date).
      const belowSince =
        status === 'in_force' &&
        foundersMinimum(kind, values.area as Area, municipality.population, municipality.settings) > 0
          ? today
          : null;
      const association = await this.repo
        .insertAssociation(
          {
            ...values,
            ...extra,
            communeCode: municipality.communeCode,
            kind,
            status,
            membersBelowMinimumSince: belowSince,
          },
          em,
        )
        .catch(duplicateAssociation);
      await this.repo.insertStatusChange(
        {
          associationId: association.id,
          fromStatus: null,
          toStatus: status,
          at: now,
          byUserId: actor.id,
          byName: actor.name,
          reason,
        },
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'association.created',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { kind, status, name: association.name },
        },
        em,
      );
      return this.view(association, municipality, em);
    });
  }

  /** Name, address, contacts... (kind and commune do not change; registry acts have their own operations). */
  async update(
    actor: Actor,
    associationId: string,
    changes: AssociationChanges,
    context: AuditContext,
  ): Promise<AssociationView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editDetails', context);
    // Registry facts (name, unidad vecinal, area, RUT) are the municipality's; the board keeps address, contacts, description.
    if (
      (changes.name !== undefined ||
        changes.neighbourhoodUnit !== undefined ||
        changes.area !== undefined ||
        changes.rut !== undefined ||
        changes.ruc !== undefined) &&
      !rights.municipal
    ) {
      throw AssociationException.forbidden(T.registryFactsMunicipal());
    }
    const versionConflict = () => AssociationException.conflict('VERSION_CONFLICT', T.versionConflictAssociation());
    if (changes.version !== undefined && changes.version !== association.version) throw versionConflict();
    const municipality = await this.municipality(association.communeCode);
    const merged: NewAssociation = {
      ...associationDetails(association),
      communeCode: association.communeCode,
      ...Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && k !== 'version')),
    } as NewAssociation;
    const values = checkedDetails(municipality, association.kind, merged);
    const changed = Object.keys(values).filter(
      (k) => (values as Record<string, unknown>)[k] !== (association as unknown as Record<string, unknown>)[k],
    );
    return this.dataSource.transaction(async (em) => {
      if (changed.length) {
        // Conditional on the version read: a change saved meanwhile is a conflict, not a lost update.
        const saved = await this.repo
          .updateAssociation(
            association.id,
            Object.fromEntries(changed.map((k) => [k, (values as Record<string, unknown>)[k]])),
            em,
            association.version,
          )
          .catch(duplicateAssociation);
        if (!saved) throw versionConflict();
        if (changed.includes('area'))
          await this.repo.refreshBelowMinimum(
            association.id,
            foundersMinimum(association.kind, values.area as Area, municipality.population, municipality.settings),
            this.today(municipality),
            em,
          );
        await this.audit.record(
          context,
          {
            action: 'association.updated',
            objectType: 'association',
            objectId: association.id,
            scopeType: 'commune',
            scopeId: association.communeCode,
            details: { fields: changed },
          },
          em,
        );
      }
      const fresh = (await this.repo.findAssociation(association.id, em)) as Association;
      return this.view(fresh, municipality, em);
    });
  }

  /**
   * A registry act that puts the organisation in force without the municipal constitution: a trade
   * association's registration with the Ministry of Economy (DOM-ORG-13), or a Peruvian organisation's
   * recognition, also its renewal (DOM-ORG-14).
   */
  async recordRecognition(
    actor: Actor,
    associationId: string,
    input: { registryNumber?: string; registeredOn?: string; recognisedBy?: string; recognisedOn?: string },
    context: AuditContext,
  ): Promise<AssociationView> {
    const { association } = await this.access.load(actor, associationId, 'municipal', context);
    const municipality = await this.municipality(association.communeCode);
    const today = this.today(municipality);
    let changes: Partial<Association>;
    let reason: string;
    if (isRegisteredElsewhere(association.kind)) {
      changes = checkedRegistration(input, today);
      reason = `Inscrita en el Ministerio de Economía con el número ${changes.registryNumber} (DOM-ORG-13).`;
    } else if (isRecognisedKind(municipality.country)) {
      changes = checkedRecognition(municipality, association.kind, input, today);
      reason = association.recognisedOn
        ? `Reconocimiento renovado por ${changes.recognisedBy} (DOM-ORG-14).`
        : `Reconocida por ${changes.recognisedBy} (DOM-ORG-14).`;
    } else {
      throw AssociationException.rule('CONSTITUTION_REQUIRED', T.constitutionRequired());
    }
    if (association.status === 'dissolved') throw AssociationException.rule('ASSOCIATION_DISSOLVED', T.dissolved());
    return this.dataSource.transaction(async (em) => {
      await this.repo.updateAssociation(association.id, { ...changes, status: 'in_force' }, em);
      if (association.status !== 'in_force') {
        await this.repo.insertStatusChange(
          {
            associationId: association.id,
            fromStatus: association.status,
            toStatus: 'in_force',
            at: this.clock.now(),
            byUserId: actor.id,
            byName: actor.name,
            reason,
          },
          em,
        );
      }
      await this.repo.refreshBelowMinimum(
        association.id,
        foundersMinimum(association.kind, association.area, municipality.population, municipality.settings),
        today,
        em,
      );
      await this.audit.record(
        context,
        {
          action: 'association.recognised',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { reason },
        },
        em,
      );
      return this.view((await this.repo.findAssociation(association.id, em)) as Association, municipality, em);
    });
  }

  /** Who gives access to an association's board and members: its municipality (403 for anyone else). */
  async forAccessGrant(actor: Actor, associationId: string, context: AuditContext): Promise<Association> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    if (!isAdmin(actor) && !hasRole(actor, 'municipal_officer', association.communeCode))
      throw AssociationException.forbidden(T.accessOnlyMunicipality());
    return association;
  }

  /** The municipality gives a person access as an officer or member of the association (inviting them if new). */
  async grantAccess(
    actor: Actor,
    association: Association,
    input: { email: string; name: string; role: string },
    context: AuditContext,
  ): Promise<{ invited: boolean; email: string }> {
    const email = input.email.trim().toLowerCase();
    const { invited } = await this.users.grantByEmail(
      actor,
      { email, name: input.name.trim() },
      { role: input.role as 'association_officer', scopeType: 'association', scopeId: association.id },
      context,
    );
    return { invited, email };
  }

  private municipality(communeCode: string): Promise<MunicipalityContext> {
    return municipalityOrRefusal(this.territory, communeCode);
  }

  private today(municipality: { timeZone: string }): string {
    return localDate(this.clock.now(), municipality.timeZone);
  }

  private view(association: Association, municipality: MunicipalityContext, em?: EntityManager) {
    return associationView(this.repo, association, municipality, this.today(municipality), em);
  }
}
