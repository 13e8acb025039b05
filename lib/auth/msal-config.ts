// The browser's sign-in configuration: the public values the server hands over at request time, and the
// MSAL configuration built from them in the browser. Type-only imports of MSAL, so the server and the proxy
// can use this module without loading MSAL.
import type { Configuration } from '@azure/msal-browser';
import type { AuthSettings } from '@/lib/env';

/** Where the identity provider sends the browser back: MSAL 5's redirect bridge page. */
export const REDIRECT_BRIDGE_PATH = '/auth/redirect';
/** The sign-in page; also where the provider returns the browser after sign-out. */
export const SIGN_IN_PATH = '/sign-in';
/** Where people land after signing in when they did not come from a page. */
export const HOME_PATH = '/tools';

/**
 * What the browser needs to sign in. Public by nature (it is in every sign-in URL): never a secret. Passed
 * from a server layout as props, so one build works with any settings.
 */
export interface BrowserAuthConfig {
  clientId: string;
  /** The https URL MSAL signs in against: AUTH_AUTHORITY, else AUTH_ISSUER. */
  authority: string;
  /** The API scope access tokens are requested for (AUTH_API_SCOPE). */
  apiScope: string;
}

export function browserAuthConfig(settings: AuthSettings): BrowserAuthConfig {
  return {
    clientId: settings.AUTH_CLIENT_ID,
    authority: settings.AUTH_AUTHORITY ?? settings.AUTH_ISSUER,
    apiScope: settings.AUTH_API_SCOPE,
  };
}

/** The identity provider's origin: the one place besides Huntboard the browser may fetch from or frame. */
export function authorityOrigin(config: Pick<BrowserAuthConfig, 'authority'>): string {
  return new URL(config.authority).origin;
}

/** MSAL's configuration for an app served at `appOrigin` (e.g. http://localhost:3000). */
export function msalConfiguration(config: BrowserAuthConfig, appOrigin: string): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      // Without it MSAL asks Microsoft's instance discovery about the authority, which fails offline and
      // means nothing for other providers.
      knownAuthorities: [new URL(config.authority).host],
      redirectUri: appOrigin + REDIRECT_BRIDGE_PATH,
      postLogoutRedirectUri: appOrigin + SIGN_IN_PATH,
      OIDCOptions: {
        // MSAL's default adds offline_access, which oidc-provider then refuses on refresh; refresh tokens
        // come anyway (Entra ID issues them to SPAs, the demo provider is configured to).
        defaultScopes: ['openid', 'profile'],
        // The authorization code comes back in the URL fragment, which browsers never send to a server,
        // so it cannot end up in Huntboard's or a proxy's access logs.
        responseMode: 'fragment',
      },
    },
    // Per tab and gone with it; not shared with other tabs or left behind in localStorage.
    cache: { cacheLocation: 'sessionStorage' },
    // Standard OpenID Connect: works with the demo provider and with Entra ID's v2.0 endpoints.
    system: { protocolMode: 'OIDC' },
  };
}
