// Return addresses after sign-in: Huntboard's own pages only.
import { describe, expect, it } from 'vitest';
import { safeReturnTo, signInHref } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a Huntboard page with its query', () => {
    expect(safeReturnTo('/devices?lookback=14d&q=WS-0142')).toBe('/devices?lookback=14d&q=WS-0142');
  });

  it.each([
    null,
    '',
    'devices',
    'https://evil.example/devices',
    '//evil.example/devices',
    '/\\evil.example/devices',
    '/\t/evil.example',
    'javascript:alert(1)',
    '/sign-in?returnTo=%2Fdevices',
    '/auth/redirect#code=abc',
  ])('falls back to the overview for %j', (value) => {
    expect(safeReturnTo(value)).toBe('/tools');
  });

  it('drops a fragment', () => {
    expect(safeReturnTo('/devices?q=a#row-3')).toBe('/devices?q=a');
  });
});

describe('signInHref', () => {
  it('carries the page to come back to, unless it is the home page', () => {
    expect(signInHref('/devices?lookback=14d')).toBe('/sign-in?returnTo=%2Fdevices%3Flookback%3D14d');
    expect(signInHref('/tools')).toBe('/sign-in');
    expect(signInHref('/devices')).toBe('/sign-in?returnTo=%2Fdevices');
    expect(signInHref('//evil.example')).toBe('/sign-in');
  });
});
