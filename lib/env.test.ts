import { describe, expect, it } from 'vitest';
import { parseAuthSettings, parseSettings } from './env';

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

  it('reads the extra catalog folders, none by default, and bounds their number', () => {
    expect(parseSettings({}).HUNTBOARD_CATALOG).toEqual([]);
    expect(parseSettings({ HUNTBOARD_CATALOG: ' /srv/rmm , hunts/local,' }).HUNTBOARD_CATALOG).toEqual([
      '/srv/rmm',
      'hunts/local',
    ]);
    const many = Array.from({ length: 51 }, (_, i) => `d${i}`).join(',');
    expect(() => parseSettings({ HUNTBOARD_CATALOG: many })).toThrow(
      /HUNTBOARD_CATALOG: may list at most 50/,
    );
  });

  it('names each malformed setting', () => {
    expect(() => parseSettings({ HUNTBOARD_NOW: 'yesterday' })).toThrow(/HUNTBOARD_NOW/);
    expect(() => parseSettings({ HUNTBOARD_DEMO_EVENTS: '-3' })).toThrow(/HUNTBOARD_DEMO_EVENTS/);
    expect(() => parseSettings({ HUNTBOARD_SOURCE: 'splunk' })).toThrow(/HUNTBOARD_SOURCE/);
  });
});

describe('sign-in settings', () => {
  const demo = {
    AUTH_ISSUER: 'https://localhost:9443',
    AUTH_AUDIENCE: 'api://huntboard',
    AUTH_CLIENT_ID: 'huntboard-spa',
    AUTH_API_SCOPE: 'api://huntboard/huntboard.access',
  };

  it('reads the demo provider settings', () => {
    const s = parseAuthSettings(demo);
    expect(s.AUTH_AUDIENCE).toEqual(['api://huntboard']);
    expect(s.AUTH_CLOCK_TOLERANCE_SECONDS).toBe(60);
  });

  it('names each missing setting', () => {
    expect(() => parseAuthSettings({})).toThrow(
      /AUTH_ISSUER[\s\S]*AUTH_AUDIENCE[\s\S]*AUTH_CLIENT_ID[\s\S]*AUTH_API_SCOPE/,
    );
  });

  it('refuses an http issuer and a tolerance over a minute', () => {
    expect(() => parseAuthSettings({ ...demo, AUTH_ISSUER: 'http://localhost:9443' })).toThrow(
      /AUTH_ISSUER: must be an https URL/,
    );
    expect(() => parseAuthSettings({ ...demo, AUTH_CLOCK_TOLERANCE_SECONDS: '300' })).toThrow(
      /AUTH_CLOCK_TOLERANCE_SECONDS/,
    );
  });
});
