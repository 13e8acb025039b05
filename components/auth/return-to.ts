// Where to send someone after sign-in: a page of Huntboard itself, never another site (open redirect),
// never the sign-in page or the redirect bridge.
import { HOME_PATH, REDIRECT_BRIDGE_PATH, SIGN_IN_PATH } from '@/lib/auth/msal-config';

const BASE = 'http://huntboard.invalid';

/** A path with its query (e.g. `/devices?lookback=14d`) from a `returnTo` parameter, else the home page. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value?.startsWith('/')) return HOME_PATH;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return HOME_PATH;
  }
  // `//evil.example` and `/\evil.example` parse as other hosts: refused here.
  if (url.origin !== BASE) return HOME_PATH;
  if (url.pathname === SIGN_IN_PATH || url.pathname === REDIRECT_BRIDGE_PATH) return HOME_PATH;
  return url.pathname + url.search;
}

/** The sign-in page's address that returns to `returnTo` afterwards. */
export function signInHref(returnTo: string): string {
  const target = safeReturnTo(returnTo);
  return target === HOME_PATH ? SIGN_IN_PATH : `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(target)}`;
}
