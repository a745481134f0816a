import { Injectable } from '@nestjs/common';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Actor, hasRole, isAdmin } from '../common/access/actor';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssociationException } from './associations.exception';
import { AssociationsRepository } from './associations.repository';
import type { Association } from './entities/association.entity';

/** What a caller may do with one association (API.md "Who may do what"). */
export interface AssociationRights {
  /** See the association page (summary, status, warnings). */
  read: boolean;
  /** See the roster. */
  readRoster: boolean;
  /** Add, edit, suspend, end members; import; export. */
  editRoster: boolean;
  /** Edit the association's details (name, address, contacts). */
  editDetails: boolean;
  /** Registry acts of the municipality: recognition, registration, identity corrections, erasure. */
  municipal: boolean;
  /** See identity numbers unmasked (DOM-DATA-1). */
  seeIdentity: boolean;
  /** Schedule, convene, move and cancel meetings, set the agenda and take attendance (API.md: the association's officers). */
  meetings: boolean;
}

const NONE: AssociationRights = {
  read: false,
  readRoster: false,
  editRoster: false,
  editDetails: false,
  municipal: false,
  seeIdentity: false,
  meetings: false,
};

/** The rights of `actor` on an association of `communeCode` with id `associationId`. */
export function rightsOn(actor: Actor, association: { id: string; communeCode: string }): AssociationRights {
  const officer = hasRole(actor, 'association_officer', association.id);
  if (isAdmin(actor) || hasRole(actor, 'municipal_officer', association.communeCode)) {
    // the municipality keeps the registry; the association's own meetings are its officers' (API.md)
    return {
      read: true,
      readRoster: true,
      editRoster: true,
      editDetails: true,
      municipal: true,
      seeIdentity: true,
      meetings: isAdmin(actor) || officer,
    };
  }
  if (officer) {
    return {
      ...NONE,
      read: true,
      readRoster: true,
      editRoster: true,
      editDetails: true,
      seeIdentity: true,
      meetings: true,
    };
  }
  // The commune's faith minister reads rosters (founders are checked against them) with RUTs masked.
  if (hasRole(actor, 'faith_minister', association.communeCode)) return { ...NONE, read: true, readRoster: true };
  if (hasRole(actor, 'association_member', association.id)) return { ...NONE, read: true };
  return NONE;
}

/** Communes and associations whose registry entries the actor sees; null for admins (every commune). */
export function registryScope(actor: Actor): { communeCodes: string[]; associationIds: string[] } | null {
  if (isAdmin(actor)) return null;
  const associationIds = actor.roles
    .filter((r) => r.scopeType === 'association' && r.scopeId)
    .map((r) => r.scopeId as string);
  const communeCodes = actor.roles
    .filter((r) => (r.role === 'municipal_officer' || r.role === 'faith_minister') && r.scopeId)
    .map((r) => r.scopeId as string);
  return { communeCodes, associationIds };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads an association for an actor and checks a right: 404 when it does not exist or lies outside every
 * scope of the actor (audited, without revealing existence), 403 when in scope but the role lacks the right.
 */
@Injectable()
export class AssociationAccess {
  /** Modules above that grant read access (a program officer reads the associations enrolled in their program). */
  private readonly readers: ((actor: Actor, associationId: string) => Promise<boolean>)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AssociationsRepository,
    private readonly audit: AuditService,
  ) {}

  async load(
    actor: Actor,
    associationId: string,
    right: keyof AssociationRights,
    context: AuditContext = {},
  ): Promise<{ association: Association; rights: AssociationRights }> {
    const association = UUID.test(associationId) ? await this.repo.findAssociation(associationId) : null;
    if (!association) throw AssociationException.notFound();
    let rights = rightsOn(actor, association);
    // DOM-PRG-6: officers of a program the association is enrolled in read (never edit) its page, meetings and actas
    if (!rights.read && (await this.grantedReading(actor, association.id))) rights = { ...NONE, read: true };
    if (!rights.read) {
      await this.audit.deniedOutsideScope(
        context,
        actor,
        { objectType: 'association', objectId: association.id, scopeType: 'commune', scopeId: association.communeCode },
        this.dataSource.manager,
      );
      throw AssociationException.notFound();
    }
    if (!rights[right]) throw AssociationException.forbidden();
    return { association, rights };
  }

  /** A module above registers who else reads an association (read only): the programs module, its officers. */
  registerReader(reader: (actor: Actor, associationId: string) => Promise<boolean>): void {
    this.readers.push(reader);
  }

  private async grantedReading(actor: Actor, associationId: string): Promise<boolean> {
    for (const reader of this.readers) if (await reader(actor, associationId)) return true;
    return false;
  }
}
