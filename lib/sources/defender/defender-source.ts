// Microsoft Defender XDR advanced hunting through Microsoft Graph (POST /v1.0/security/runHuntingQuery), on
// behalf of the signed-in user or with the app's own credentials. now() is Defender's own clock: Graph has no
// way to set it, so a run shows the window Huntboard computed and Defender answers for its own now().
import 'server-only';
import { checkQueryAgainstSchema } from '@/lib/kql/schema-check';
import { columnsOf, member, shapeObjectRows } from '@/lib/sources/cloud/cells';
import type { CloudSource } from '@/lib/sources/cloud/cloud-source';
import { postJson } from '@/lib/sources/cloud/http-call';
import { defenderAdvancedHuntingUrl, defenderDevicePageUrl } from '@/lib/sources/deep-links';
import { scopesFor, type TokenProvider } from '@/lib/sources/tokens/token-provider';
import { SourceError } from '@/lib/sources/types';

/** Graph returns at most this many rows and says nothing when it stops there. */
export const GRAPH_ROW_LIMIT = 100_000;

const SERVICE = 'Microsoft Defender XDR';

export interface DefenderSourceOptions {
  /** Microsoft Graph's base URL, e.g. https://graph.microsoft.com. */
  graphUrl: string;
  tokens: TokenProvider;
  /** A call that takes longer is cut off (504); Graph itself stops at 3 minutes. */
  timeoutMs: number;
  /** The tenant, so console links open in the right one. */
  tenantId?: string;
}

export function createDefenderSource(options: DefenderSourceOptions): CloudSource {
  const endpoint = `${options.graphUrl.replace(/\/+$/, '')}/v1.0/security/runHuntingQuery`;
  const scopes = scopesFor(options.tokens.mode, options.graphUrl, 'ThreatHunting.Read.All');
  const source: CloudSource = {
    id: 'defender',
    label: 'Microsoft Defender XDR (advanced hunting)',
    perUser: options.tokens.mode === 'obo',
    links: {
      query: (kql, lookbackMs) => ({
        label: 'Open in Defender',
        url: defenderAdvancedHuntingUrl(kql, lookbackMs, options.tenantId),
      }),
      device: (deviceId) => defenderDevicePageUrl(deviceId, options.tenantId),
    },
    effectiveQuery(kql) {
      checkQueryAgainstSchema(kql, 'defender');
      return kql;
    },
    async send(kql, { signal, caller }) {
      const token = await options.tokens.getToken(scopes, caller);
      signal?.throwIfAborted();
      const { json } = await postJson({
        service: SERVICE,
        url: endpoint,
        token,
        body: { Query: kql },
        timeoutMs: options.timeoutMs,
        signal,
      });
      // Graph's documentation shows both `schema`/`results` and `Schema`/`Results`: keys are read in any case.
      const results = member(json, 'results');
      if (!Array.isArray(results)) throw new SourceError(`${SERVICE} answered without a results list.`);
      const schema = member(json, 'schema');
      const columns = Array.isArray(schema)
        ? columnsOf(schema)
        : Object.keys((results[0] as object | undefined) ?? {}).map((name) => ({ name, type: 'dynamic' }));
      return {
        columns,
        rows: shapeObjectRows(columns, results),
        truncated: results.length >= GRAPH_ROW_LIMIT,
      };
    },
    async run(kql, run) {
      return source.send(source.effectiveQuery(kql), run);
    },
  };
  return source;
}
