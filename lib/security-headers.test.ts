// The security headers: only Huntboard and the identity provider, no framing except the bridge by itself,
// no eval in production, HSTS only where browsers honour it.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, securityHeaders, servedOverHttps } from './security-headers';

const base = {
  nonce: 'bm9uY2Utbm9uY2Utbm9uY2U=',
  identityProviderOrigin: 'https://localhost:9443',
  https: false,
  development: false,
  frameableBySelf: false,
};

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const csp = directives(contentSecurityPolicy(base));

  it('runs only scripts with this response’s nonce, and no eval', () => {
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${base.nonce}'`, "'strict-dynamic'"]);
    expect(contentSecurityPolicy(base)).not.toContain('unsafe-eval');
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${base.nonce}'`]);
  });

  it('talks to and frames nothing but Huntboard and the identity provider', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://localhost:9443']);
    expect(csp.get('frame-src')).toEqual(["'self'", 'https://localhost:9443']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('forbids framing, except the redirect bridge by Huntboard itself', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    const bridge = directives(contentSecurityPolicy({ ...base, frameableBySelf: true }));
    expect(bridge.get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('allows eval and inline styles in development only', () => {
    const dev = directives(contentSecurityPolicy({ ...base, development: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
  });

  it('upgrades insecure requests only over https', () => {
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(directives(contentSecurityPolicy({ ...base, https: true })).has('upgrade-insecure-requests')).toBe(
      true,
    );
  });
});

describe('securityHeaders', () => {
  it('sets nosniff, no referrer and no framing; HSTS only over https', () => {
    const http = securityHeaders(base);
    expect(http['X-Content-Type-Options']).toBe('nosniff');
    expect(http['Referrer-Policy']).toBe('no-referrer');
    expect(http['X-Frame-Options']).toBe('DENY');
    expect(http['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ ...base, https: true })['Strict-Transport-Security']).toMatch(/^max-age=\d{8}/);
  });
});

describe('createNonce', () => {
  it('makes a different base64 nonce of 128 bits each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('servedOverHttps', () => {
  it('reads the URL, or the first hop of X-Forwarded-Proto', () => {
    expect(servedOverHttps(new URL('https://huntboard.example/'), null)).toBe(true);
    expect(servedOverHttps(new URL('http://localhost:3000/'), null)).toBe(false);
    expect(servedOverHttps(new URL('http://10.0.0.5:3000/'), 'https, http')).toBe(true);
    expect(servedOverHttps(new URL('http://10.0.0.5:3000/'), 'http')).toBe(false);
  });
});
