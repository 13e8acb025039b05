// What every spec shares: `signIn` through the real identity provider's login and consent pages, the
// provider's web font blocked (offline it only stalls its pages), and a check that no page of Huntboard ran
// into its own Content-Security-Policy. MSAL keeps its tokens in sessionStorage, which storageState does
// not save, so each test signs in itself.
import { test as base, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS, type DemoLogin } from '@/lib/identity-provider/demo-users';

export { expect };

/** Requests for web fonts from the internet; the provider's pages ask for one. */
const WEB_FONTS = /^https:\/\/fonts\.(googleapis|gstatic)\.com\//;

export function demoUser(login: DemoLogin) {
  const user = DEMO_USERS.find((u) => u.login === login);
  if (!user) throw new Error(`No demo user ${login}`);
  return user;
}

/**
 * Opens `path` (default /devices) signed out, which lands on the sign-in page; signs `login` in at the
 * provider and waits until Huntboard shows them on `path` again.
 */
export async function signIn(page: Page, login: DemoLogin, path = '/devices'): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  const appOrigin = new URL(page.url()).origin;
  await signInAtProvider(page, login);
  const wanted = new URL(path, appOrigin).pathname;
  await page.waitForURL((url) => url.origin === appOrigin && url.pathname === wanted);
  await expect(page.getByRole('banner').getByText(demoUser(login).name, { exact: true })).toBeVisible();
}

/** From Huntboard's sign-in page: the provider's login form, its consent page if shown, and back. */
export async function signInAtProvider(page: Page, login: DemoLogin): Promise<void> {
  await page.route(WEB_FONTS, (route) => route.abort());
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('input[name=password]').press('Enter');

  // The provider asks for consent once per session; afterwards it sends the browser straight back.
  const consent = page.getByRole('button', { name: 'Continue' });
  const signOut = page.getByRole('banner').getByRole('button', { name: 'Sign out' });
  await expect(consent.or(signOut)).toBeVisible();
  if (await consent.isVisible()) await consent.click();
  await expect(signOut).toBeVisible();
}

interface Fixtures {
  signIn: typeof signIn;
  /** CSP violations Huntboard's pages reported; checked after each test. */
  cspViolations: string[];
}

export const test = base.extend<Fixtures>({
  cspViolations: [
    async ({ page, baseURL }, use) => {
      const violations: string[] = [];
      const appOrigin = new URL(baseURL ?? '/', 'http://127.0.0.1').origin;
      // The browser reports each blocked load or script to the page; the provider's own pages are not ours to check.
      await page.exposeBinding('__reportCspViolation', ({ frame }, text: string) => {
        if (new URL(frame.url()).origin === appOrigin) violations.push(`${frame.url()}: ${text}`);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { __reportCspViolation?: (text: string) => void })
            .__reportCspViolation;
          report?.(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'}`);
        });
      });
      await use(violations);
      expect(violations, 'Huntboard pages must not run into their own CSP').toEqual([]);
    },
    { auto: true },
  ],
  signIn: async ({ page }, use) => {
    await page.route(WEB_FONTS, (route) => route.abort());
    await use(signIn);
  },
});
