// Errors leave the API as RFC 9457 problem details, built here and nowhere else.
import type { ProblemInit } from '@/lib/domain-error';

export type { ProblemInit };

export function problem({ status, title, detail, extensions, headers }: ProblemInit): Response {
  const body = { type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extensions };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}
