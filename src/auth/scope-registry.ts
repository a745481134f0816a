import { Injectable } from '@nestjs/common';
import type { RoleGrant, ScopeType } from '../common/access/roles';

/** What a feature module tells identity about its scopes (associations now; tables and programs later). */
export interface ScopeResolver {
  /** The commune an object of this scope belongs to, or null when it does not exist. */
  communeOf(scopeId: string): Promise<string | null>;
  /** The ids of this scope's objects in these communes (for an officer's user list). */
  idsInCommunes(communeCodes: string[]): Promise<string[]>;
  /** Whether the object exists, for scopes whose objects may lie in no commune (a province or region table). */
  exists?(scopeId: string): Promise<boolean>;
}

/**
 * Feature scopes plug in here at start-up (`register('association', resolver)`), so identity can check a
 * role's scope and a municipal officer's reach without depending on the feature modules.
 */
@Injectable()
export class ScopeRegistry {
  private readonly resolvers = new Map<ScopeType, ScopeResolver>();
  private readonly derived: ((personId: string) => Promise<RoleGrant[]>)[] = [];
  private communeCheck: ((code: string) => Promise<boolean>) | null = null;

  /** The territory module says which communes exist (with a municipality), so identity does not import it. */
  registerCommunes(check: (code: string) => Promise<boolean>): void {
    this.communeCheck = check;
  }

  /** Whether a commune with a municipality exists under that code. */
  async communeExists(code: string): Promise<boolean> {
    return !!this.communeCheck && (await this.communeCheck(code));
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
