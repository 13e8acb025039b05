// Store errors reach a route from the one store every route shares, possibly made by another route's copy of
// the error classes (a production build bundles each route apart): they still become 409 and 404.
import { describe, expect, it, vi } from 'vitest';
import { ExclusionNotFoundError, type Verdict, VersionConflictError } from '@/lib/triage/types';
import { errorResponse } from './route-handler';

const current: Verdict = {
  huntId: 'h',
  deviceId: 'd',
  deviceName: 'ws-d',
  status: 'malicious',
  reason: null,
  scenario: null,
  reviewAfter: null,
  reference: 'INC-1',
  version: 3,
  setBy: { id: 'u', name: 'Tristan Triager' },
  setAt: '2026-11-30T10:00:00.000Z',
};

/** Another copy of the store's error classes, as a separately bundled route or a reloaded module has. */
async function otherCopy(): Promise<typeof import('@/lib/triage/types')> {
  vi.resetModules();
  return import(/* @vite-ignore */ '@/lib/triage/types');
}

describe('errorResponse for store errors', () => {
  it.each([
    ['this bundle’s class', async () => VersionConflictError],
    ['another copy of the module', async () => (await otherCopy()).VersionConflictError],
  ])('a version conflict from %s: 409 with the current value and the conflicts', async (_, errorClass) => {
    const Conflict = await errorClass();
    const response = errorResponse(new Conflict(current, 'changed', [{ deviceId: 'd', current }]));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      status: 409,
      current,
      conflicts: [{ deviceId: 'd', current }],
    });
  });

  it('an unknown exclusion from another copy of the module: 404', async () => {
    const foreign = new (await otherCopy()).ExclusionNotFoundError('No custom exclusion x.');
    expect(errorResponse(foreign).status).toBe(404);
    expect(errorResponse(new ExclusionNotFoundError('No custom exclusion x.')).status).toBe(404);
  });

  it('an error that only borrows the name stays a 500', () => {
    expect(errorResponse(Object.assign(new Error('x'), { name: 'VersionConflictError' })).status).toBe(500);
  });
});
