// Builds the cloud source the settings name (Defender XDR, Sentinel or Azure Data Explorer), with its token
// provider and behind the guard that checks, caches, shares and rations its queries.
import 'server-only';
import { adxTables, type Settings } from '@/lib/env';
import { createAdxSource } from '@/lib/sources/adx/adx-source';
import { createDefenderSource } from '@/lib/sources/defender/defender-source';
import { createSentinelSource } from '@/lib/sources/sentinel/sentinel-source';
import { type GuardedSource, guardSource } from '@/lib/sources/source-guard';
import { createMsalTokenProvider } from '@/lib/sources/tokens/msal-token-provider';
import type { SourceAuthMode, TokenProvider } from '@/lib/sources/tokens/token-provider';
import type { CloudSource } from './cloud-source';

export type CloudSourceId = Exclude<Settings['HUNTBOARD_SOURCE'], 'embedded'>;

/** How the source gets tokens; production uses MSAL with the SOURCE_* app registration. */
export type TokenProviderFactory = (mode: SourceAuthMode) => TokenProvider;

function msalTokens(s: Settings): TokenProviderFactory {
  return (mode) => {
    // parseSettings has already refused a cloud source without these.
    if (!s.SOURCE_TENANT_ID || !s.SOURCE_CLIENT_ID || !s.SOURCE_CLIENT_SECRET)
      throw new Error('SOURCE_TENANT_ID, SOURCE_CLIENT_ID and SOURCE_CLIENT_SECRET are required.');
    return createMsalTokenProvider({
      mode,
      tenantId: s.SOURCE_TENANT_ID,
      clientId: s.SOURCE_CLIENT_ID,
      clientSecret: s.SOURCE_CLIENT_SECRET,
      authorityHost: s.SOURCE_AUTHORITY_HOST,
    });
  };
}

function unguarded(id: CloudSourceId, s: Settings, tokens: TokenProviderFactory): CloudSource {
  const timeoutMs = s.HUNTBOARD_QUERY_TIMEOUT_MS;
  const tenantId = s.SOURCE_TENANT_ID;
  switch (id) {
    case 'defender':
      return createDefenderSource({
        graphUrl: s.DEFENDER_GRAPH_URL,
        tokens: tokens(s.DEFENDER_AUTH_MODE),
        timeoutMs,
        tenantId,
      });
    case 'sentinel':
      if (!s.SENTINEL_WORKSPACE_ID) throw new Error('SENTINEL_WORKSPACE_ID is required.');
      return createSentinelSource({
        endpoint: s.SENTINEL_ENDPOINT,
        workspaceId: s.SENTINEL_WORKSPACE_ID,
        workspaceResourceId: s.SENTINEL_WORKSPACE_RESOURCE_ID,
        tokens: tokens(s.SENTINEL_AUTH_MODE),
        timeoutMs,
        tenantId,
      });
    case 'adx':
      if (!s.ADX_CLUSTER_URL || !s.ADX_DATABASE)
        throw new Error('ADX_CLUSTER_URL and ADX_DATABASE are required.');
      return createAdxSource({
        clusterUrl: s.ADX_CLUSTER_URL,
        database: s.ADX_DATABASE,
        tables: adxTables(s),
        tokens: tokens(s.ADX_AUTH_MODE),
        timeoutMs,
      });
  }
}

export function cloudSourceFromSettings(
  id: CloudSourceId,
  s: Settings,
  tokens: TokenProviderFactory = msalTokens(s),
): GuardedSource {
  return guardSource(unguarded(id, s, tokens), {
    cacheTtlMs: s.HUNTBOARD_CACHE_TTL_SECONDS * 1000,
    ratePerMinute: s.HUNTBOARD_RATE_LIMIT_PER_MINUTE,
    retries: s.HUNTBOARD_SOURCE_RETRIES,
  });
}
