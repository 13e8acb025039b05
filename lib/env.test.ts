import { describe, expect, it } from 'vitest';
import { parseSettings } from './env';

describe('settings', () => {
  it('defaults to the embedded demo', () => {
    const s = parseSettings({});
    expect(s.HUNTBOARD_SOURCE).toBe('embedded');
    expect(s.HUNTBOARD_EVENTS).toEqual([]);
    expect(s.HUNTBOARD_DEMO_EVENTS).toBe(500_000);
    expect(s.HUNTBOARD_NOW).toBeUndefined();
  });

  it('reads a pinned now and a list of event files', () => {
    const s = parseSettings({ HUNTBOARD_NOW: '2026-11-01T00:00:00Z', HUNTBOARD_EVENTS: 'a.csv, b.parquet' });
    expect(s.HUNTBOARD_NOW?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(s.HUNTBOARD_EVENTS).toEqual(['a.csv', 'b.parquet']);
  });

  it('names each malformed setting', () => {
    expect(() => parseSettings({ HUNTBOARD_NOW: 'yesterday' })).toThrow(/HUNTBOARD_NOW/);
    expect(() => parseSettings({ HUNTBOARD_DEMO_EVENTS: '-3' })).toThrow(/HUNTBOARD_DEMO_EVENTS/);
    expect(() => parseSettings({ HUNTBOARD_SOURCE: 'splunk' })).toThrow(/HUNTBOARD_SOURCE/);
  });
});
