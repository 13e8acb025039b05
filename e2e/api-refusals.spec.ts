// The refusals only a real server shows, since Next.js itself answers them before any route handler: a path
// whose percent-encoding is broken, an API path without a route, a method the route does not answer, and
// TRACE (which Next.js cannot represent at all). Each is a problem document with the security headers, to
// anyone, token or not.
import { type APIResponse, expect, test } from '@playwright/test';

async function expectProblem(response: APIResponse, status: number) {
  expect(response.status()).toBe(status);
  const headers = response.headers();
  expect(headers['content-type']).toBe('application/problem+json');
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: 'about:blank', status });
  return { headers, body };
}

test('broken percent-encoding in a path segment: 400 naming the parameter', async ({ request }) => {
  for (const segment of ['%ZZ', '%', '%ED%A0%80']) {
    const { body } = await expectProblem(await request.get(`/api/hunts/${segment}/verdicts`), 400);
    expect(body).toMatchObject({ field: 'huntId' });
  }
});

test('TRACE on an API route and on a page: 405 with Allow, not 500', async ({ request }) => {
  const api = await expectProblem(await request.fetch('/api/hunts/h-1/verdicts', { method: 'TRACE' }), 405);
  expect(api.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
  const page = await expectProblem(await request.fetch('/devices', { method: 'TRACE' }), 405);
  expect(page.headers.allow).toBe('GET, HEAD');
});

test('a method the route does not answer: 405 with Allow', async ({ request }) => {
  const { headers } = await expectProblem(await request.put('/api/hunts', { data: {} }), 405);
  expect(headers.allow).toBe('GET, HEAD, OPTIONS');
  const patch = await expectProblem(
    await request.patch('/api/hunts/h-1/devices/d-1/verdict', { data: {} }),
    405,
  );
  expect(patch.headers.allow).toBe('OPTIONS, PUT');
});

test('an API path without a route: 404 problem, not the HTML page', async ({ request }) => {
  await expectProblem(await request.get('/api/nope'), 404);
});

test('the methods a route answers still reach it: 401 without a token', async ({ request }) => {
  expect((await request.get('/api/hunts/h-1/verdicts')).status()).toBe(401);
  const options = await request.fetch('/api/hunts/h-1/verdicts', { method: 'OPTIONS' });
  expect(options.status()).toBe(204);
  expect(options.headers().allow).toBe('GET, HEAD, OPTIONS, POST');
});
