// Every API route answers only the methods it exports: the proxy refuses any other with a 405 problem document
// that lists them in Allow and carries the security headers, before Next.js's bare 405. The method list it
// reads (lib/api/route-methods.ts) is checked here against the route files, so a route cannot be added or
// given a method without it. Paths no route serves and paths whose encoding is broken are problems too.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_ROUTES, allowedMethods, ROUTE_HANDLER_METHODS } from '@/lib/api/route-methods';

const API_DIR = path.join(process.cwd(), 'app', 'api');

const routeFiles = readdirSync(API_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => /^route\.[cm]?[jt]sx?$/.test(path.basename(file)))
  .map((file) => file.split(path.sep).join('/'))
  .sort();

/** The URL path a route file serves, in the manifest's spelling. */
const pathOf = (file: string) =>
  `/api/${path.posix
    .dirname(file)
    .split('/')
    .filter((s) => s !== '.' && !/^\(.*\)$/.test(s))
    .join('/')}`.replace(/\/$/, '');

/** A concrete path for a route pattern. */
const concrete = (pattern: string) => pattern.replace(/\[[^\]]+\]/g, 'probe-1');

let proxy: typeof import('@/proxy').proxy;

beforeAll(async () => {
  vi.stubEnv('AUTH_ISSUER', 'https://login.example.test/tenant/v2.0');
  vi.stubEnv('AUTH_AUDIENCE', 'api://huntboard');
  vi.stubEnv('AUTH_CLIENT_ID', 'huntboard-spa');
  vi.stubEnv('AUTH_API_SCOPE', 'api://huntboard/huntboard.access');
  vi.stubEnv('AUTH_JWKS_URI', '');
  vi.stubEnv('AUTH_TENANT_ID', '');
  vi.resetModules();
  ({ proxy } = await import('@/proxy'));
  return () => vi.unstubAllEnvs();
});

const send = (method: string, pathname: string) =>
  proxy(new NextRequest(new URL(pathname, 'http://localhost'), { method }));

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expectSecurityHeaders(response);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', status });
  return body;
}

describe('the method list', () => {
  it('names every route file with exactly the methods it exports', async () => {
    const exported = await Promise.all(
      routeFiles.map(async (file) => {
        const module = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
        return { path: pathOf(file), methods: ROUTE_HANDLER_METHODS.filter((m) => m in module) };
      }),
    );
    const listed = API_ROUTES.map((route) => ({ path: route.path, methods: [...route.methods].sort() }));
    const sortByPath = <T extends { path: string }>(routes: T[]) =>
      [...routes].sort((a, b) => a.path.localeCompare(b.path));
    expect(sortByPath(listed)).toEqual(
      sortByPath(exported.map((route) => ({ ...route, methods: [...route.methods].sort() }))),
    );
    // No route file may export a method Next.js would answer for us or one the list cannot hold.
    for (const file of routeFiles) {
      const module = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
      expect(
        ['HEAD', 'OPTIONS'].filter((m) => m in module),
        file,
      ).toEqual([]);
    }
  });
});

describe.each(API_ROUTES.map((route) => [route.path, route] as const))('%s', (_, route) => {
  const allow = allowedMethods(route);
  const unsupported = [...ROUTE_HANDLER_METHODS, 'PROPFIND'].filter((m) => !allow.includes(m));

  it.each(unsupported)('%s: 405 problem with Allow and the security headers', async (method) => {
    const response = await send(method, concrete(route.path));
    const body = await expectProblem(response, 405);
    expect(response.headers.get('allow')).toBe(allow.join(', '));
    expect(body).toMatchObject({ title: 'Method not allowed', allow });
  });

  it('its own methods, HEAD and OPTIONS go on to the route handler', async () => {
    for (const method of allow) {
      const response = await send(method, concrete(route.path));
      expect(response.headers.get('x-middleware-next'), method).toBe('1');
      expectSecurityHeaders(response);
    }
  });
});

describe('paths no route handler can take', () => {
  it('broken percent-encoding in a segment: 400 naming the parameter, with the security headers', async () => {
    for (const segment of ['%ZZ', '%', 'a%E0%A4', '%ED%A0%80']) {
      const body = await expectProblem(await send('GET', `/api/hunts/${segment}/verdicts`), 400);
      expect(body).toMatchObject({ title: 'Invalid request', field: 'huntId' });
      expect(String(body.detail)).toMatch(/^huntId: .*percent-encoding/);
    }
    const body = await expectProblem(await send('GET', '/api/%ZZ'), 400);
    expect(body).toMatchObject({ field: 'path' });
  });

  it('an API path without a route: 404 problem, not the HTML page', async () => {
    for (const pathname of ['/api', '/api/nope', '/api/hunts/h/nope', '/api/hunts/h/devices/d'])
      await expectProblem(await send('GET', pathname), 404);
  });

  it('pages are not touched', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await send(method, '/devices');
      expect(response.headers.get('x-middleware-next')).toBe('1');
    }
  });
});
