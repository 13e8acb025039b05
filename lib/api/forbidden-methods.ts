// TRACE cannot be routed at all: the Fetch standard forbids it, so the Request that Next.js makes for its proxy
// and its route handlers throws, and Next.js answers 500 without any of our headers. Node's HTTP server still
// parses it, so it is answered here, as the server emits the request and before Next.js sees it: a 405
// problem document with Allow and the security headers, like any other unsupported method. (Of the other
// methods Fetch forbids, Node refuses TRACK with a 400 and never emits CONNECT as a request.)
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { responseSecurityHeaders } from './response-security-headers';
import { gateApiRequest, methodNotAllowed } from './route-gate';

const FORBIDDEN_BY_FETCH = new Set(['TRACE']);
/** What the pages answer: they are read, never written to. */
const PAGE_METHODS = ['GET', 'HEAD'];

type Emit = http.Server['emit'];
const INSTALLED = Symbol.for('huntboard.forbidden-methods');

/**
 * Makes every HTTP(S) server of this process answer TRACE itself; the returned function undoes it.
 * Installing twice changes nothing.
 */
export function answerForbiddenMethods(): () => void {
  const prototypes = [http.Server.prototype, https.Server.prototype] as (object & { emit: Emit })[];
  const undo: (() => void)[] = [];
  for (const prototype of prototypes) {
    if (Object.hasOwn(prototype, INSTALLED)) continue;
    const hadOwn = Object.hasOwn(prototype, 'emit');
    const emit = prototype.emit;
    prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'request') {
        const [request, response] = args as [IncomingMessage, ServerResponse];
        if (FORBIDDEN_BY_FETCH.has(request.method ?? '')) {
          answer(request, response);
          return true;
        }
      }
      return emit.apply(this, [event, ...args] as Parameters<Emit>);
    } as Emit;
    Object.defineProperty(prototype, INSTALLED, { value: true, configurable: true });
    undo.push(() => {
      if (hadOwn) prototype.emit = emit;
      else delete (prototype as { emit?: Emit }).emit;
      delete (prototype as Record<symbol, unknown>)[INSTALLED];
    });
  }
  return () => {
    for (const step of undo) step();
  };
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  const https = (request.socket as TLSSocket).encrypted === true;
  const url = URL.parse(request.url ?? '/', `${https ? 'https' : 'http'}://huntboard.invalid`);
  const method = request.method ?? 'TRACE';
  const refusal = (url && gateApiRequest(method, url.pathname)) ?? methodNotAllowed(method, PAGE_METHODS);
  const headers: Record<string, string> = Object.fromEntries(refusal.headers);
  const forwardedProto = request.headers['x-forwarded-proto'];
  Object.assign(
    headers,
    responseSecurityHeaders(
      url ?? new URL('http://huntboard.invalid/'),
      typeof forwardedProto === 'string' ? forwardedProto : null,
    ),
  );
  void refusal.text().then((body) => {
    response.writeHead(refusal.status, headers);
    response.end(body);
  });
  // The request has no body worth reading; drain it so the connection can be reused.
  request.resume();
}
