// The one HTTP exchange the REST sources (Graph, Log Analytics) make: a JSON POST cut off at a deadline,
// with the caller's cancellation passed through, and every failure turned into the source error a person can
// act on. Tokens travel only in the Authorization header and never appear in an error.
import 'server-only';
import { SourceError, SourceThrottledError, SourceTimeoutError } from '@/lib/sources/types';
import { member } from './cells';
import { parseJsonKeepingLongs } from './json-longs';

export interface HttpCall {
  /** The service's name for messages, e.g. "Microsoft Defender XDR". */
  service: string;
  url: string;
  token: string;
  body: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The parsed body; integers beyond 2^53 as strings of digits. */
  json: unknown;
}

/** Without a Retry-After header, a throttled caller is told to wait this long. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;
const MAX_DETAIL = 400;

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(header: string | null, nowMs = Date.now()): number {
  if (header) {
    const text = header.trim();
    if (/^\d+$/.test(text)) return Number(text);
    const at = Date.parse(text);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - nowMs) / 1000));
  }
  return DEFAULT_RETRY_AFTER_SECONDS;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL)}…` : oneLine;
}

/** The message of an error object and of its most specific cause (`innererror`, then the first of `details`). */
function deepestMessage(node: unknown, depth = 0): string | undefined {
  const own = member(node, '@message') ?? member(node, 'message');
  const details = member(node, 'details');
  const causes = [
    member(node, 'innererror') ?? member(node, 'innerError'),
    Array.isArray(details) ? details[0] : undefined,
  ];
  for (const cause of depth < 8 ? causes : []) {
    const deeper = deepestMessage(cause, depth + 1);
    if (deeper) return deeper;
  }
  return typeof own === 'string' && own.trim() ? own : undefined;
}

/**
 * The most specific message in an error body: Graph's `error.message`, Log Analytics' innermost
 * `innererror.message` (or that of its first `details` entry), Azure Data Explorer's `error.@message`.
 */
export function errorMessageOf(body: unknown): string | undefined {
  const message = deepestMessage(member(body, 'error'));
  return message ? clip(message) : undefined;
}

/** A failed answer as the error a person can act on. */
export function failureOf(service: string, status: number, headers: Headers, body: unknown): Error {
  const said = errorMessageOf(body) ?? (typeof body === 'string' && body ? clip(body) : undefined);
  const because = said ? `: ${said}` : '';
  if (status === 429) {
    const wait = retryAfterSeconds(headers.get('retry-after'));
    const quota = said ?? 'too many requests';
    return new SourceThrottledError(
      `${service} is rationing queries (${quota}). Try again in ${wait} s.`,
      quota,
      wait,
    );
  }
  if (status === 408 || status === 504)
    return new SourceTimeoutError(`${service} gave up on the query (HTTP ${status})${because}`);
  if (status === 401 || status === 403)
    return new SourceError(
      `${service} refused Huntboard's credentials (HTTP ${status})${because}. Check the app's permissions (README, Telemetry sources).`,
    );
  if (status === 400) return new SourceError(`${service} rejected the query${because}`);
  return new SourceError(`${service} failed (HTTP ${status})${because}`);
}

/** What the fetch threw: the caller's own cancellation, the deadline, or the network. */
function thrown(call: HttpCall, deadline: AbortSignal, error: unknown): unknown {
  if (call.signal?.aborted) return call.signal.reason;
  if (deadline.aborted)
    return new SourceTimeoutError(`${call.service} did not answer within ${call.timeoutMs / 1000} s.`);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error as Error).message;
  return new SourceError(`${call.service} could not be reached (${clip(String(why))}).`);
}

/** POSTs `body` as JSON and returns the parsed answer when it is 200; throws the mapped error otherwise. */
export async function postJson(call: HttpCall): Promise<HttpAnswer> {
  const deadline = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
  let response: Response;
  let text: string;
  try {
    response = await fetch(call.url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${call.token}`,
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json',
        ...call.headers,
      },
      body: JSON.stringify(call.body),
      signal,
      redirect: 'error',
      cache: 'no-store',
    });
    text = await response.text();
  } catch (error) {
    throw thrown(call, deadline, error);
  }
  let json: unknown;
  let malformed = false;
  try {
    json = text ? parseJsonKeepingLongs(text) : undefined;
  } catch {
    malformed = true;
    json = text;
  }
  if (response.status !== 200) throw failureOf(call.service, response.status, response.headers, json);
  if (malformed || typeof json !== 'object' || json === null)
    throw new SourceError(`${call.service} answered with malformed JSON.`);
  return { status: response.status, headers: response.headers, json };
}
