// Runs before every route: gives each response Huntboard's security headers, with a fresh CSP nonce that
// Next.js reads back from the request to put on its own scripts (which is why pages render per request).
import { type NextRequest, NextResponse } from 'next/server';
import { authorityOrigin, browserAuthConfig, REDIRECT_BRIDGE_PATH } from '@/lib/auth/msal-config';
import { authSettings } from '@/lib/env';
import { createNonce, securityHeaders, servedOverHttps } from '@/lib/security-headers';

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = securityHeaders({
    nonce,
    identityProviderOrigin: authorityOrigin(browserAuthConfig(authSettings())),
    https: servedOverHttps(request.nextUrl, request.headers.get('x-forwarded-proto')),
    development: process.env.NODE_ENV === 'development',
    frameableBySelf: request.nextUrl.pathname === REDIRECT_BRIDGE_PATH,
  });

  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  // Next.js finds the nonce for its scripts in the request's CSP header.
  forwarded.set('content-security-policy', headers['Content-Security-Policy'] ?? '');
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build output is immutable and carries no markup; next.config.mjs gives it nosniff and the
  // referrer policy. Everything else, pages and API alike, comes through here.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
