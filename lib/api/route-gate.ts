// What the proxy refuses before Next.js routes an API request, where Next.js would answer with a bare status or
// an HTML page, or fail: a path whose percent-encoding is not UTF-8 (Next.js throws decoding it: 500), a path
// no route serves (Next.js renders its HTML 404 page), and a method the route does not answer (a bare 405,
// no Allow). Each becomes a problem document; the proxy adds the security headers.
import { problem } from './problem';
import { allowedMethods, apiRouteOf } from './route-methods';

/** The problem response for an API request that cannot reach a route handler, or undefined to let it through. */
export function gateApiRequest(method: string, pathname: string): Response | undefined {
  if (pathname !== '/api' && !pathname.startsWith('/api/')) return undefined;
  const route = apiRouteOf(pathname);
  const segments = pathname.split('/');
  const malformed = segments.findIndex((s) => !decodes(s));
  if (malformed >= 0) {
    // Name the parameter the segment would have filled, where the path matches a route.
    const part = route?.path.split('/')[malformed];
    const field = part && /^\[.+\]$/.test(part) ? part.slice(1, -1) : 'path';
    return problem({
      status: 400,
      title: 'Invalid request',
      detail: `${field}: is not valid percent-encoding of UTF-8 text (e.g. %ZZ, a lone %, or an encoded unpaired surrogate); encode each path segment with encodeURIComponent`,
      extensions: { field },
    });
  }
  if (!route)
    return problem({
      status: 404,
      title: 'Unknown API route',
      detail: 'No API route has this path; docs/api.md lists them.',
    });
  const allow = allowedMethods(route);
  if (!allow.includes(method)) return methodNotAllowed(method, allow);
  return undefined;
}

/** 405 with the methods that would have been answered. */
export function methodNotAllowed(method: string, allow: readonly string[]): Response {
  return problem({
    status: 405,
    title: 'Method not allowed',
    detail: `This route does not answer ${method.slice(0, 20)}; it answers ${allow.join(', ')}.`,
    extensions: { allow },
    headers: { allow: allow.join(', ') },
  });
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
