// Runs before every route: gives each response Huntboard's security headers, with a fresh CSP nonce that
// Next.js reads back from the request to put on its own scripts (which is why pages render per request), and
// answers the API requests no route handler can take (bad path encoding, unknown route, unsupported method)
// with a problem document instead of Next.js's bare status, HTML page or 500.
import { type NextRequest, NextResponse } from 'next/server';
import { responseSecurityHeaders } from '@/lib/api/response-security-headers';
import { gateApiRequest } from '@/lib/api/route-gate';
import { createNonce } from '@/lib/security-headers';

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = responseSecurityHeaders(request.nextUrl, request.headers.get('x-forwarded-proto'), nonce);

  const refused = gateApiRequest(request.method, request.nextUrl.pathname);
  if (refused) {
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }

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
