// A process that opens an embedded triage database, saves a verdict and a custom exclusion, prints them as
// one JSON line once they are acknowledged, and then waits to be killed: durability.test.ts kills it without
// warning and checks that both survived.
import { openTriageStore } from '../open-store';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: write-then-wait.ts <data dir>');

const actor = { id: 'crash-writer', name: 'Crash Writer' };
const store = await openTriageStore({ kind: 'pglite', dataDir });
const verdict = await store.setVerdict(
  {
    huntId: 'a2d8dde6-007d-4bea-964d-97bb81006849',
    deviceId: 'dev-crash',
    deviceName: 'dev-crash.corp.example',
    expectedVersion: 0,
    input: { status: 'benign', reason: 'Acknowledged just before the crash' },
  },
  actor,
);
const exclusion = await store.createCustomExclusion(
  'a2d8dde6-007d-4bea-964d-97bb81006849',
  { field: 'AccountName', operator: '==', values: ['svc-backup'], reason: 'Backup service account' },
  actor,
);
process.stdout.write(`${JSON.stringify({ verdict, exclusion })}\n`);
setInterval(() => {}, 60_000);
