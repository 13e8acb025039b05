// Decides whether a verified caller may use a route: one of the route's roles, from the `roles` claim only.
import { ForbiddenError } from './errors';
import type { Principal } from './principal';
import { hasAnyRole, type Role } from './roles';

/** Throws ForbiddenError unless the principal holds one of `allowed`. An empty list allows nobody. */
export function authorize(principal: Principal, allowed: readonly Role[]): void {
  if (!hasAnyRole(principal.roles, allowed)) throw new ForbiddenError('role', allowed);
}
