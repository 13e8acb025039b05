// Access tokens from Microsoft Entra ID through MSAL for Node: on-behalf-of the signed-in user, or the app's own
// (client credentials). MSAL caches tokens in memory and renews them shortly before they expire.
import 'server-only';
import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import { SourceError } from '@/lib/sources/types';
import type { SourceAuthMode, TokenProvider } from './token-provider';

export interface MsalTokenProviderOptions {
  mode: SourceAuthMode;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** e.g. https://login.microsoftonline.com (or a national cloud's). */
  authorityHost: string;
  /** Only for tests: answers MSAL's HTTP requests instead of the network. */
  networkClient?: INetworkModule;
  /** Only for tests: the authority's metadata, so MSAL does not discover it over the network. */
  authorityMetadata?: string;
  cloudDiscoveryMetadata?: string;
}

/** MSAL's errors carry an error code and Entra's description, never the assertion or the secret. */
function describeError(error: unknown): string {
  const e = error as { errorCode?: string; errorMessage?: string; message?: string };
  const text = (e.errorMessage || e.message || String(error)).split('\n')[0] ?? '';
  const clipped = text.length > 300 ? `${text.slice(0, 300)}…` : text;
  return e.errorCode ? `${e.errorCode}: ${clipped}` : clipped;
}

export function createMsalTokenProvider(options: MsalTokenProviderOptions): TokenProvider {
  const authority = `${options.authorityHost.replace(/\/+$/, '')}/${options.tenantId}`;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority,
      ...(options.authorityMetadata
        ? { authorityMetadata: options.authorityMetadata, knownAuthorities: [new URL(authority).host] }
        : {}),
      ...(options.cloudDiscoveryMetadata ? { cloudDiscoveryMetadata: options.cloudDiscoveryMetadata } : {}),
    },
    system: options.networkClient ? { networkClient: options.networkClient } : {},
  });

  return {
    mode: options.mode,
    async getToken(scopes, caller) {
      let result: Awaited<ReturnType<typeof app.acquireTokenByClientCredential>>;
      try {
        if (options.mode === 'obo') {
          if (!caller?.accessToken)
            throw new SourceError(
              'This source runs on behalf of the signed-in user, and the run has no user token. Sign in again, or set the source to client-credentials.',
            );
          result = await app.acquireTokenOnBehalfOf({
            oboAssertion: caller.accessToken,
            scopes: [...scopes],
          });
        } else {
          result = await app.acquireTokenByClientCredential({ scopes: [...scopes] });
        }
      } catch (error) {
        if (error instanceof SourceError) throw error;
        const who = options.mode === 'obo' ? 'on behalf of the signed-in user' : 'for Huntboard';
        throw new SourceError(`Could not get an access token ${who} (${describeError(error)}).`);
      }
      if (!result?.accessToken) throw new SourceError('Microsoft Entra ID returned no access token.');
      return result.accessToken;
    },
  };
}
