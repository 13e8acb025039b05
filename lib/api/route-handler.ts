// The shape every route handler shares: parse input, check the caller's role, call lib/, map errors.
import 'server-only';
import type { z } from 'zod';
import { authorize } from '@/lib/auth/authorize';
import { AuthError } from '@/lib/auth/errors';
import type { Principal } from '@/lib/auth/principal';
import { requestVerifier } from '@/lib/auth/request-verifier';
import type { Role } from '@/lib/auth/roles';
import { CatalogError } from '@/lib/hunts/catalog';
import { UnknownExclusionError } from '@/lib/hunts/exclusions';
import { HuntNotFoundError, HuntShapeError } from '@/lib/hunts/run-hunt';
import { KqlCompositionError, KqlSyntaxError, KqlUnsupportedError } from '@/lib/kql/errors';
import { SourceError, SourceTimeoutError } from '@/lib/sources/types';
import { problem } from './problem';

export interface RouteContext<Q> {
  request: Request;
  /** The verified caller, for audit trails. */
  principal: Principal;
  query: Q;
  params: Record<string, string>;
}

export interface RouteOptions<Q extends z.ZodType> {
  /**
   * Roles that may call this route. Required and non-empty, so that a route cannot be added without deciding
   * who may use it; roles do not inherit, so list each one.
   */
  allow: readonly [Role, ...Role[]];
  query: Q;
}

type NextHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export function defineRoute<Q extends z.ZodType>(
  options: RouteOptions<Q>,
  handler: (context: RouteContext<z.infer<Q>>) => Promise<unknown>,
): NextHandler & { allow: readonly Role[] } {
  const route = async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    try {
      // Authenticate before looking at the input, so that an anonymous caller learns nothing from a 400.
      const principal = await requestVerifier().authenticate(request);
      authorize(principal, options.allow);
      const url = new URL(request.url);
      const parsed = options.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) return badRequest(parsed.error);
      const body = await handler({ request, principal, query: parsed.data, params: await context.params });
      return Response.json(body, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      // The caller went away (closed the page, cancelled the run): nobody reads the answer, nothing to log.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      return errorResponse(error);
    }
  };
  return Object.assign(route, { allow: options.allow });
}

function badRequest(error: z.ZodError): Response {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'request';
  return problem({
    status: 400,
    title: 'Invalid request',
    detail: `${field}: ${issue?.message ?? 'is invalid'}`,
    extensions: { field },
  });
}

/** Known failures become the status a client can act on; anything else is a 500 without internals. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AuthError) return problem(error.toProblem());
  if (error instanceof HuntNotFoundError)
    return problem({ status: 404, title: 'Unknown hunt', detail: error.message });
  if (error instanceof UnknownExclusionError)
    return problem({
      status: 400,
      title: 'Unknown exclusion',
      detail: error.message,
      extensions: { field: 'exclude', validIds: [...error.valid] },
    });
  if (error instanceof SourceTimeoutError)
    return problem({ status: 504, title: 'The telemetry source timed out', detail: error.message });
  if (error instanceof SourceError)
    return problem({ status: 502, title: 'The telemetry source failed', detail: error.message });
  if (
    error instanceof KqlSyntaxError ||
    error instanceof KqlUnsupportedError ||
    error instanceof KqlCompositionError ||
    error instanceof HuntShapeError ||
    error instanceof CatalogError
  ) {
    return problem({ status: 500, title: 'The hunt cannot run', detail: error.message });
  }
  console.error('Unhandled error in route handler', error);
  return problem({
    status: 500,
    title: 'Internal error',
    detail: 'The server failed; the error was logged.',
  });
}
