// Every key of the browser's query cache, and what each kind of change makes stale. Keys nest under the
// hunt they belong to, so one prefix reaches a hunt's run, evidence, trends, verdicts and exclusions.
import type { QueryKey } from '@tanstack/react-query';

export interface AuditFilterKey {
  huntId?: string;
  entity?: string;
  since?: string;
  until?: string;
}

export const queryKeys = {
  /** The hunt catalog and the catalog files that did not load. */
  catalog: () => ['catalog'] as const,
  /** Everything that belongs to one hunt. */
  hunt: (huntId: string) => ['hunt', huntId] as const,
  runs: (huntId: string) => ['hunt', huntId, 'run'] as const,
  run: (huntId: string, lookback: string | null, exclude: readonly string[]) =>
    ['hunt', huntId, 'run', { lookback, exclude: [...exclude] }] as const,
  /** A hunt's verdicts; each device's history nests below, so a verdict change reaches both. */
  verdicts: (huntId: string) => ['hunt', huntId, 'verdicts'] as const,
  verdictHistory: (huntId: string, deviceId: string) =>
    ['hunt', huntId, 'verdicts', 'history', deviceId] as const,
  evidenceOf: (huntId: string) => ['hunt', huntId, 'evidence'] as const,
  evidence: (
    huntId: string,
    deviceId: string,
    view: { lookback: string | null; exclude: readonly string[]; limit: number },
  ) =>
    [
      'hunt',
      huntId,
      'evidence',
      deviceId,
      { lookback: view.lookback, exclude: [...view.exclude], limit: view.limit },
    ] as const,
  customExclusions: (huntId: string) => ['hunt', huntId, 'custom-exclusions'] as const,
  trendsOf: (huntId: string) => ['hunt', huntId, 'trends'] as const,
  trends: (huntId: string, range: string, exclude: readonly string[]) =>
    ['hunt', huntId, 'trends', { range, exclude: [...exclude] }] as const,
  unapprovedRmmAll: () => ['unapproved-rmm'] as const,
  unapprovedRmm: (range: string) => ['unapproved-rmm', range] as const,
  auditLog: () => ['audit'] as const,
  audit: (filter: AuditFilterKey) => ['audit', filter] as const,
  approvals: () => ['approvals'] as const,
  sweeps: () => ['sweep'] as const,
  /** The overview's sweep of every tool, or one tool's own (its devices page), under one prefix. */
  sweep: (lookback: string, tool?: string) =>
    tool === undefined ? (['sweep', lookback] as const) : (['sweep', lookback, { tool }] as const),
};

export type Change =
  | { kind: 'verdicts'; huntId: string }
  | { kind: 'custom-exclusions'; huntId: string }
  | { kind: 'approvals' };

/**
 * The queries a saved (or refused) change makes stale. Verdicts show in the hunt's trends, the audit log and
 * the sweep's reviewed devices; custom exclusions shape the hunt's runs, evidence and trends and the sweep;
 * approvals shape the sweep and the unapproved-use trend. Every change is audited. The list the change is
 * made to comes first.
 */
export function staleAfter(change: Change): QueryKey[] {
  switch (change.kind) {
    case 'verdicts':
      return [
        queryKeys.verdicts(change.huntId),
        queryKeys.trendsOf(change.huntId),
        queryKeys.sweeps(),
        queryKeys.auditLog(),
      ];
    case 'custom-exclusions':
      return [
        queryKeys.customExclusions(change.huntId),
        ...dependsOnCustomExclusions(change.huntId),
        queryKeys.sweeps(),
        queryKeys.unapprovedRmmAll(),
        queryKeys.auditLog(),
      ];
    case 'approvals':
      return [queryKeys.approvals(), queryKeys.sweeps(), queryKeys.unapprovedRmmAll(), queryKeys.auditLog()];
  }
}

/** The hunt's results that apply its custom exclusions: they follow the list when it changes. */
export function dependsOnCustomExclusions(huntId: string): QueryKey[] {
  return [queryKeys.runs(huntId), queryKeys.evidenceOf(huntId), queryKeys.trendsOf(huntId)];
}
