// The shape every route handler shares: parse input, check the caller's role, call lib/, map errors.
import 'server-only';
import type { z } from 'zod';
import { authorize } from '@/lib/auth/authorize';
import type { Principal } from '@/lib/auth/principal';
import { requestVerifier } from '@/lib/auth/request-verifier';
import type { Role } from '@/lib/auth/roles';
import { DomainError } from '@/lib/domain-error';
import { problem } from './problem';

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
      const url = new URL(request.url);
      const parsed = options.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) return badRequest(parsed.error);
      let input: unknown;
      if (options.body) {
        const read = await readJsonBody(request);
        if (read instanceof Response) return read;
        const body = options.body.safeParse(read.json);
        if (!body.success) return badRequest(body.error, 'body');
        input = body.data;
      }
      const result = await handler({
        request,
        principal,
        query: parsed.data,
        body: input as B extends z.ZodType ? z.infer<B> : undefined,
        params: await context.params,
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
      return errorResponse(error);
    }
  };
  return Object.assign(route, { allow: options.allow });
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
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json'))
    return invalid('must be JSON, sent with Content-Type: application/json');
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
  const text = Buffer.concat(chunks).toString('utf8');
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
 * (lib/domain-error.ts), so this needs to know no domain. Anything else is a 500 without internals.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    if (error.logged) console.error(error.message);
    return problem(error.toProblem());
  }
  console.error('Unhandled error in route handler', error);
  return problem({
    status: 500,
    title: 'Internal error',
    detail: 'The server failed; the error was logged.',
  });
}
