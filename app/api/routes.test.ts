// Deny by default: every route handler under app/api is made with defineRoute, names the roles that may call
// it, and refuses a request without a token. A route added without an explicit role requirement fails here.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ROLES } from '@/lib/auth/roles';

const API_DIR = path.join(process.cwd(), 'app', 'api');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const routeFiles = readdirSync(API_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => /^route\.[cm]?[jt]sx?$/.test(path.basename(file)))
  .map((file) => file.split(path.sep).join('/'))
  .sort();

type Handler = ((
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>) & {
  allow?: unknown;
};

/** A URL and params for a route file, with every dynamic segment filled in. */
function requestFor(file: string, method: string): { request: Request; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = path.posix
    .dirname(file)
    .split('/')
    .filter((s) => s !== '.' && !/^\(.*\)$/.test(s)) // route groups are not part of the URL
    .map((segment) => {
      const dynamic = /^\[+(?:\.\.\.)?([^\]]+)\]+$/.exec(segment);
      if (!dynamic?.[1]) return segment;
      params[dynamic[1]] = 'probe';
      return 'probe';
    });
  return { request: new Request(`http://localhost/api/${segments.join('/')}`, { method }), params };
}

beforeAll(() => {
  // Valid sign-in settings, so that a refusal is the token's absence and not a configuration error.
  vi.stubEnv('AUTH_ISSUER', 'https://login.example.test/tenant/v2.0');
  vi.stubEnv('AUTH_AUDIENCE', 'api://huntboard');
  vi.stubEnv('AUTH_CLIENT_ID', 'huntboard-spa');
  vi.stubEnv('AUTH_API_SCOPE', 'api://huntboard/huntboard.access');
  vi.stubEnv('AUTH_JWKS_URI', '');
  vi.stubEnv('AUTH_TENANT_ID', '');
  vi.resetModules();
  return () => vi.unstubAllEnvs();
});

describe('the API routes', () => {
  it('are found, including the hunt routes', () => {
    expect(routeFiles).toEqual(expect.arrayContaining(['hunts/route.ts', 'hunts/[huntId]/run/route.ts']));
  });

  it.each(routeFiles)(
    'app/api/%s: every method names its roles and refuses a request without a token',
    async (file) => {
      const module = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
      const methods = HTTP_METHODS.filter((method) => method in module);
      expect(methods.length, 'a route file exports at least one method handler').toBeGreaterThan(0);
      for (const method of methods) {
        const handler = module[method] as Handler;
        expect(typeof handler, `${method} is a function`).toBe('function');
        // defineRoute attaches the roles it was given; a handler written by hand has none.
        expect(Array.isArray(handler.allow), `${method} is made with defineRoute`).toBe(true);
        const allow = handler.allow as unknown[];
        expect(allow.length, `${method} allows at least one role`).toBeGreaterThan(0);
        for (const role of allow) expect(ROLES, `${method} allows only known roles`).toContain(role);

        const { request, params } = requestFor(file, method);
        const response = await handler(request, { params: Promise.resolve(params) });
        expect(response.status, `${method} without a token`).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer realm="huntboard"');
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
    },
  );
});
