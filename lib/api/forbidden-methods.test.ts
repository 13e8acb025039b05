// TRACE against a real HTTP server whose handler, like Next.js's, makes a fetch Request of every
// request (which throws for it): with the guard installed it gets a 405 problem document with Allow and the
// security headers, other methods reach the handler as before, and uninstalling restores the server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerForbiddenMethods } from './forbidden-methods';

let server: http.Server;
let port: number;

beforeAll(async () => {
  vi.stubEnv('AUTH_ISSUER', 'https://login.example.test/tenant/v2.0');
  vi.stubEnv('AUTH_AUDIENCE', 'api://huntboard');
  vi.stubEnv('AUTH_CLIENT_ID', 'huntboard-spa');
  vi.stubEnv('AUTH_API_SCOPE', 'api://huntboard/huntboard.access');
  vi.stubEnv('AUTH_JWKS_URI', '');
  server = http.createServer((request, response) => {
    try {
      new Request(`http://localhost${request.url}`, { method: request.method });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('handled');
    } catch {
      response.writeHead(500).end('Internal Server Error');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return async () => {
    vi.unstubAllEnvs();
    await new Promise((resolve) => server.close(resolve));
  };
});

function send(
  method: string,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('without the guard', () => {
  it('TRACE fails in the handler, as it does in Next.js', async () => {
    expect((await send('TRACE', '/api/hunts')).status).toBe(500);
  });
});

describe('with the guard', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = answerForbiddenMethods();
    // A second install changes nothing.
    answerForbiddenMethods()();
  });
  afterAll(() => uninstall());

  it.each(['TRACE'])(
    '%s on an API route: 405 with its methods in Allow and the security headers',
    async (method) => {
      const { status, headers, body } = await send(method, '/api/hunts/h-1/verdicts');
      expect(status).toBe(405);
      expect(headers['content-type']).toBe('application/problem+json');
      expect(headers.allow).toBe('GET, HEAD, OPTIONS, POST');
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(JSON.parse(body)).toMatchObject({
        type: 'about:blank',
        status: 405,
        title: 'Method not allowed',
      });
    },
  );

  it('TRACE on a page: 405 allowing GET and HEAD; on a broken API path: the 400 the proxy gives', async () => {
    const page = await send('TRACE', '/devices');
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe('GET, HEAD');
    const broken = await send('TRACE', '/api/hunts/%ZZ/verdicts');
    expect(broken.status).toBe(400);
    expect(broken.headers['x-content-type-options']).toBe('nosniff');
  });

  it('does not echo the request back (what TRACE is for, and why it is refused)', async () => {
    const { body } = await send('TRACE', '/api/hunts?secret=cookie-value');
    expect(body).not.toContain('cookie-value');
  });

  it('other methods still reach the server', async () => {
    expect(await send('GET', '/api/hunts')).toMatchObject({ status: 200, body: 'handled' });
  });
});

describe('after uninstalling', () => {
  it('TRACE reaches the handler again', async () => {
    expect((await send('TRACE', '/api/hunts')).status).toBe(500);
  });
});
