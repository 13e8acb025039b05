// Who is signed in, as the browser knows it (MSAL's cache for this tab): still checking, nobody, or a
// person with a name and Huntboard roles from the ID token. Roles here only shape the UI; the API checks
// the access token's roles on every call.
'use client';
import { type AccountInfo, InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useCallback } from 'react';
import { SIGN_IN_PATH } from '@/lib/auth/msal-config';
import { hasAnyRole, type Role, rolesFromClaim } from '@/lib/auth/roles';
import { signedInAccount } from './api-token-provider';

export type SignInState =
  | { status: 'pending' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; account: AccountInfo; name: string; username: string; roles: Role[] };

export function useSignInState(): SignInState {
  const { instance, inProgress, accounts } = useMsal();
  // Until MSAL has read its cache and finished any sign-in coming back from the provider, nobody is known.
  if (inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect) {
    return { status: 'pending' };
  }
  const account = instance.getActiveAccount() ?? accounts[0] ?? null;
  if (!account)
    return inProgress === InteractionStatus.None ? { status: 'signed-out' } : { status: 'pending' };
  return {
    status: 'signed-in',
    account,
    name: account.name || account.username || 'Signed in',
    username: account.username,
    roles: rolesFromClaim(account.idTokenClaims?.roles),
  };
}

/** The signed-in person's Huntboard roles; none while signed out or still checking. */
export function useRoles(): readonly Role[] {
  const state = useSignInState();
  return state.status === 'signed-in' ? state.roles : [];
}

/** Whether the signed-in person holds one of `allowed`, e.g. `useHasRole(['Triager'])` for verdict actions. */
export function useHasRole(allowed: readonly Role[]): boolean {
  return hasAnyRole(useRoles(), allowed);
}

/**
 * Signs out of Huntboard and the identity provider, which then returns to the sign-in page. The ID token
 * goes along as `id_token_hint`: providers honour the return address only when they know whose session ends.
 */
export function useSignOut(): () => Promise<void> {
  const { instance } = useMsal();
  return useCallback(async () => {
    const account = signedInAccount(instance);
    try {
      await instance.logoutRedirect({
        account,
        idTokenHint: account?.idToken,
        postLogoutRedirectUri: window.location.origin + SIGN_IN_PATH,
      });
    } catch {
      // MSAL clears this tab's tokens before it contacts the provider: if the provider cannot be reached the
      // person is still signed out of Huntboard, and the page they are on sends them to the sign-in page.
    }
  }, [instance]);
}
