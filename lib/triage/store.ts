// The TriageStore over an open triage database: verdicts, custom exclusions, tool approvals, the audit log
// and run snapshots, the same code on PGlite and PostgreSQL.
import 'server-only';
import { createApproval, readApprovals, revokeApproval, updateApproval } from './approval-store';
import { readAudit } from './audit-log';
import type { TriageDatabase } from './database';
import { createExclusion, readExclusions, removeExclusion, setExclusionEnabled } from './exclusion-store';
import { readSnapshots, writeSnapshot } from './snapshot-store';
import type { TriageStore } from './types';
import { readVerdict, readVerdicts, readVerdictsOf, writeVerdicts } from './verdict-store';

export function createTriageStore(database: TriageDatabase): TriageStore {
  const { db } = database;
  return {
    kind: database.kind,
    verdicts: (huntId) => readVerdicts(db, huntId),
    verdictsOf: (huntIds) => readVerdictsOf(db, huntIds),
    verdict: (huntId, deviceId) => readVerdict(db, huntId, deviceId),
    setVerdict: async (change, actor) => {
      const [verdict] = await writeVerdicts(db, [change], actor);
      return verdict as NonNullable<typeof verdict>;
    },
    setVerdicts: (changes, actor) => writeVerdicts(db, changes, actor),
    customExclusions: (huntId) => readExclusions(db, huntId),
    createCustomExclusion: (huntId, input, actor) => createExclusion(db, huntId, input, actor),
    setCustomExclusionEnabled: (huntId, id, enabled, expectedVersion, actor, reason) =>
      setExclusionEnabled(db, huntId, id, enabled, expectedVersion, actor, reason),
    removeCustomExclusion: (huntId, id, reason, actor) => removeExclusion(db, huntId, id, reason, actor),
    toolApprovals: () => readApprovals(db),
    createToolApproval: (input, actor) => createApproval(db, input, actor),
    updateToolApproval: (id, input, expectedVersion, actor) =>
      updateApproval(db, id, input, expectedVersion, actor),
    revokeToolApproval: (id, expectedVersion, reason, actor) =>
      revokeApproval(db, id, expectedVersion, reason, actor),
    audit: (filter) => readAudit(db, filter),
    recordSnapshot: (snapshot) => writeSnapshot(db, snapshot),
    snapshots: (huntId, from, to) => readSnapshots(db, huntId, from, to),
    close: () => database.close(),
  };
}
