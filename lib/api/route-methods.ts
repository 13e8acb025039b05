// Which methods each API route answers, as data: the proxy reads it to refuse any other method with a 405
// that lists them (Next.js's own 405 is bare, and it cannot even represent TRACE), and the log reads it to
// name a route by its pattern instead of a path holding ids. app/api/route-methods.test.ts keeps it equal to
// what the route files export.

export const ROUTE_HANDLER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RouteHandlerMethod = (typeof ROUTE_HANDLER_METHODS)[number];

export interface ApiRoute {
  /** As the folders under app/ spell it: `[name]` is one dynamic segment. */
  path: string;
  methods: readonly RouteHandlerMethod[];
}

export const API_ROUTES: readonly ApiRoute[] = [
  { path: '/api/approvals', methods: ['GET', 'POST'] },
  { path: '/api/approvals/[id]', methods: ['PATCH', 'DELETE'] },
  { path: '/api/audit', methods: ['GET'] },
  { path: '/api/hunts', methods: ['GET'] },
  { path: '/api/sweep', methods: ['GET'] },
  { path: '/api/trends/unapproved-rmm', methods: ['GET'] },
  { path: '/api/hunts/[huntId]/run', methods: ['GET'] },
  { path: '/api/hunts/[huntId]/trends', methods: ['GET'] },
  { path: '/api/hunts/[huntId]/verdicts', methods: ['GET', 'POST'] },
  { path: '/api/hunts/[huntId]/devices/[deviceId]/events', methods: ['GET'] },
  { path: '/api/hunts/[huntId]/devices/[deviceId]/history', methods: ['GET'] },
  { path: '/api/hunts/[huntId]/devices/[deviceId]/verdict', methods: ['PUT'] },
  { path: '/api/hunts/[huntId]/exclusions/custom', methods: ['GET', 'POST'] },
  { path: '/api/hunts/[huntId]/exclusions/custom/[id]', methods: ['PATCH', 'DELETE'] },
];

/** The route a request path (still percent-encoded, or not) belongs to; static segments win over dynamic ones. */
export function apiRouteOf(pathname: string): ApiRoute | undefined {
  const segments = pathname.replace(/\/+$/, '').split('/');
  let best: { route: ApiRoute; dynamic: number } | undefined;
  for (const route of API_ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    let dynamic = 0;
    const matches = pattern.every((part, i) => {
      if (/^\[[^\]]+\]$/.test(part)) {
        dynamic++;
        return segments[i] !== '';
      }
      return part === segments[i];
    });
    if (matches && (!best || dynamic < best.dynamic)) best = { route, dynamic };
  }
  return best?.route;
}

/**
 * The methods to list in `Allow`: the route's own, HEAD wherever GET is (Next.js answers it with the GET
 * handler) and OPTIONS (Next.js answers it with the same list).
 */
export function allowedMethods(route: ApiRoute): string[] {
  const methods = new Set<string>(route.methods);
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return [...methods].sort();
}
