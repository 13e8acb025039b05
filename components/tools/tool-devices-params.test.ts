// The tool's devices page in its URL: defaults left out, unknown values dropped, the tool's name escaped in
// the path, and a bad window reported rather than used.
import { describe, expect, it } from 'vitest';
import { parseToolDevicesParams, toolPageHref, writeToolDevicesParams } from './tool-devices-params';

const parse = (query: string) => parseToolDevicesParams(new URLSearchParams(query));

describe('tool devices params', () => {
  it('reads the window, sort and filter, with defaults for what is missing or unknown', () => {
    expect(parse('')).toEqual({
      lookback: '30d',
      invalidLookback: null,
      sort: { id: 'lastSeen', desc: true },
      q: '',
    });
    expect(parse('lookback=7d&sort=count.desc&q=ws-')).toMatchObject({
      lookback: '7d',
      sort: { id: 'count', desc: true },
      q: 'ws-',
    });
    expect(parse('sort=timeline.asc').sort).toEqual({ id: 'lastSeen', desc: true });
    expect(parse('lookback=9y')).toMatchObject({ lookback: '30d', invalidLookback: '9y' });
    expect(parse(`q=${'x'.repeat(500)}`).q).toHaveLength(200);
  });

  it('writes changes, leaving defaults out and other params alone', () => {
    expect(writeToolDevicesParams('lookback=7d&x=1', { sort: { id: 'device', desc: false } })).toBe(
      '?lookback=7d&x=1&sort=device.asc',
    );
    expect(
      writeToolDevicesParams('lookback=7d&sort=device.asc', {
        lookback: '30d',
        sort: { id: 'lastSeen', desc: true },
      }),
    ).toBe('');
    expect(writeToolDevicesParams('', { q: 'a b' })).toBe('?q=a+b');
  });

  it('escapes the tool in the path', () => {
    expect(toolPageHref('AnyDesk', '30d')).toBe('/tools/AnyDesk');
    expect(toolPageHref('Remote Utilities/Pro', '7d')).toBe('/tools/Remote%20Utilities%2FPro?lookback=7d');
  });
});
