// How the source and query-check failures leave the API: a throttled source as 429 with Retry-After and the
// quota, a query that does not fit the table's schema as 400 with the parser's line and column.
import { describe, expect, it, vi } from 'vitest';
import { KqlSemanticError } from '@/lib/kql/errors';
import { SourceError, SourceThrottledError, SourceTimeoutError } from '@/lib/sources/types';
import { errorResponse } from './route-handler';

describe('errorResponse', () => {
  it('a throttled source: 429 with Retry-After, the quota and the seconds to wait', async () => {
    const response = errorResponse(
      new SourceThrottledError(
        'Microsoft Defender XDR is rationing queries (CPU quota). Try again in 37 s.',
        'CPU quota',
        37,
      ),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('37');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'The telemetry source is rationing queries',
      status: 429,
      detail: 'Microsoft Defender XDR is rationing queries (CPU quota). Try again in 37 s.',
      quota: 'CPU quota',
      retryAfter: 37,
    });
  });

  it('a query that does not fit the schema: 400 with the parser’s message, line and column', async () => {
    const response = errorResponse(
      new KqlSemanticError("The name 'DeviceNmae' does not refer to any known column", {
        line: 2,
        column: 9,
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'The query does not fit the table',
      status: 400,
      detail: "The name 'DeviceNmae' does not refer to any known column (line 2, column 9)",
      line: 2,
      column: 9,
    });
  });

  it('timeouts stay 504 and other source failures 502', () => {
    expect(errorResponse(new SourceTimeoutError('slow')).status).toBe(504);
    expect(errorResponse(new SourceError('down')).status).toBe(502);
  });
});

describe('errorResponse for a failure it does not know', () => {
  it('logs the error classes, codes and the route pattern, never the SQL or its parameters', async () => {
    const { pgliteBackend } = await import('@/lib/triage/test-support');
    const { sql } = await import('drizzle-orm');
    const fresh = await pgliteBackend.fresh();
    const { database } = await fresh.open();
    const secret = 'secret-reason-4711';
    // A value the database refuses, sent as a bound parameter: the driver's error quotes both.
    const refused = await database.db.execute(sql`select ${`${secret}\u0000`}::text as reason`).then(
      () => undefined,
      (error: unknown) => error,
    );
    await database.close();
    await fresh.dispose();
    expect(refused).toBeInstanceOf(Error);
    expect(`${(refused as Error).message} ${String((refused as Error).cause)}`).toContain('select');

    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
    try {
      const request = new Request('http://localhost/api/hunts/h-1/devices/dev-9/verdict', { method: 'PUT' });
      const response = errorResponse(refused, request);
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain(secret);
      const out = logged.join('\n');
      expect(out).toContain('PUT /api/hunts/[huntId]/devices/[deviceId]/verdict');
      expect(out).toMatch(/code 22/);
      for (const leak of [secret, 'select', 'dev-9', 'h-1']) expect(out).not.toContain(leak);

      logged.length = 0;
      const bug = new TypeError(`Cannot read ${secret}\n    at forged (frame.ts:1:1)`);
      expect(errorResponse(bug, request).status).toBe(500);
      expect(logged.join('\n')).toContain('TypeError');
      expect(logged.join('\n')).not.toContain(secret);
      expect(logged.join('\n')).not.toContain('forged');
    } finally {
      spy.mockRestore();
    }
    // Opening PGlite (its WebAssembly build and the migrations) takes a while on a busy machine.
  }, 300_000);
});
