// What a person sees of a long run: running while it loads, cancelled only for the request they cancelled,
// failed or done once it settles.
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@/components/api/api-client';
import { runQueryStatus, toProblem } from './use-run-query';

const base = { enabled: true, fetching: false, cancelled: false, status: 'pending' as const };

describe('the status of a run', () => {
  it('is idle with nothing to run, running while it loads, even after a cancel or failure', () => {
    expect(runQueryStatus({ ...base, enabled: false, fetching: true })).toBe('idle');
    expect(runQueryStatus({ ...base, fetching: true, cancelled: true })).toBe('running');
    expect(runQueryStatus({ ...base, fetching: true, status: 'error' })).toBe('running');
  });

  it('is cancelled after a cancel, whatever answer came before, and otherwise what the last answer was', () => {
    expect(runQueryStatus({ ...base, cancelled: true, status: 'success' })).toBe('cancelled');
    expect(runQueryStatus({ ...base, status: 'success' })).toBe('done');
    expect(runQueryStatus({ ...base, status: 'error' })).toBe('failed');
    expect(runQueryStatus(base)).toBe('idle');
  });
});

describe('a failure as a problem', () => {
  it('keeps the API’s problem and words anything else with the title given', () => {
    const problem = new ApiProblem({ title: 'Bad window', status: 400, detail: 'lookback: use 7d' });
    expect(toProblem(problem, 'x')).toBe(problem);
    const made = toProblem(new TypeError('boom'), 'The run failed in the browser');
    expect(made).toMatchObject({ title: 'The run failed in the browser', status: 0 });
    expect(made.detail).toContain('boom');
  });
});
