// How the source and query-check failures leave the API: a throttled source as 429 with Retry-After and the
// quota, a query that does not fit the table's schema as 400 with the parser's line and column.
import { describe, expect, it } from 'vitest';
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
