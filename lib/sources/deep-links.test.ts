// Console links decode back to exactly the query they were made from, for any text (fast-check), and have the
// shape the consoles expect.
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED_QUERY } from '@/lib/kql/test-support';
import {
  decodeDefenderQuery,
  decodeLogsQuery,
  defenderAdvancedHuntingUrl,
  defenderDevicePageUrl,
  encodeDefenderQuery,
  sentinelLogsUrl,
} from './deep-links';

const DAY = 86_400_000;
const RESOURCE_ID =
  '/subscriptions/1111/resourceGroups/soc rg/providers/Microsoft.OperationalInsights/workspaces/ws-1';

describe('Defender advanced hunting', () => {
  it('the query parameter is UTF-16LE, gzipped, base64url, URL-encoded, and decodes back', () => {
    const url = new URL(defenderAdvancedHuntingUrl(SEED_QUERY, 5 * DAY));
    expect(url.href.startsWith('https://security.microsoft.com/v2/advanced-hunting?query=')).toBe(true);
    const encoded = url.searchParams.get('query') ?? '';
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(decodeDefenderQuery(encoded)).toBe(SEED_QUERY);
    // UTF-16LE, not UTF-8: two bytes per character of the plain-ASCII query.
    const raw = gunzipSync(Buffer.from(encoded.replaceAll('-', '+').replaceAll('_', '/'), 'base64'));
    expect(raw.length).toBe(SEED_QUERY.length * 2);
    expect(url.searchParams.get('timeRangeId')).toBe('week');
    expect(url.searchParams.has('tid')).toBe(false);
  });

  it('any text survives the round trip, including quotes, non-ASCII and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (kql) => {
        const url = new URL(defenderAdvancedHuntingUrl(kql, DAY));
        expect(decodeDefenderQuery(url.searchParams.get('query') ?? '')).toBe(kql);
      }),
    );
  });

  it('the time range covers the lookback; the tenant is named when known', () => {
    const params = (ms: number) =>
      new URL(defenderAdvancedHuntingUrl('T', ms, 'contoso-tenant')).searchParams;
    expect(params(12 * 3_600_000).get('timeRangeId')).toBe('day');
    expect(params(7 * DAY).get('timeRangeId')).toBe('week');
    expect(params(30 * DAY).get('timeRangeId')).toBe('month');
    expect(params(DAY).get('tid')).toBe('contoso-tenant');
  });

  it('uses only the URL-safe base64 alphabet', () => {
    // Enough varied text that standard base64 would produce + and /.
    const text = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x20 + ((i * 37) % 0x5e))).join(
      '',
    );
    expect(encodeDefenderQuery(text)).not.toMatch(/[+/]/);
  });
});

describe('Defender device page', () => {
  it('the device id is a path segment, encoded', () => {
    expect(defenderDevicePageUrl('5f0c1a2b3c4d')).toBe(
      'https://security.microsoft.com/machines/v2/5f0c1a2b3c4d/overview',
    );
    expect(defenderDevicePageUrl('a/b?c', 't-1')).toBe(
      'https://security.microsoft.com/machines/v2/a%2Fb%3Fc/overview?tid=t-1',
    );
  });
});

describe('Sentinel Logs blade', () => {
  it('the workspace and the query (UTF-8, gzipped, base64, URL-encoded) decode back', () => {
    const url = sentinelLogsUrl(SEED_QUERY, 5 * DAY, RESOURCE_ID, 'contoso-tenant');
    expect(
      url.startsWith(
        'https://portal.azure.com/#@contoso-tenant/blade/Microsoft_OperationsManagementSuite_Workspace/Logs.ReactView/',
      ),
    ).toBe(true);
    const segments = url.split('#')[1]?.split('/') ?? [];
    const segmentAfter = (name: string) => segments[segments.indexOf(name) + 1] ?? '';
    expect(decodeURIComponent(segmentAfter('resourceId'))).toBe(RESOURCE_ID);
    expect(decodeLogsQuery(decodeURIComponent(segmentAfter('q')))).toBe(SEED_QUERY);
    expect(segmentAfter('timespan')).toBe('P5D');
    expect(sentinelLogsUrl('T', 12 * 3_600_000, RESOURCE_ID)).toMatch(
      /^https:\/\/portal\.azure\.com\/#\/blade\/.*\/timespan\/PT12H$/,
    );
  });
});
