// Domain errors carry their HTTP meaning: the API's mapper answers each with its own problem document and
// needs to know no domain; the base is recognised across copies of its module, subclasses by their class.
import { describe, expect, it, vi } from 'vitest';
import { errorResponse } from '@/lib/api/route-handler';
import { ForbiddenError } from '@/lib/auth/errors';
import { DomainError } from './domain-error';
import { UnknownExclusionError } from './hunts/exclusions';
import { HuntNotFoundError, HuntShapeError } from './hunts/run-hunt';
import { KqlSemanticError, KqlSyntaxError } from './kql/errors';
import { SourceError, SourceThrottledError, SourceTimeoutError } from './sources/types';
import { DataDirLockedError } from './triage/data-dir-lock';
import { TriageInputError } from './triage/errors';
import { ExclusionNotFoundError, VersionConflictError } from './triage/types';

async function answer(error: unknown) {
  const response = errorResponse(error);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('errorResponse', () => {
  it.each<[string, Error, number, string]>([
    ['an unknown hunt', new HuntNotFoundError("No hunt has the id 'x'."), 404, 'Unknown hunt'],
    [
      'a field the table lacks',
      new TriageInputError('field', 'must be a string column'),
      400,
      'Invalid request',
    ],
    ['a stale version', new VersionConflictError(null), 409, 'Changed by someone else'],
    ['an unknown custom exclusion', new ExclusionNotFoundError('gone'), 404, 'Unknown custom exclusion'],
    ['an unknown rule', new UnknownExclusionError(['x'], ['a']), 400, 'Unknown exclusion'],
    [
      'a query that does not fit',
      new KqlSemanticError('no column', { line: 2, column: 3 }),
      400,
      'The query does not fit the table',
    ],
    [
      'a hunt whose KQL is broken',
      new KqlSyntaxError('bad', { line: 1, column: 1 }),
      500,
      'The hunt cannot run',
    ],
    ['a hunt of the wrong shape', new HuntShapeError('no Count'), 500, 'The hunt cannot run'],
    ['a source failure', new SourceError('down'), 502, 'The telemetry source failed'],
    ['a source timeout', new SourceTimeoutError('slow'), 504, 'The telemetry source timed out'],
    ['a refused role', new ForbiddenError('role', ['Triager']), 403, 'Forbidden'],
  ])('%s: its own status and title as problem details', async (_, error, status, title) => {
    expect(error).toBeInstanceOf(DomainError);
    const { status: got, type, body } = await answer(error);
    expect(got).toBe(status);
    expect(type).toBe('application/problem+json');
    expect(body).toMatchObject({ type: 'about:blank', status, title });
  });

  it('keeps the extensions and headers each error carries', async () => {
    const throttled = await answer(new SourceThrottledError('wait', 'tenant CPU', 30));
    expect(throttled).toMatchObject({
      status: 429,
      retryAfter: '30',
      body: { quota: 'tenant CPU', retryAfter: 30 },
    });
    const semantic = await answer(new KqlSemanticError('no column', { line: 2, column: 3 }));
    expect(semantic.body).toMatchObject({ line: 2, column: 3 });
    const input = await answer(
      new TriageInputError('field', 'must be a string column of DeviceNetworkEvents'),
    );
    expect(input.body).toMatchObject({
      field: 'field',
      detail: 'field: must be a string column of DeviceNetworkEvents',
    });
  });

  it('logs what an operator must see, and answers anything unknown with a 500 that tells nothing', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const locked = await answer(new DataDirLockedError('data/triage is held by process 42'));
      expect(locked.status).toBe(503);
      expect(JSON.stringify(locked.body)).not.toContain('42');
      // The log line names the route; called without a request, errorResponse names none in particular.
      expect(log).toHaveBeenCalledWith('a route handler: data/triage is held by process 42');
      const unknown = await answer(new Error('secret internals'));
      expect(unknown.status).toBe(500);
      expect(JSON.stringify(unknown.body)).not.toContain('secret');
    } finally {
      log.mockRestore();
    }
  });

  it('a plain Error or an object with a look-alike shape is not a domain error', () => {
    expect(new Error('x')).not.toBeInstanceOf(DomainError);
    expect({ toProblem: () => ({ status: 400, title: 'x' }) }).not.toBeInstanceOf(DomainError);
    expect(new SourceError('x')).not.toBeInstanceOf(SourceTimeoutError);
  });
});
