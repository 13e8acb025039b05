// A run refused for unknown exclusion ids is recovered by dropping those ids; other refusals are left alone.
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@/components/api/api-client';
import { splitUnknownExclusions } from './ignored-exclusions';

const unknown = new ApiProblem({
  title: 'Unknown exclusion',
  status: 400,
  detail: "Unknown exclusion 'gone'; valid ids are: admin-scripts, veeam-backup.",
  extensions: { field: 'exclude', validIds: ['admin-scripts', 'veeam-backup'] },
});

describe('splitUnknownExclusions', () => {
  it('keeps the ids the hunt has and names the others', () => {
    expect(splitUnknownExclusions(unknown, ['admin-scripts', 'gone', 'old-rule'])).toEqual({
      kept: ['admin-scripts'],
      ignored: ['gone', 'old-rule'],
    });
  });

  it('drops everything when the hunt has no rules', () => {
    const none = new ApiProblem({ ...unknown, extensions: { field: 'exclude', validIds: [] } });
    expect(splitUnknownExclusions(none, ['gone'])).toEqual({ kept: [], ignored: ['gone'] });
  });

  it('leaves other problems alone', () => {
    const lookback = new ApiProblem({
      title: 'Bad',
      status: 400,
      detail: '',
      extensions: { field: 'lookback' },
    });
    expect(splitUnknownExclusions(lookback, ['gone'])).toBeNull();
    expect(
      splitUnknownExclusions(new ApiProblem({ title: 'Down', status: 502, detail: '' }), ['x']),
    ).toBeNull();
    expect(splitUnknownExclusions(null, ['x'])).toBeNull();
  });

  it('does nothing when every requested id is valid', () => {
    expect(splitUnknownExclusions(unknown, ['admin-scripts'])).toBeNull();
  });
});
