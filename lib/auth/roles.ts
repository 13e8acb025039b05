// The application roles, as app roles in Entra ID and the `roles` claim of access and ID tokens.

export const ROLES = ['Analyst', 'Triager', 'Manager'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The known roles in a `roles` claim, in Huntboard's order. Exact, case-sensitive names: a role is granted
 * only as the app registration spells it; anything else (another app's roles, a string) is ignored.
 */
export function rolesFromClaim(claim: unknown): Role[] {
  if (!Array.isArray(claim)) return [];
  return ROLES.filter((role) => claim.includes(role));
}

/** Whether `roles` holds at least one of `allowed`. An empty `allowed` admits nobody (deny by default). */
export function hasAnyRole(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return allowed.some((role) => roles.includes(role));
}
