// Why sign-in failed, in words a person can act on. Most failures in practice are the browser not reaching
// the identity provider (a self-signed certificate not yet accepted, a provider that is down, a wrong
// authority), so that is checked directly rather than guessed from MSAL's error code.

export interface SignInProblem {
  title: string;
  /** What to do, first. */
  action: string;
  detail?: string;
  /** A page to open as part of the action (the provider's discovery document). */
  link?: { href: string; text: string };
}

export type ProviderReachability = 'ok' | 'unreachable' | 'not-openid';

export function discoveryUrl(authority: string): string {
  return `${authority.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * Fetches the provider's discovery document the way MSAL does. A network error covers an untrusted
 * certificate, a provider that is down and a blocked request alike: browsers do not tell them apart.
 */
export async function probeIdentityProvider(
  authority: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ProviderReachability> {
  let response: Response;
  try {
    response = await fetchImpl(discoveryUrl(authority), { cache: 'no-store', credentials: 'omit' });
  } catch {
    return 'unreachable';
  }
  if (!response.ok) return 'not-openid';
  try {
    const body: unknown = await response.json();
    const endpoint = (body as { authorization_endpoint?: unknown } | null)?.authorization_endpoint;
    return typeof endpoint === 'string' ? 'ok' : 'not-openid';
  } catch {
    return 'not-openid';
  }
}

export function unreachableProblem(authority: string): SignInProblem {
  return {
    title: 'Huntboard cannot reach the sign-in service',
    action: `Open ${authority} once and accept its certificate, then try again.`,
    detail:
      'Your browser could not load the identity provider’s configuration. A self-signed certificate that the ' +
      'browser does not trust yet (the demo provider uses one) is the usual cause. If the certificate is ' +
      'fine, check that the provider is running and reachable from this computer.',
    link: { href: discoveryUrl(authority), text: authority },
  };
}

export function notOpenIdProblem(authority: string): SignInProblem {
  return {
    title: 'The sign-in service is misconfigured',
    action: 'Ask your Huntboard administrator to check the AUTH_AUTHORITY (or AUTH_ISSUER) setting.',
    detail: `${authority} answered, but not with an OpenID Connect configuration, so Huntboard cannot sign you in there.`,
  };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { errorCode?: unknown }).errorCode;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/** Explains a failed sign-in (MSAL's error), checking the provider when the error does not say enough. */
export async function diagnoseSignInFailure(
  error: unknown,
  authority: string,
  probe: (authority: string) => Promise<ProviderReachability> = probeIdentityProvider,
): Promise<SignInProblem> {
  const code = errorCode(error);
  if (code === 'user_cancelled' || code === 'access_denied') {
    return {
      title: 'Sign-in was cancelled',
      action: 'Sign in again when you are ready.',
    };
  }
  if (code === 'interaction_in_progress') {
    return {
      title: 'A sign-in is already under way in this tab',
      action: 'Wait a moment; if nothing happens, reload the page and sign in again.',
    };
  }
  const reachability = await probe(authority);
  if (reachability === 'unreachable') return unreachableProblem(authority);
  if (reachability === 'not-openid') return notOpenIdProblem(authority);
  return {
    title: 'Sign-in did not complete',
    action: 'Try again. If it keeps failing, tell your Huntboard administrator the error code and the time.',
    detail: `Error code: ${code ?? 'unknown'} · ${new Date().toISOString().slice(0, 19)}Z`,
  };
}
