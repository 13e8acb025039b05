// The security headers every response carries: a Content-Security-Policy that allows Huntboard's own origin
// and the identity provider only, no framing, no sniffing, no referrers, and HSTS over https. Built per
// request (proxy.ts) because the provider is known only from run-time settings and scripts carry a nonce.

export interface SecurityHeaderOptions {
  /** Fresh per request; Next.js puts it on its own scripts, the root layout on the theme script. */
  nonce: string;
  /** The identity provider's origin, e.g. https://login.microsoftonline.com. */
  identityProviderOrigin: string;
  /** Whether the request reached Huntboard over https (directly or through a TLS-terminating proxy). */
  https: boolean;
  /** `next dev`: React needs eval for its debugging aids and the dev server injects inline styles. */
  development: boolean;
  /**
   * The redirect bridge page: MSAL's silent renewal loads it in a hidden iframe of Huntboard itself, so it
   * may be framed by its own origin. Every other page may not be framed at all.
   */
  frameableBySelf: boolean;
}

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const { nonce, identityProviderOrigin: idp, development } = options;
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'strict-dynamic': scripts that nonce-bearing scripts load (Next.js's chunks) run; nothing else does.
    [
      'script-src',
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    ['style-src', "'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    // Style attributes (positions and widths set by React) cannot run code; stylesheets stay locked down.
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    // MSAL fetches the provider's discovery document and token endpoint from the browser.
    ['connect-src', "'self'", idp],
    // MSAL's silent renewal runs the provider's authorize endpoint in a hidden iframe that ends on the bridge.
    ['frame-src', "'self'", idp],
    ['form-action', "'self'"],
    ['base-uri', "'none'"],
    ['object-src', "'none'"],
    ['frame-ancestors', options.frameableBySelf ? "'self'" : "'none'"],
  ];
  if (options.https) directives.push(['upgrade-insecure-requests']);
  return directives.map((parts) => parts.join(' ')).join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': options.frameableBySelf ? 'SAMEORIGIN' : 'DENY',
    // Browsers ignore HSTS received over http; sending it there would only mislead whoever reads the headers.
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** 128 random bits, base64: unguessable, and new for every response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether the browser used https: the request URL itself, or the first hop's `X-Forwarded-Proto` from a
 * TLS-terminating proxy. A forged header can at worst add HSTS to an http response, which browsers ignore.
 */
export function servedOverHttps(url: URL, forwardedProto: string | null): boolean {
  if (url.protocol === 'https:') return true;
  return forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}
