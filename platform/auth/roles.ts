/**
 * The people who use care-reviews, by what they do. A token's `roles` claim holds these names.
 */
export const ROLES = ['iro-unit', 'iro', 'social-worker', 'team-manager', 'service-manager', 'strategic-manager', 'operator'] as const;

export type Role = (typeof ROLES)[number];

/** Roles that see only their own team's children: the `team` claim scopes them. */
export const TEAM_SCOPED: readonly Role[] = ['social-worker', 'team-manager'];

/** Everyone who works on children's cases; the operator runs the system and sees no case data. */
export const CASE_ROLES: readonly Role[] = ['iro-unit', 'iro', 'social-worker', 'team-manager', 'service-manager', 'strategic-manager'];

export const ANY_ROLE: readonly Role[] = ROLES;

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

export interface Principal {
  /** The user's staff id (the token's subject); recorded in the audit log. */
  userId: string;
  roles: Role[];
  /** The user's team code, for team-scoped roles. */
  team?: string;
}

/** True when every role the user holds that could see this team's child is team-scoped to another team. */
export function seesTeam(p: Principal, team: string | undefined): boolean {
  if (p.roles.some((r) => !TEAM_SCOPED.includes(r) && CASE_ROLES.includes(r))) return true;
  return p.team !== undefined && team !== undefined && p.team === team;
}
