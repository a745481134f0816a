/** Roles and the scope each one lives in (API.md enumerations; ARCHITECTURE.md §4). */
export const ROLES = {
  admin: 'platform',
  municipal_officer: 'commune',
  faith_minister: 'commune',
  program_officer: 'program',
  table_coordinator: 'table',
  table_participant: 'table',
  association_officer: 'association',
  association_member: 'association',
} as const;

export type Role = keyof typeof ROLES;
export type ScopeType = (typeof ROLES)[Role];
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && value in ROLES;
}

/** Roles a municipal officer may give, within their own commune (API.md "Who may do what"). */
export const MUNICIPAL_OFFICER_GRANTS: readonly Role[] = [
  'faith_minister',
  'association_officer',
  'association_member',
  'table_coordinator',
];

export interface RoleGrant {
  role: Role;
  scopeType: ScopeType;
  /** The commune code, or the association/table/program id; null for the platform (admin). */
  scopeId: string | null;
  /** Set when the role is not assigned but follows from something else (a board seat): not stored, not revocable here. */
  source?: 'board_seat';
}
