import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/access/actor';
import type { RoleGrant, ScopeType } from '../common/access/roles';

/** What a feature module tells identity about its scopes (associations now; tables and programs later). */
export interface ScopeResolver {
  /** The commune an object of this scope belongs to, or null when it does not exist. */
  communeOf(scopeId: string): Promise<string | null>;
  /** The ids of this scope's objects in these communes (for an officer's user list). */
  idsInCommunes(communeCodes: string[]): Promise<string[]>;
  /** Whether the object exists, for scopes whose objects may lie in no commune (a province or region table). */
  exists?(scopeId: string): Promise<boolean>;
  /** The objects' names by id, so pages and mails name a role's scope (never its id). */
  names?(scopeIds: string[]): Promise<Map<string, string>>;
  /** The objects a role of this scope may name, by name: all (`null`) or those of some communes (an officer's). */
  choices?(communeCodes: string[] | null): Promise<{ id: string; name: string }[]>;
  /**
   * Whether `actor` runs the object and may give this role on it without being an administrator or its
   * commune's officer (a table's coordinator gives accounts to its representatives).
   */
  mayGrant?(actor: Actor, grant: RoleGrant): Promise<boolean>;
}

/** Communes as identity sees them: whether one exists, and their names (the territory module answers). */
export interface CommuneDirectory {
  exists(code: string): Promise<boolean>;
  names(codes: string[] | null): Promise<{ id: string; name: string }[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Feature scopes plug in here at start-up (`register('association', resolver)`), so identity can check a
 * role's scope and a municipal officer's reach without depending on the feature modules.
 */
@Injectable()
export class ScopeRegistry {
  private readonly resolvers = new Map<ScopeType, ScopeResolver>();
  private readonly derived: ((personId: string) => Promise<RoleGrant[]>)[] = [];
  private communes: CommuneDirectory | null = null;

  /** The territory module says which communes exist (with a municipality) and their names, so identity does not import it. */
  registerCommunes(directory: CommuneDirectory): void {
    this.communes = directory;
  }

  /** Whether a commune with a municipality exists under that code. */
  async communeExists(code: string): Promise<boolean> {
    return !!this.communes && (await this.communes.exists(code));
  }

  /** The names of the objects of one scope type, by id (communes by code); unknown ids are left out. */
  async names(scopeType: ScopeType, ids: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter(Boolean))];
    if (!wanted.length) return new Map();
    if (scopeType === 'commune')
      return new Map((await (this.communes?.names(wanted) ?? Promise.resolve([]))).map((c) => [c.id, c.name]));
    const resolver = this.resolvers.get(scopeType);
    const valid = wanted.filter((id) => UUID.test(id));
    if (!resolver?.names || !valid.length) return new Map();
    return resolver.names(valid);
  }

  /** What a role of this scope type may be given on, by name: everything, or the objects of some communes. */
  async choices(scopeType: ScopeType, communeCodes: string[] | null): Promise<{ id: string; name: string }[]> {
    if (scopeType === 'platform') return [];
    if (scopeType === 'commune') return (await this.communes?.names(communeCodes)) ?? [];
    const resolver = this.resolvers.get(scopeType);
    if (!resolver?.choices) return [];
    // objects in no commune (a region's table, a program) are an administrator's to give
    if (communeCodes && !communeCodes.length) return [];
    return resolver.choices(communeCodes);
  }

  /** Whether the feature that owns the grant's object lets `actor` give it (the object's own managers). */
  async mayGrant(actor: Actor, grant: RoleGrant): Promise<boolean> {
    const resolver = this.resolvers.get(grant.scopeType);
    return (
      !!resolver?.mayGrant && !!grant.scopeId && UUID.test(grant.scopeId) && (await resolver.mayGrant(actor, grant))
    );
  }

  /** A source of roles that follow from a person's position (a board seat), not from an assignment. */
  registerDerivedRoles(source: (personId: string) => Promise<RoleGrant[]>): void {
    this.derived.push(source);
  }

  /** The roles a person holds today through their positions. */
  async derivedRoles(personId: string): Promise<RoleGrant[]> {
    const out: RoleGrant[] = [];
    for (const source of this.derived) out.push(...(await source(personId)));
    return out;
  }

  register(scopeType: ScopeType, resolver: ScopeResolver): void {
    this.resolvers.set(scopeType, resolver);
  }

  has(scopeType: ScopeType): boolean {
    return this.resolvers.has(scopeType);
  }

  async communeOf(scopeType: ScopeType, scopeId: string | null): Promise<string | null> {
    if (scopeType === 'commune') return scopeId;
    const resolver = this.resolvers.get(scopeType);
    if (!resolver || !scopeId || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(scopeId))
      return null;
    return resolver.communeOf(scopeId);
  }

  /** Whether an object of this scope exists (with a commune, or without one where the scope allows it). */
  async exists(scopeType: ScopeType, scopeId: string | null): Promise<boolean> {
    if ((await this.communeOf(scopeType, scopeId)) !== null) return true;
    const resolver = this.resolvers.get(scopeType);
    if (
      !resolver?.exists ||
      !scopeId ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(scopeId)
    )
      return false;
    return resolver.exists(scopeId);
  }

  /** Every scope id (of every registered type) lying in these communes. */
  async idsInCommunes(communeCodes: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const resolver of this.resolvers.values()) out.push(...(await resolver.idsInCommunes(communeCodes)));
    return out;
  }
}
