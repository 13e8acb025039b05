// Errors leave the API as RFC 9457 problem details, built here and nowhere else.

export interface ProblemInit {
  status: number;
  title: string;
  detail?: string;
  /** Extra members, e.g. the field that was wrong. Never secrets or tokens. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function problem({ status, title, detail, extensions, headers }: ProblemInit): Response {
  const body = { type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extensions };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}
