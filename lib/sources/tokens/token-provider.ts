// How a cloud source gets an access token for its service: for the signed-in user (on-behalf-of, with the
// caller's own token) or for Huntboard itself (client credentials). Tests use a fake; production uses MSAL.
import type { Caller } from '@/lib/sources/types';

export type SourceAuthMode = 'obo' | 'client-credentials';

export interface TokenProvider {
  readonly mode: SourceAuthMode;
  /**
   * An access token for `scopes`. On-behalf-of providers need the caller's access token and throw a
   * SourceError without one. The token is for the Authorization header only: never log it.
   */
  getToken(scopes: readonly string[], caller: Caller | undefined): Promise<string>;
}

/** The scopes a source asks for: a delegated permission on behalf of a user, `.default` for the app itself. */
export function scopesFor(mode: SourceAuthMode, resource: string, delegated: string): string[] {
  const origin = new URL(resource).origin;
  return [mode === 'obo' ? `${origin}/${delegated}` : `${origin}/.default`];
}
