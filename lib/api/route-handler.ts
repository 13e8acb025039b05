// The shape every route handler shares: parse input, check the caller's role, call lib/, map errors.
import 'server-only';
import type { z } from 'zod';
import { authorize } from '@/lib/auth/authorize';
import type { Principal } from '@/lib/auth/principal';
import { requestVerifier } from '@/lib/auth/request-verifier';
import type { Role } from '@/lib/auth/roles';
import { DomainError } from '@/lib/domain-error';
import { findUnsafeText, unsafeTextReason } from '@/lib/safe-text';
import { problem } from './problem';
import { apiRouteOf } from './route-methods';

export interface RouteContext<Q, B = undefined> {
  request: Request;
  /** The verified caller, for audit trails. */
  principal: Principal;
  query: Q;
  /** The JSON body, validated by the route's `body` schema (undefined for routes without one). */
  body: B;
  params: Record<string, string>;
}

export interface RouteOptions<Q extends z.ZodType, B extends z.ZodType | undefined = undefined> {
  /**
   * Roles that may call this route. Required and non-empty, so that a route cannot be added without deciding
   * who may use it; roles do not inherit, so list each one.
   */
  allow: readonly [Role, ...Role[]];
  query: Q;
  /** A JSON request body: required, at most MAX_BODY_BYTES, validated with the same messages as the query. */
  body?: B;
  /** The success status: 200 by default, 201 for a creation, 204 for an answer without a body. */
  status?: 200 | 201 | 204;
}

/** Bodies are small JSON documents; a larger one is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

type NextHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export function defineRoute<Q extends z.ZodType, B extends z.ZodType | undefined = undefined>(
  options: RouteOptions<Q, B>,
  handler: (
    context: RouteContext<z.infer<Q>, B extends z.ZodType ? z.infer<B> : undefined>,
  ) => Promise<unknown>,
): NextHandler & { allow: readonly Role[] } {
  const route = async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    try {
      // Authenticate before looking at the input, so that an anonymous caller learns nothing from a 400.
      const principal = await requestVerifier().authenticate(request);
      authorize(principal, options.allow);
      // A route without dynamic segments gets no params from Next's production server.
      const params = (await context?.params) ?? {};
      const raw = checkedInput(params, new URL(request.url).search);
      if (raw instanceof Response) return raw;
      const parsed = options.query.safeParse(raw.query);
      if (!parsed.success) return badRequest(parsed.error);
      let input: unknown;
      if (options.body) {
        const read = await readJsonBody(request);
        if (read instanceof Response) return read;
        const body = options.body.safeParse(read.json);
        if (!body.success) return badRequest(body.error, 'body');
        // Every body schema's text fields refuse what no store can keep; this holds for a schema that forgets.
        const unsafe = findUnsafeText(body.data);
        if (unsafe) return invalidField(unsafe.path.join('.') || 'body', unsafe.reason);
        input = body.data;
      }
      const result = await handler({
        request,
        principal,
        query: parsed.data,
        body: input as B extends z.ZodType ? z.infer<B> : undefined,
        params,
      });
      if (options.status === 204)
        return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
      return Response.json(result, {
        status: options.status ?? 200,
        headers: { 'cache-control': 'no-store' },
      });
    } catch (error) {
      // The caller went away (closed the page, cancelled the run): nobody reads the answer, nothing to log.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      return errorResponse(error, request);
    }
  };
  return Object.assign(route, { allow: options.allow });
}

/** At most this many query parameters; no route takes more than a handful. */
export const MAX_QUERY_PARAMS = 20;

/**
 * The path parameters and the query as plain strings, or the 400 that says which one cannot be read: text
 * with NUL or unpaired surrogates (in a path segment or a value), percent-encoding that is not UTF-8, a
 * parameter given twice (which of the two would count is a guess), or more parameters than any route takes.
 */
function checkedInput(
  params: Record<string, string>,
  search: string,
): { query: Record<string, string> } | Response {
  for (const [name, value] of Object.entries(params)) {
    const reason = unsafeTextReason(value);
    if (reason) return invalidField(name, reason);
  }
  const query: Record<string, string> = {};
  const pairs = search.replace(/^\?/, '').split('&').filter(Boolean);
  if (pairs.length > MAX_QUERY_PARAMS)
    return invalidField('query', `has ${pairs.length} parameters; send at most ${MAX_QUERY_PARAMS}`);
  for (const pair of pairs) {
    const split = pair.indexOf('=');
    const name = decodeQueryPart(split < 0 ? pair : pair.slice(0, split));
    const value = decodeQueryPart(split < 0 ? '' : pair.slice(split + 1));
    if (name === undefined || unsafeTextReason(name) || name.length > 100)
      return invalidField(
        'query',
        'has a parameter name that is not short, valid percent-encoded UTF-8 text',
      );
    if (value === undefined)
      return invalidField(name, 'is not valid percent-encoding of UTF-8 text (e.g. %ZZ or a lone %)');
    const reason = unsafeTextReason(value);
    if (reason) return invalidField(name, reason);
    if (Object.hasOwn(query, name)) return invalidField(name, 'is given more than once; send it once');
    query[name] = value;
  }
  return { query };
}

/** A query string's name or value as URLSearchParams reads it, but undefined where it would guess. */
function decodeQueryPart(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function invalidField(field: string, message: string): Response {
  return problem({
    status: 400,
    title: 'Invalid request',
    detail: `${field}: ${message}`,
    extensions: { field },
  });
}

/** The request's JSON body, or the problem response that says why it cannot be read. */
async function readJsonBody(request: Request): Promise<{ json: unknown } | Response> {
  const invalid = (detail: string) =>
    problem({
      status: 400,
      title: 'Invalid request',
      detail: `body: ${detail}`,
      extensions: { field: 'body' },
    });
  const tooLarge = () =>
    problem({
      status: 413,
      title: 'Request body too large',
      detail: `The body must be at most ${MAX_BODY_BYTES / 1024} KiB; send fewer items per request.`,
    });
  const [mediaType = '', ...parameters] = (request.headers.get('content-type') ?? '').split(';');
  const type = mediaType.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json'))
    return invalid('must be JSON, sent with Content-Type: application/json');
  // JSON travels as UTF-8 (RFC 8259 §8.1); a body declared as anything else would be read wrongly.
  const charset = parameters
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    return invalid(`must be UTF-8; the Content-Type names charset=${charset.slice(0, 40)}`);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return tooLarge();
  // Read in chunks and stop at the limit: a missing or false Content-Length must not buy a larger body.
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) return tooLarge();
      chunks.push(chunk);
    }
  }
  let text: string;
  try {
    // Fatal: bytes that are not UTF-8 are refused, not turned into U+FFFD and stored as if they had been sent.
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return invalid('is not valid UTF-8; send the JSON encoded as UTF-8');
  }
  if (text.trim() === '') return invalid('is required: send a JSON object');
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return invalid(`is not valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
}

function badRequest(error: z.ZodError, root = 'request'): Response {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || root;
  // A body that is JSON but not an object (an array, a string): say what it must be.
  const message =
    root === 'body' && field === root && issue?.code === 'invalid_type'
      ? 'must be a JSON object'
      : issue?.message;
  return problem({
    status: 400,
    title: 'Invalid request',
    detail: `${field}: ${message ?? 'is invalid'}`,
    extensions: { field },
  });
}

/**
 * Known failures become the status a client can act on: every domain error carries its own problem document
 * (lib/domain-error.ts), so this needs to know no domain. Anything else is a 500 without internals. `request`
 * names the route in the log.
 */
export function errorResponse(error: unknown, request?: Request): Response {
  if (error instanceof DomainError) {
    if (error.logged) console.error(`${routeName(request)}: ${error.message}`);
    return problem(error.toProblem());
  }
  const code = sqlState(error);
  // SQLSTATE class 22 is a value the database could not take (out of range, not valid in its encoding): the
  // input's fault. Validation should have refused it first, so it is still logged.
  if (code?.startsWith('22')) {
    console.error(`Input refused by the database in ${routeName(request)}: ${describeError(error)}`);
    return problem({
      status: 400,
      title: 'Invalid request',
      detail:
        'A value in the request cannot be stored (out of range or not valid text); check the values sent.',
    });
  }
  console.error(`Unhandled error in ${routeName(request)}: ${describeError(error)}`);
  return problem({
    status: 500,
    title: 'Internal error',
    detail: 'The server failed; the error was logged.',
  });
}

/** The method and route pattern (not the path: that holds ids), e.g. `PUT /api/hunts/[huntId]/…/verdict`. */
function routeName(request: Request | undefined): string {
  if (!request) return 'a route handler';
  const pathname = URL.parse(request.url)?.pathname ?? '';
  return `${request.method} ${apiRouteOf(pathname)?.path ?? 'an unknown route'}`;
}

/** The SQLSTATE of a database error, or of the database error a query builder wrapped. */
function sqlState(error: unknown): string | undefined {
  for (const e of causes(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * What the log says about an unexpected error: each class in its cause chain with its code, and where it was
 * thrown. Never the messages: a database driver's message quotes the SQL and its parameters, so it would
 * write what users typed (and whatever they should not have) into the log.
 */
export function describeError(error: unknown): string {
  const chain = causes(error).map((e) => {
    const name = e instanceof Error ? errorClassName(e) : typeof e;
    const code = (e as { code?: unknown } | null)?.code;
    return typeof code === 'string' || typeof code === 'number' ? `${name} (code ${code})` : name;
  });
  return [chain.join(' caused by '), ...stackFrames(error)].join('\n');
}

function errorClassName(error: Error): string {
  const named = [error.name, error.constructor.name].find((n) => n && n !== 'Error' && n !== 'error');
  return named ?? 'Error';
}

/** The stack's frames only: the message before them may span lines, and a frame-like line in it is data. */
function stackFrames(error: unknown): string[] {
  if (!(error instanceof Error) || !error.stack) return [];
  let frames = error.stack;
  if (error.message) {
    const at = frames.indexOf(error.message);
    if (at < 0) return [];
    frames = frames.slice(at + error.message.length);
  }
  return frames
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8);
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (
    let e = error;
    e !== undefined && e !== null && chain.length < 5;
    e = (e as { cause?: unknown }).cause
  ) {
    chain.push(e);
    if (typeof e !== 'object') break;
  }
  return chain;
}
