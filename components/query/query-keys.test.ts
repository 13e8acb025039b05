// Each change marks stale the queries that show it, and no other hunt's: checked on a real query cache.
import { describe, expect, it } from 'vitest';
import { invalidateAfter, makeQueryClient } from './query-client';
import { type Change, queryKeys } from './query-keys';

const cached = {
  catalog: queryKeys.catalog(),
  run: queryKeys.run('h1', '7d', ['rule-a']),
  otherRun: queryKeys.run('h2', null, []),
  verdicts: queryKeys.verdicts('h1'),
  history: queryKeys.verdictHistory('h1', 'dev-1'),
  otherVerdicts: queryKeys.verdicts('h2'),
  evidence: queryKeys.evidence('h1', 'dev-1', { lookback: null, exclude: [], limit: 100 }),
  custom: queryKeys.customExclusions('h1'),
  otherCustom: queryKeys.customExclusions('h2'),
  trends: queryKeys.trends('h1', '30d', []),
  unapproved: queryKeys.unapprovedRmm('30d'),
  audit: queryKeys.audit({ huntId: 'h1' }),
  approvals: queryKeys.approvals(),
  sweep: queryKeys.sweep('30d'),
  /** A tool's devices page: the sweep of its hunts alone. */
  toolSweep: queryKeys.sweep('30d', 'AnyDesk'),
};
type Name = keyof typeof cached;

async function staleAfter(change: Change): Promise<Name[]> {
  const client = makeQueryClient();
  for (const key of Object.values(cached)) client.setQueryData(key, { cached: true });
  await invalidateAfter(client, change);
  return (Object.keys(cached) as Name[]).filter((name) => client.getQueryState(cached[name])?.isInvalidated);
}

describe('what a change makes stale', () => {
  it('a verdict: the hunt’s verdicts and histories, its trends, the sweep and the audit log', async () => {
    expect(await staleAfter({ kind: 'verdicts', huntId: 'h1' })).toEqual([
      'verdicts',
      'history',
      'trends',
      'audit',
      'sweep',
      'toolSweep',
    ]);
  });

  it('a custom exclusion: the hunt’s list, runs, evidence and trends, the sweep, the unapproved trend and the audit log', async () => {
    expect(await staleAfter({ kind: 'custom-exclusions', huntId: 'h1' })).toEqual([
      'run',
      'evidence',
      'custom',
      'trends',
      'unapproved',
      'audit',
      'sweep',
      'toolSweep',
    ]);
  });

  it('an approval: the approvals, the sweep, the unapproved trend and the audit log', async () => {
    expect(await staleAfter({ kind: 'approvals' })).toEqual([
      'unapproved',
      'audit',
      'approvals',
      'sweep',
      'toolSweep',
    ]);
  });
});

describe('query keys', () => {
  it('hold the request, so the same hunt, window and rules share one entry and others do not', () => {
    const client = makeQueryClient();
    client.setQueryData(queryKeys.run('h1', '7d', ['a', 'b']), 'first');
    expect(client.getQueryData(queryKeys.run('h1', '7d', ['a', 'b']))).toBe('first');
    expect(client.getQueryData(queryKeys.run('h1', '7d', ['a']))).toBeUndefined();
    expect(client.getQueryData(queryKeys.run('h1', null, ['a', 'b']))).toBeUndefined();
  });
});
