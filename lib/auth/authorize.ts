// Decides whether a verified caller may use a route: one of the route's roles, from the `roles` claim only.
import { ForbiddenError } from './errors';
import type { Principal } from './principal';
import type { Role } from './roles';

/** Throws ForbiddenError unless the principal holds one of `allowed`. An empty list allows nobody. */
export function authorize(principal: Principal, allowed: readonly Role[]): void {
  if (!allowed.some((role) => principal.roles.includes(role))) throw new ForbiddenError('role', allowed);
}
