// A hunt's custom exclusions are limited in number and in the size of their values, on a real embedded store:
// the exclusion past a limit is refused with a 400 that names the limit, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/api/route-handler';
import type { TriageDatabase } from './database';
import { TriageInputError } from './errors';
import { createCustomExclusion } from './exclusion-service';
import { pgliteBackend, type TestDatabase, TRIAGER } from './test-support';
import type { TriageDeps } from './triage-deps';
import {
  MAX_CUSTOM_EXCLUSION_BYTES_PER_HUNT,
  MAX_CUSTOM_EXCLUSIONS_PER_HUNT,
  type TriageStore,
} from './types';

const FULL = 'hunt-full';
const LARGE = 'hunt-large';
const OTHER = 'hunt-other';
let test: TestDatabase;
let database: TriageDatabase;
let store: TriageStore;
let deps: TriageDeps;

const input = (values: string[]) => ({
  field: 'ProcessCommandLine',
  operator: values.length > 1 ? ('has_any' as const) : ('has' as const),
  values,
  reason: 'Known maintenance job',
});

/** Rows written straight into the table: the service is what is under test, not how fast it fills up. */
async function fill(huntId: string, rows: number, valueBytes: number): Promise<void> {
  await test.asOwner(
    `INSERT INTO custom_exclusions (id, hunt_id, field, operator, "values", reason, version,
       created_by_id, created_by_name, updated_by_id, updated_by_name)
     SELECT gen_random_uuid(), '${huntId}', 'ProcessCommandLine', 'has',
       jsonb_build_array(repeat('x', ${valueBytes})), 'filler', 1, 'u', 'U', 'u', 'U'
     FROM generate_series(1, ${rows})`,
    database,
  );
}

async function refusal(huntId: string, values: string[]): Promise<TriageInputError> {
  const error = await createCustomExclusion(deps, huntId, input(values), TRIAGER).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TriageInputError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  test = await pgliteBackend.fresh();
  ({ database, store } = await test.open());
  deps = {
    store,
    clock: { now: () => new Date('2026-11-01T12:00:00Z') },
    async requireHunt() {
      return { tables: ['DeviceProcessEvents'] };
    },
    async flaggedDevices() {
      return new Set();
    },
  };
});
afterAll(async () => {
  await store?.close();
  await test?.dispose();
});

describe('custom exclusion limits per hunt', () => {
  it(`take up to ${MAX_CUSTOM_EXCLUSIONS_PER_HUNT} exclusions, then refuse the next with a 400 naming the limit`, async () => {
    await fill(FULL, MAX_CUSTOM_EXCLUSIONS_PER_HUNT - 1, 10);
    await createCustomExclusion(deps, FULL, input(['last-one.ps1']), TRIAGER);
    expect((await store.customExclusions(FULL)).length).toBe(MAX_CUSTOM_EXCLUSIONS_PER_HUNT);

    const error = await refusal(FULL, ['one-too-many.ps1']);
    expect(error.extensions).toEqual({ limit: 'exclusionsPerHunt', max: MAX_CUSTOM_EXCLUSIONS_PER_HUNT });
    const response = errorResponse(error);
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.detail).toContain(`(${MAX_CUSTOM_EXCLUSIONS_PER_HUNT})`);
    expect(problem.limit).toBe('exclusionsPerHunt');
    expect((await store.customExclusions(FULL)).length).toBe(MAX_CUSTOM_EXCLUSIONS_PER_HUNT);
    // Another hunt has its own allowance.
    await createCustomExclusion(deps, OTHER, input(['fine.ps1']), TRIAGER);
    expect((await store.customExclusions(OTHER)).length).toBe(1);
  });

  it('refuse values that would take the hunt past 1 MiB, counted in UTF-8 bytes', async () => {
    const rows = 103;
    await fill(LARGE, rows, 10_000);
    const room = MAX_CUSTOM_EXCLUSION_BYTES_PER_HUNT - rows * 10_000; // 18,576 bytes
    const long = Array.from({ length: 18 }, (_, i) => `${String(i).padStart(2, '0')}${'y'.repeat(998)}`);
    // 'é' is two bytes in UTF-8: 288 of them fill the room exactly; one more character is one byte too many.
    const accents = 'é'.repeat((room - 18_000) / 2);
    const error = await refusal(LARGE, [...long, `${accents}a`]);
    expect(error.field).toBe('values');
    expect(error.extensions).toEqual({
      limit: 'valueBytesPerHunt',
      max: MAX_CUSTOM_EXCLUSION_BYTES_PER_HUNT,
    });
    expect(errorResponse(error).status).toBe(400);
    expect((await store.customExclusions(LARGE)).length).toBe(rows);
    // Exactly at the limit is allowed.
    await createCustomExclusion(deps, LARGE, input([...long, accents]), TRIAGER);
    expect((await store.customExclusions(LARGE)).length).toBe(rows + 1);
  });

  it('let concurrent creations past the last free place one at a time', async () => {
    const hunt = 'hunt-race';
    await fill(hunt, MAX_CUSTOM_EXCLUSIONS_PER_HUNT - 1, 10);
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) => createCustomExclusion(deps, hunt, input([`racer-${i}.ps1`]), TRIAGER)),
    );
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    expect((await store.customExclusions(hunt)).length).toBe(MAX_CUSTOM_EXCLUSIONS_PER_HUNT);
  });
});
