// The security headers for one response, from the run-time sign-in settings and what the request says about
// how it arrived: shared by the proxy (every routed response) and the guard that answers the methods Next.js
// cannot route (forbidden-methods.ts).
import { authorityOrigin, browserAuthConfig, REDIRECT_BRIDGE_PATH } from '@/lib/auth/msal-config';
import { authSettings } from '@/lib/env';
import { createNonce, securityHeaders, servedOverHttps } from '@/lib/security-headers';

export function responseSecurityHeaders(
  url: URL,
  forwardedProto: string | null,
  nonce: string = createNonce(),
): Record<string, string> {
  return securityHeaders({
    nonce,
    identityProviderOrigin: authorityOrigin(browserAuthConfig(authSettings())),
    https: servedOverHttps(url, forwardedProto),
    development: process.env.NODE_ENV === 'development',
    frameableBySelf: url.pathname === REDIRECT_BRIDGE_PATH,
  });
}
