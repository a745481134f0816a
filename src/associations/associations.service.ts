import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Actor, hasRole, isAdmin } from '../common/access/actor';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/errors/domain.exception';
import { localDate, parseCalendarDate } from '../common/format/dates';
import { documentProblem, parseOrganisationDocument } from '../common/format/identity';
import { foldForSearch } from '../common/text';
import { MunicipalityContext, TerritoryService } from '../territory/territory.service';
import { AssociationAccess, registryScope } from './association-access';
import {
  AssociationKind,
  AssociationStatus,
  Area,
  foundersMinimum,
  isRecognisedKind,
  isRegisteredElsewhere,
  kindsFor,
  recognitionExpiry,
  warningsFor,
  WarningCode,
} from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { constitutionWarnings } from './constitution-rules';
import { AssociationsRepository } from './associations.repository';
import { associationDetails, AssociationView, RegistryItemView, statusChangeView } from './associations.view-model';
import type { Association } from './entities/association.entity';

export interface NewAssociation {
  communeCode: string;
  kind: string;
  name: string;
  area: string;
  address: string;
  neighbourhoodUnit?: string | null;
  rut?: string | null;
  ruc?: string | null;
  registryNumber?: string | null;
  registeredOn?: string | null;
  recognisedBy?: string | null;
  recognisedOn?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  description?: string | null;
}

export type AssociationChanges = Partial<
  Omit<NewAssociation, 'communeCode' | 'kind' | 'registryNumber' | 'registeredOn' | 'recognisedBy' | 'recognisedOn'>
> & { version?: number };

export interface RegistryQuery {
  communeCode?: string;
  kind?: string;
  status?: string;
  warning?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

const blank = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

/** The commune's registry of organisations (municipal officers) and each association's record (DOM-ORG-1, -13, -14). */
@Injectable()
export class AssociationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AssociationsRepository,
    private readonly access: AssociationAccess,
    private readonly territory: TerritoryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The business date today in the municipality's zone (DOM-FMT-2). */
  today(municipality: { timeZone: string }): string {
    return localDate(this.clock.now(), municipality.timeZone);
  }

  async municipality(communeCode: string, em?: EntityManager): Promise<MunicipalityContext> {
    const m = await this.territory.municipalityContext(communeCode, em);
    if (!m) throw AssociationException.field('communeCode', T.communeUnknown({ commune: communeCode }));
    return m;
  }

  /** Registers an organisation: in formation, or in force at once when registered elsewhere (DOM-ORG-13, -14). */
  async create(actor: Actor, input: NewAssociation, context: AuditContext): Promise<AssociationView> {
    const municipality = await this.territory.municipalityContext(input.communeCode);
    if (!municipality)
      throw AssociationException.field('communeCode', T.communeUnknown({ commune: input.communeCode }));
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
    const values = this.checkedDetails(municipality, kind, input);
    const today = this.today(municipality);
    let status: AssociationStatus = 'in_formation';
    let reason = 'Registro de la organización en formación.';
    const extra: Partial<Association> = {};
    if (isRegisteredElsewhere(kind) && (input.registryNumber || input.registeredOn)) {
      Object.assign(extra, this.checkedRegistration(input, today));
      status = 'in_force';
      reason = `Asociación gremial inscrita en el Ministerio de Economía con el número ${extra.registryNumber} (DOM-ORG-13).`;
    } else if (isRecognisedKind(municipality.country) && (input.recognisedOn || input.recognisedBy)) {
      Object.assign(extra, this.checkedRecognition(municipality, input, today));
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
        .catch((err: unknown) => this.duplicate(err));
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
    const values = this.checkedDetails(municipality, association.kind, merged);
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
          .catch((err: unknown) => this.duplicate(err));
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
      changes = this.checkedRegistration(input, today);
      reason = `Inscrita en el Ministerio de Economía con el número ${changes.registryNumber} (DOM-ORG-13).`;
    } else if (isRecognisedKind(municipality.country)) {
      changes = this.checkedRecognition(municipality, input, today);
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
    const { association } = await this.access.load(actor, associationId, 'read', context);
    return this.view(association, await this.municipality(association.communeCode));
  }

  /**
   * The registry the actor sees: municipal officers their communes, admins every commune, association
   * officers and members their own associations. Filters by kind, status, warning and name.
   */
  async registry(actor: Actor, query: RegistryQuery): Promise<{ items: RegistryItemView[]; total: number }> {
    const scope = registryScope(actor);
    const rows = await this.repo.registry({
      scope,
      now: this.clock.now(),
      communeCode: query.communeCode,
      kind: query.kind,
      status: query.status,
      q: query.q,
    });
    const now = this.clock.now();
    let items: RegistryItemView[] = rows.map((r) => {
      const minimum = foundersMinimum(r.kind, r.area, r.population, r.settings);
      const today = localDate(now, r.timeZone);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        status: r.status,
        communeCode: r.communeCode,
        communeName: r.communeName,
        neighbourhoodUnit: r.neighbourhoodUnit,
        membersActive: r.membersActive,
        foundersMinimum: minimum,
        warnings: [
          ...warningsFor(
            {
              kind: r.kind,
              status: r.status,
              country: r.country,
              membersActive: r.membersActive,
              foundersMinimum: minimum,
              membersBelowMinimumSince: r.membersBelowMinimumSince,
              recognitionExpiresOn: r.recognitionExpiresOn,
            },
            today,
          ),
          ...constitutionWarnings(
            {
              status: r.status,
              assemblyDate: r.assemblyDate,
              depositedOn: r.depositedOn,
              objectedOn: r.objectedOn,
              board: r.boardKind && r.boardEndsOn ? { kind: r.boardKind, endsOn: r.boardEndsOn } : null,
            },
            today,
          ),
        ],
      };
    });
    if (query.warning === 'any') items = items.filter((i) => i.warnings.length > 0);
    else if (query.warning)
      items = items.filter((i) => i.warnings.some((w) => w.code === (query.warning as WarningCode)));
    const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length };
  }

  /** A commune's organisations in force, for anyone: names and kinds, no personal data. */
  async publicRegistry(communeCode: string): Promise<{
    commune: MunicipalityContext;
    items: { id: string; name: string; kind: string; neighbourhoodUnit: string | null; since: string | null }[];
  }> {
    const commune = await this.territory.municipalityContext(communeCode);
    if (!commune) throw AssociationException.notFound();
    return { commune, items: await this.repo.inForce(communeCode, this.today(commune)) };
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

  async view(
    association: Association,
    municipality: MunicipalityContext,
    em?: EntityManager,
  ): Promise<AssociationView> {
    const counts = await this.repo.memberCounts(association.id, em);
    const history = await this.repo.statusChanges(association.id, em);
    const minimum = foundersMinimum(association.kind, association.area, municipality.population, municipality.settings);
    const today = this.today(municipality);
    const constitution = await this.repo.constitutionDates(association.id, municipality.timeZone, today, em);
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

  // ---- checks ---------------------------------------------------------------------------------------

  private checkedDetails(
    municipality: MunicipalityContext,
    kind: AssociationKind,
    input: NewAssociation,
  ): Partial<Association> {
    const errors: FieldError[] = [];
    const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
    if (!name) errors.push(AssociationException.fieldError('name', T.nameRequired()));
    const address = (input.address ?? '').trim();
    if (!address) errors.push(AssociationException.fieldError('address', T.addressRequired()));
    if (input.area !== 'urban' && input.area !== 'rural')
      errors.push(AssociationException.fieldError('area', T.areaInvalid()));
    const neighbourhoodUnit = blank(input.neighbourhoodUnit);
    if (kind === 'neighbourhood_council' && !neighbourhoodUnit)
      errors.push(AssociationException.fieldError('neighbourhoodUnit', T.neighbourhoodUnitRequired()));
    let rut: string | null = null;
    let ruc: string | null = null;
    const orgDoc = municipality.settings.identity.organisation;
    if (blank(input.rut)) {
      if (orgDoc !== 'rut') errors.push(AssociationException.fieldError('rut', T.useRuc()));
      else {
        const parsed = parseOrganisationDocument('rut', input.rut as string);
        if (parsed.ok) rut = parsed.value;
        else errors.push({ field: 'rut', message: documentProblem('rut', 'rut', parsed.reason) });
      }
    }
    if (blank(input.ruc)) {
      if (orgDoc !== 'ruc') errors.push(AssociationException.fieldError('ruc', T.useRut()));
      else {
        const parsed = parseOrganisationDocument('ruc', input.ruc as string);
        if (parsed.ok) ruc = parsed.value;
        else errors.push({ field: 'ruc', message: documentProblem('ruc', 'ruc', parsed.reason) });
      }
    }
    const email = blank(input.contactEmail)?.toLowerCase() ?? null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.push(AssociationException.fieldError('contactEmail', T.emailInvalid({ field: 'contactEmail' })));
    if (errors.length) throw AssociationException.invalid(errors);
    return {
      name,
      nameKey: foldForSearch(name),
      area: input.area as Area,
      address,
      neighbourhoodUnit,
      rut,
      ruc,
      contactName: blank(input.contactName),
      contactPhone: blank(input.contactPhone),
      contactEmail: email,
      description: blank(input.description),
    };
  }

  private checkedRegistration(
    input: { registryNumber?: string | null; registeredOn?: string | null },
    today: string,
  ): Partial<Association> {
    const errors: FieldError[] = [];
    if (!blank(input.registryNumber))
      errors.push(AssociationException.fieldError('registryNumber', T.registryNumberRequired()));
    const registeredOn = input.registeredOn ? parseCalendarDate(input.registeredOn) : null;
    if (!input.registeredOn) errors.push(AssociationException.fieldError('registeredOn', T.registeredOnRequired()));
    else if (!registeredOn)
      errors.push(AssociationException.fieldError('registeredOn', T.fieldValidDate({ field: 'registeredOn' })));
    else if (registeredOn > today)
      errors.push(AssociationException.fieldError('registeredOn', T.fieldFutureDate({ field: 'registeredOn' })));
    if (errors.length) throw AssociationException.invalid(errors);
    return { registryNumber: blank(input.registryNumber), registeredOn };
  }

  private checkedRecognition(
    municipality: MunicipalityContext,
    input: { recognisedBy?: string | null; recognisedOn?: string | null },
    today: string,
  ): Partial<Association> {
    const errors: FieldError[] = [];
    if (!blank(input.recognisedBy))
      errors.push(AssociationException.fieldError('recognisedBy', T.recognisedByRequired()));
    const recognisedOn = input.recognisedOn ? parseCalendarDate(input.recognisedOn) : null;
    if (!input.recognisedOn) errors.push(AssociationException.fieldError('recognisedOn', T.recognisedOnRequired()));
    else if (!recognisedOn)
      errors.push(AssociationException.fieldError('recognisedOn', T.fieldValidDate({ field: 'recognisedOn' })));
    else if (recognisedOn > today)
      errors.push(AssociationException.fieldError('recognisedOn', T.fieldFutureDate({ field: 'recognisedOn' })));
    if (errors.length) throw AssociationException.invalid(errors);
    return {
      recognisedBy: blank(input.recognisedBy),
      recognisedOn,
      recognitionExpiresOn: recognitionExpiry(recognisedOn as string, municipality.settings),
    };
  }

  private duplicate(err: unknown): never {
    const driver = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (driver?.code === '23505') {
      if (driver.constraint === 'UQ_association_rut' || driver.constraint === 'UQ_association_ruc') {
        const field = driver.constraint === 'UQ_association_rut' ? 'rut' : 'ruc';
        throw AssociationException.conflict(
          'DUPLICATE_ASSOCIATION',
          T.duplicateDocument({ document: field.toUpperCase() }),
          field,
        );
      }
      throw AssociationException.conflict('DUPLICATE_ASSOCIATION', T.duplicateName(), 'name');
    }
    throw err;
  }
}
