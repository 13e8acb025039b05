// A fetch for tests that trusts the demo provider's self-signed certificate without touching the process's
// trust store (NODE_EXTRA_CA_CERTS is read once at start-up, too late for a test that just made the cert).
import https from 'node:https';

export interface TrustingFetchInit {
  method?: string;
  headers?: HeadersInit;
  body?: string;
  signal?: AbortSignal;
}

export type TrustingFetch = (url: string | URL, init?: TrustingFetchInit) => Promise<Response>;

/** A fetch that trusts `caPem` (and only it) and never follows redirects, so callers see every hop. */
export function createTrustingFetch(caPem: string): TrustingFetch {
  // One agent per fetch so that connections are reused but never shared with differently trusting callers.
  const agent = new https.Agent({ ca: caPem, keepAlive: false });
  return (url, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        reject(new TypeError(`Only https URLs are fetched here, not ${target.protocol}`));
        return;
      }
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const request = https.request(
        target,
        { method: init.method ?? 'GET', headers, agent, signal: init.signal },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const status = response.statusCode ?? 500;
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const item of Array.isArray(value) ? value : [value ?? ''])
                responseHeaders.append(name, item);
            }
            const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
            resolve(
              new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }),
            );
          });
        },
      );
      request.on('error', reject);
      request.end(init.body);
    });
}
