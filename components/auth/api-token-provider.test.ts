// Access tokens for the API: silent first; a redirect to the provider, once, when it wants the person back.
import { type AccountInfo, InteractionRequiredAuthError } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '@/components/api/api-client';
import { createApiTokenProvider } from './api-token-provider';

const SCOPE = 'api://huntboard/huntboard.access';
const account = { homeAccountId: 'h', username: 'analyst@huntboard.test' } as AccountInfo;

function fakeClient(overrides: Partial<Record<'acquireTokenSilent' | 'acquireTokenRedirect', unknown>> = {}) {
  return {
    getActiveAccount: vi.fn(() => account as AccountInfo | null),
    getAllAccounts: vi.fn(() => [account]),
    acquireTokenSilent: vi.fn(async () => ({ accessToken: 'access-token' })),
    acquireTokenRedirect: vi.fn(async () => {}),
    ...overrides,
  };
}

describe('createApiTokenProvider', () => {
  it('gets the API token silently for the signed-in account', async () => {
    const client = fakeClient();
    const provider = createApiTokenProvider(client as never, SCOPE, () => 'http://localhost:3000/devices');
    expect(await provider()).toBe('access-token');
    expect(client.acquireTokenSilent).toHaveBeenCalledWith({ scopes: [SCOPE], account });
    expect(client.acquireTokenRedirect).not.toHaveBeenCalled();
  });

  it('sends nobody’s token when nobody is signed in', async () => {
    const client = fakeClient();
    client.getActiveAccount.mockReturnValue(null);
    client.getAllAccounts.mockReturnValue([]);
    expect(await createApiTokenProvider(client as never, SCOPE, () => '')()).toBeNull();
    expect(client.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it('falls back to one sign-in redirect, back to this page, when interaction is required', async () => {
    const client = fakeClient({
      acquireTokenSilent: vi.fn(async () => {
        throw new InteractionRequiredAuthError('login_required', 'correlation-id');
      }),
    });
    const here = 'http://localhost:3000/devices?lookback=14d';
    const provider = createApiTokenProvider(client as never, SCOPE, () => here);
    await expect(provider()).rejects.toMatchObject({ status: 401, title: 'Your sign-in has expired' });
    await expect(provider()).rejects.toBeInstanceOf(ApiProblem);
    expect(client.acquireTokenRedirect).toHaveBeenCalledTimes(1);
    expect(client.acquireTokenRedirect).toHaveBeenCalledWith({
      scopes: [SCOPE],
      account,
      redirectStartPage: here,
    });
  });

  it('explains a renewal the provider did not answer, without redirecting', async () => {
    const client = fakeClient({
      acquireTokenSilent: vi.fn(async () => {
        throw new Error('post_request_failed');
      }),
    });
    const provider = createApiTokenProvider(client as never, SCOPE, () => '');
    await expect(provider()).rejects.toMatchObject({ title: 'Could not renew your sign-in' });
    expect(client.acquireTokenRedirect).not.toHaveBeenCalled();
  });
});
