// Sign-in failures explained: an unreachable provider (the demo's untrusted certificate) gets the
// "open it once and accept its certificate" advice with a link; other failures say what to do.
import { describe, expect, it, vi } from 'vitest';
import { diagnoseSignInFailure, discoveryUrl, probeIdentityProvider } from './sign-in-problem';

const AUTHORITY = 'https://localhost:9443';

describe('probeIdentityProvider', () => {
  it('fetches the discovery document without credentials', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ authorization_endpoint: `${AUTHORITY}/auth` }));
    expect(await probeIdentityProvider(AUTHORITY, fetchImpl)).toBe('ok');
    expect(fetchImpl).toHaveBeenCalledWith(`${AUTHORITY}/.well-known/openid-configuration`, {
      cache: 'no-store',
      credentials: 'omit',
    });
  });

  it('tells a network failure (untrusted certificate, provider down) from a wrong answer', async () => {
    const failing = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await probeIdentityProvider(AUTHORITY, failing)).toBe('unreachable');
    expect(await probeIdentityProvider(AUTHORITY, async () => new Response('no', { status: 404 }))).toBe(
      'not-openid',
    );
    expect(await probeIdentityProvider(AUTHORITY, async () => new Response('<html>'))).toBe('not-openid');
  });

  it('does not double a trailing slash', () => {
    expect(discoveryUrl(`${AUTHORITY}/`)).toBe(`${AUTHORITY}/.well-known/openid-configuration`);
  });
});

describe('diagnoseSignInFailure', () => {
  const networkError = Object.assign(new Error('endpoints_resolution_error'), {
    errorCode: 'endpoints_resolution_error',
  });

  it('says to open the provider once and accept its certificate when it cannot be reached', async () => {
    const problem = await diagnoseSignInFailure(networkError, AUTHORITY, async () => 'unreachable');
    expect(problem.action).toBe(`Open ${AUTHORITY} once and accept its certificate, then try again.`);
    expect(problem.link).toEqual({ href: `${AUTHORITY}/.well-known/openid-configuration`, text: AUTHORITY });
  });

  it('points at the authority setting when the provider answers with something else', async () => {
    const problem = await diagnoseSignInFailure(networkError, AUTHORITY, async () => 'not-openid');
    expect(problem.action).toMatch(/AUTH_AUTHORITY/);
  });

  it('names the error code when the provider is fine but sign-in failed', async () => {
    const error = Object.assign(new Error('x'), { errorCode: 'invalid_grant' });
    const problem = await diagnoseSignInFailure(error, AUTHORITY, async () => 'ok');
    expect(problem.title).toBe('Sign-in did not complete');
    expect(problem.detail).toMatch(/invalid_grant/);
  });

  it('treats a cancelled sign-in as such, without probing', async () => {
    const probe = vi.fn(async () => 'unreachable' as const);
    const error = Object.assign(new Error('x'), { errorCode: 'access_denied' });
    expect((await diagnoseSignInFailure(error, AUTHORITY, probe)).title).toBe('Sign-in was cancelled');
    expect(probe).not.toHaveBeenCalled();
  });
});
