// Access tokens for Huntboard's API: from MSAL's cache, renewed silently (refresh token, else a hidden
// iframe), and when the provider wants the person back (session over, consent changed) a redirect to it.
import {
  type AccountInfo,
  InteractionRequiredAuthError,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { ApiProblem } from '@/components/api/api-client';

type TokenClient = Pick<
  IPublicClientApplication,
  'getActiveAccount' | 'getAllAccounts' | 'acquireTokenSilent' | 'acquireTokenRedirect'
>;

export function signedInAccount(client: Pick<TokenClient, 'getActiveAccount' | 'getAllAccounts'>) {
  return client.getActiveAccount() ?? client.getAllAccounts()[0] ?? null;
}

/** For `setApiTokenProvider`: resolves to a bearer token, or throws an ApiProblem saying what happened. */
export function createApiTokenProvider(
  client: TokenClient,
  apiScope: string,
  currentUrl: () => string = () => window.location.href,
): () => Promise<string | null> {
  let redirecting = false;

  const signInAgain = (account: AccountInfo) => {
    if (redirecting) return;
    redirecting = true;
    // Not awaited: MSAL resolves only if the navigation has not happened after its timeout.
    client
      .acquireTokenRedirect({ scopes: [apiScope], account, redirectStartPage: currentUrl() })
      .catch(() => {
        redirecting = false;
      });
  };

  return async () => {
    const account = signedInAccount(client);
    // Nobody signed in: the request goes without a token, the API answers 401, the page sends them to sign in.
    if (!account) return null;
    try {
      const result = await client.acquireTokenSilent({ scopes: [apiScope], account });
      return result.accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) {
        signInAgain(account);
        throw new ApiProblem({
          title: 'Your sign-in has expired',
          status: 401,
          detail: 'Taking you to the identity provider to sign in again; you will come back to this page.',
        });
      }
      throw new ApiProblem({
        title: 'Could not renew your sign-in',
        status: 0,
        detail:
          'The identity provider did not answer when Huntboard asked for a fresh access token. Check the connection, then try again; if it keeps failing, sign out and sign in again.',
      });
    }
  };
}
