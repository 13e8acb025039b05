// Who is calling, as read from a verified access token: the identity for audit and the roles for access.
import type { JWTPayload } from 'jose';
import { type Role, rolesFromClaim } from './roles';

export interface Principal {
  /** Stable identifier for audit trails: Entra ID's object id (`oid`) where present, else `sub`. */
  id: string;
  subject: string;
  tenantId?: string;
  /** For display only. */
  name?: string;
  /** For display only (`preferred_username`); users can often change it, so it never decides access. */
  username?: string;
  /** App roles from the `roles` claim that Huntboard knows; others are ignored. */
  roles: readonly Role[];
  /** Delegated scopes from `scp` (Entra ID) or `scope` (RFC 9068, oidc-provider). */
  scopes: readonly string[];
  /** The application that obtained the token (`azp` in Entra ID v2, `client_id` in RFC 9068). */
  clientId?: string;
}

export function principalFromClaims(claims: JWTPayload): Principal {
  const subject = text(claims.sub) ?? '';
  const objectId = text(claims.oid);
  const tenantId = text(claims.tid);
  const name = text(claims.name);
  const username = text(claims.preferred_username);
  const clientId = text(claims.azp) ?? text(claims.client_id);
  return {
    id: objectId ?? subject,
    subject,
    ...(tenantId ? { tenantId } : {}),
    ...(name ? { name } : {}),
    ...(username ? { username } : {}),
    roles: rolesFromClaim(claims.roles),
    scopes: scopesOf(claims),
    ...(clientId ? { clientId } : {}),
  };
}

/**
 * Both claim names are read: Entra ID writes `scp`, RFC 9068 issuers such as oidc-provider write `scope`; both
 * are space-separated strings (the verifier refuses a token where either is anything else).
 */
export function scopesOf(claims: JWTPayload): string[] {
  const values = [claims.scp, claims.scope].flatMap((value) =>
    typeof value === 'string' ? value.split(' ') : [],
  );
  return [...new Set(values.filter(Boolean))];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
