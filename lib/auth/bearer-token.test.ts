// Where the access token may come from: the Authorization header's Bearer credentials and nowhere else.
import { describe, expect, it } from 'vitest';
import { bearerToken } from './bearer-token';
import { UnauthenticatedError } from './errors';

const headers = (init: Record<string, string>) => ({ headers: new Headers(init) });

function reasonFor(init: Record<string, string>): string | undefined {
  try {
    bearerToken(headers(init));
    return undefined;
  } catch (error) {
    return error instanceof UnauthenticatedError ? error.reason : 'other';
  }
}

describe('bearerToken', () => {
  it('returns the token of a Bearer header, scheme in any case', () => {
    expect(bearerToken(headers({ authorization: 'Bearer abc.def.ghi' }))).toBe('abc.def.ghi');
    expect(bearerToken(headers({ authorization: 'bearer abc.def.ghi' }))).toBe('abc.def.ghi');
    expect(bearerToken(headers({ authorization: 'BEARER   abc.def.ghi==' }))).toBe('abc.def.ghi==');
  });

  it('refuses requests without a header, and tokens offered anywhere else', () => {
    expect(reasonFor({})).toBe('missing-token');
    expect(reasonFor({ cookie: 'access_token=abc.def.ghi' })).toBe('missing-token');
    expect(reasonFor({ 'x-access-token': 'abc.def.ghi' })).toBe('missing-token');
  });

  it('refuses other schemes', () => {
    expect(reasonFor({ authorization: 'Basic YW5hbHlzdDpodW50Ym9hcmQ=' })).toBe('wrong-scheme');
    expect(reasonFor({ authorization: 'Token abc.def.ghi' })).toBe('wrong-scheme');
    expect(reasonFor({ authorization: 'abc.def.ghi' })).toBe('wrong-scheme');
  });

  it('refuses malformed bearer credentials, two tokens, and absurdly long ones', () => {
    expect(reasonFor({ authorization: 'Bearer' })).toBe('malformed');
    expect(reasonFor({ authorization: 'Bearer abc def' })).toBe('malformed');
    expect(reasonFor({ authorization: 'Bearer a.b.c, Bearer d.e.f' })).toBe('malformed');
    expect(reasonFor({ authorization: 'Bearer a"b' })).toBe('malformed');
    expect(reasonFor({ authorization: `Bearer ${'a'.repeat(20_000)}` })).toBe('malformed');
  });
});
