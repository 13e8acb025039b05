// Recent reasons: newest first, no repeats, bounded, and tolerant of storage that fails or holds junk.
import { describe, expect, it } from 'vitest';
import {
  loadRecentReasons,
  MAX_RECENT_REASONS,
  RECENT_REASONS_KEY,
  rememberReason,
  saveRecentReasons,
} from './recent-reasons';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

describe('rememberReason', () => {
  it('puts the reason first, once, ignoring case and outer spaces', () => {
    expect(rememberReason(['Backup job', 'Jump host'], '  jump HOST ')).toEqual(['jump HOST', 'Backup job']);
  });

  it('keeps at most the maximum and ignores blank reasons', () => {
    const many = Array.from({ length: 12 }, (_, i) => `reason ${i}`);
    expect(rememberReason(many, 'new')).toHaveLength(MAX_RECENT_REASONS);
    expect(rememberReason(['a'], '   ')).toEqual(['a']);
  });
});

describe('storage', () => {
  it('round-trips through storage', () => {
    const storage = memoryStorage();
    saveRecentReasons(storage, ['Jump host', 'Backup job']);
    expect(loadRecentReasons(storage)).toEqual(['Jump host', 'Backup job']);
  });

  it('reads junk, missing or failing storage as no reasons', () => {
    expect(loadRecentReasons(memoryStorage({ [RECENT_REASONS_KEY]: '{"a":1}' }))).toEqual([]);
    expect(loadRecentReasons(memoryStorage({ [RECENT_REASONS_KEY]: 'not json' }))).toEqual([]);
    expect(loadRecentReasons(memoryStorage({ [RECENT_REASONS_KEY]: '["ok", 3, ""]' }))).toEqual(['ok']);
    expect(loadRecentReasons(undefined)).toEqual([]);
    const failing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadRecentReasons(failing)).toEqual([]);
    expect(() => saveRecentReasons(failing, ['x'])).not.toThrow();
  });
});
