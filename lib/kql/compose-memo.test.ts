// The memo in front of the composers: one composition per distinct arguments, bounded, failures not kept.
import { describe, expect, it } from 'vitest';
import { composeDeviceCounts } from './compose';
import { memoizeComposer } from './compose-memo';
import { KqlCompositionError } from './errors';
import { SEED_QUERY } from './test-support';

describe('memoizeComposer', () => {
  it('composes once per distinct arguments and returns the same text', () => {
    const calls: unknown[][] = [];
    const counted = (...args: Parameters<typeof composeDeviceCounts>) => {
      calls.push(args);
      return composeDeviceCounts(...args);
    };
    const memo = memoizeComposer(counted);
    const counts = [{ name: 'Removed_0', predicate: "FolderPath has 'Veeam'" }];
    const a = memo(SEED_QUERY, { counts });
    const b = memo(SEED_QUERY, { counts: [{ ...counts[0] } as (typeof counts)[0]] });
    expect(b).toBe(a);
    expect(a).toBe(composeDeviceCounts(SEED_QUERY, { counts }));
    memo(SEED_QUERY, { counts, lookbackMs: 86_400_000 });
    expect(calls).toHaveLength(2);
  });

  it('keeps only the most recently used results', () => {
    let calls = 0;
    const memo = memoizeComposer((n: number) => {
      calls++;
      return n * 2;
    }, 2);
    memo(1);
    memo(2);
    memo(1); // 1 is now the most recent
    memo(3); // drops 2
    memo(1);
    expect(calls).toBe(3);
    memo(2);
    expect(calls).toBe(4);
  });

  it('does not keep a failure: the error is thrown every time', () => {
    let calls = 0;
    const memo = memoizeComposer((predicate: string) => {
      calls++;
      return composeDeviceCounts(SEED_QUERY, { counts: [{ name: 'Bad', predicate }] });
    });
    expect(() => memo('x | take 1')).toThrow(KqlCompositionError);
    expect(() => memo('x | take 1')).toThrow(KqlCompositionError);
    expect(calls).toBe(2);
  });
});
