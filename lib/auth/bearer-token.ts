// Takes the access token from the Authorization header, the only place it is accepted: query strings end up
// in logs and browser history, and cookies would be sent by the browser on cross-site requests.
import { UnauthenticatedError } from './errors';

/** Real access tokens are a few kilobytes; anything far larger is refused before it costs any work. */
const MAX_TOKEN_LENGTH = 16 * 1024;

// RFC 6750 §2.1: `Bearer` (any case), one or more spaces, then a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

export function bearerToken(request: Pick<Request, 'headers'>): string {
  const header = request.headers.get('authorization')?.trim();
  if (!header) throw new UnauthenticatedError('missing-token');
  const scheme = header.split(' ', 1)[0] ?? '';
  if (scheme.toLowerCase() !== 'bearer') throw new UnauthenticatedError('wrong-scheme');
  const token = BEARER.exec(header)?.[1];
  // Several Authorization headers arrive joined by ", ", which the pattern refuses too.
  if (!token || token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError('malformed');
  return token;
}
