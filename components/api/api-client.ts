// The one place the browser talks to Huntboard's API: builds requests with the signed-in person's access
// token, validates answers with zod, and turns every failure into an ApiProblem a person can act on.
import { z } from 'zod';

// zod probes for `new Function` to compile fast parsers; the CSP forbids eval, and the blocked probe is
// reported as a violation even though zod falls back. In the browser, skip the probe.
if (typeof window !== 'undefined') z.config({ jitless: true });

/** An RFC 9457 problem, from the API or made up here for failures that never reached it. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The problem's other members, e.g. `field` on a 400 or `current` on a 409. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(problem: {
    type?: string;
    title: string;
    status: number;
    detail: string;
    extensions?: Record<string, unknown>;
  }) {
    super(`${problem.title}: ${problem.detail}`);
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.extensions = problem.extensions ?? {};
  }
}

type TokenProvider = () => Promise<string | null>;

let tokenProvider: TokenProvider | null = null;

/** Set by the sign-in provider (MSAL): every request then carries `Authorization: Bearer …`. */
export function setApiTokenProvider(provider: TokenProvider | null): void {
  tokenProvider = provider;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

async function problemFrom(response: Response): Promise<ApiProblem> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { type: _type, title: _title, status: _status, detail: _detail, ...extensions } = fields;
  return new ApiProblem({
    extensions,
    type: asString(fields.type),
    title: asString(fields.title) ?? `The request failed (HTTP ${response.status})`,
    status: typeof fields.status === 'number' ? fields.status : response.status,
    detail:
      asString(fields.detail) ??
      (response.status >= 500
        ? 'The server could not complete the request. Try again in a minute; if it keeps failing, check the server log.'
        : 'The server refused the request. Reload the page and try again.'),
  });
}

/** GET a JSON resource and validate it; throws ApiProblem, or the AbortError when cancelled. */
export function apiGet<T>(
  path: string,
  schema: z.ZodType<T>,
  options: { signal?: AbortSignal } = {},
): Promise<T> {
  return apiRequest('GET', path, schema, options);
}

/**
 * Sends a change (POST, PUT, PATCH, DELETE) with an optional JSON body and validates the answer; a 204
 * answer is validated as `undefined`. Throws ApiProblem (with the problem's extensions), or the AbortError.
 */
export function apiSend<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: z.ZodType<T>,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  return apiRequest(method, path, schema, options);
}

async function apiRequest<T>(
  method: string,
  path: string,
  schema: z.ZodType<T>,
  options: { body?: unknown; signal?: AbortSignal },
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const token = tokenProvider ? await tokenProvider() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiProblem({
      title: 'Could not reach the Huntboard server',
      status: 0,
      detail:
        'The network request failed. Check your connection or whether the server is running, then try again.',
    });
  }

  if (!response.ok) throw await problemFrom(response);

  let body: unknown;
  try {
    body = response.status === 204 ? undefined : await response.json();
  } catch {
    throw new ApiProblem({
      title: 'The server sent an unreadable answer',
      status: response.status,
      detail:
        'The response was not valid JSON. Try again; if it persists, report it with the time of the request.',
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'response'}: ${issue.message}` : 'unknown field';
    throw new ApiProblem({
      title: 'The server answered in an unexpected shape',
      status: response.status,
      detail: `The page and the API disagree about the data (${where}). Reload the page; if it persists, report it.`,
    });
  }
  return parsed.data;
}
