// Store errors reach a route from the one store every route shares, possibly made by another route's copy of
// the error classes (a production build bundles each route apart): they still become 409 and 404.
import { describe, expect, it } from 'vitest';
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

/** What another bundle's copy of the class looks like from here: same name and fields, another class. */
class ForeignVersionConflictError extends Error {
  override name = 'VersionConflictError';
  readonly conflicts = [{ deviceId: 'd', current }];
  constructor(readonly current: Verdict | null) {
    super('Someone changed this verdict since you loaded it.');
  }
}

describe('errorResponse for store errors', () => {
  it.each([
    ['this bundle’s class', new VersionConflictError(current, 'changed', [{ deviceId: 'd', current }])],
    ['another bundle’s copy', new ForeignVersionConflictError(current)],
  ])('a version conflict from %s: 409 with the current value and the conflicts', async (_, error) => {
    const response = errorResponse(error);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      status: 409,
      current,
      conflicts: [{ deviceId: 'd', current }],
    });
  });

  it('an unknown exclusion from another bundle’s copy: 404', () => {
    const foreign = Object.assign(new Error('No custom exclusion x.'), { name: 'ExclusionNotFoundError' });
    expect(errorResponse(foreign).status).toBe(404);
    expect(errorResponse(new ExclusionNotFoundError('No custom exclusion x.')).status).toBe(404);
  });

  it('an unrelated error with another name stays a 500', () => {
    expect(errorResponse(Object.assign(new Error('x'), { name: 'SomethingElse' })).status).toBe(500);
  });
});
