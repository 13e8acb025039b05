// Sign-in journeys through the real identity provider: each demo role sees itself and exactly the
// navigation its role allows, a person without a role is told so, everybody can sign out, pages are closed
// to signed-out visitors, and every response carries the security headers.
import type { Page } from '@playwright/test';
import { IDP_PORT } from '../playwright.config';
import { demoUser, expect, signInAtProvider, test } from './fixtures';

const AUTHORITY = `https://localhost:${IDP_PORT}`;

const header = (page: Page) => page.getByRole('banner');
const navLinks = (page: Page) => header(page).getByRole('navigation', { name: 'Main' }).getByRole('link');
const devicesTable = (page: Page) => page.getByRole('table', { name: 'Devices' });

async function signOut(page: Page) {
  await header(page).getByRole('button', { name: 'Sign out' }).click();
  // The provider asks whether to end its session too, then returns to Huntboard's sign-in page.
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
}

for (const { login, role } of [
  { login: 'analyst', role: 'Analyst' },
  { login: 'triager', role: 'Triager' },
  { login: 'manager', role: 'Manager' },
] as const) {
  test(`${role}: signs in at the provider, sees the devices and their role, and signs out`, async ({
    page,
    signIn,
  }) => {
    await signIn(page, login);

    await expect(header(page).getByText(demoUser(login).name, { exact: true })).toBeVisible();
    await expect(header(page).getByText(role, { exact: true })).toBeVisible();
    // Every role may see the RMM overview, browse the device list and see the trends; triagers and managers
    // also read the audit log.
    await expect(navLinks(page)).toHaveText([
      'Overview',
      'Devices',
      'Trends',
      ...(role === 'Analyst' ? [] : ['Audit log']),
    ]);
    // The API accepted the browser's access token: the hunt ran and its devices are listed.
    await expect(page.getByText(/\d+ of \d+ shown/)).toBeVisible();
    await expect(devicesTable(page).getByRole('row').nth(1)).toBeVisible();

    await signOut(page);
    // Signed out for real: the dashboard is closed again.
    await page.goto('/tools');
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

test('a person without a role is told they have no access, sees no devices, and can sign out', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'nobody');

  await expect(page.getByRole('heading', { name: 'You have no access to Huntboard yet' })).toBeVisible();
  await expect(page.getByText(/holds none of Huntboard’s roles/)).toBeVisible();
  await expect(header(page).getByText('No role', { exact: true })).toBeVisible();
  await expect(header(page).getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(devicesTable(page)).toHaveCount(0);

  await signOut(page);
});

test('a signed-out visit lands on sign-in and returns to the page it came from', async ({ page, signIn }) => {
  const wanted = '/devices?lookback=14d&sort=lastSeen.asc';
  await page.goto(wanted);
  await expect(page).toHaveURL(`/sign-in?returnTo=${encodeURIComponent(wanted)}`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(header(page)).toHaveCount(0);

  await signIn(page, 'analyst', wanted);
  await expect(page).toHaveURL(wanted);
  await expect(page.getByRole('combobox', { name: /Window/ })).toHaveValue('14d');
});

test('after sign-in, a return address on another site is ignored', async ({ page }) => {
  await page.goto('/sign-in?returnTo=%2F%2Fexample.com%2Fphish');
  await signInAtProvider(page, 'analyst');
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/tools$/);
});

test('pages and API responses carry the security headers', async ({ page, request }) => {
  const response = await page.goto('/sign-in');
  const headers = response?.headers() ?? {};
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'(;|$)/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain(`connect-src 'self' ${AUTHORITY}`);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toMatch(
    /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  );
  // Served over plain http here: HSTS would be ignored by browsers, so it is not sent.
  expect(headers['strict-transport-security']).toBeUndefined();

  // A fresh nonce for every response.
  const again = (await page.request.get('/sign-in')).headers()['content-security-policy'] ?? '';
  expect(again.match(/'nonce-([^']+)'/)?.[1]).not.toBe(csp.match(/'nonce-([^']+)'/)?.[1]);

  const api = await request.get('/api/hunts');
  expect(api.status()).toBe(401);
  expect(api.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(api.headers()['x-content-type-options']).toBe('nosniff');

  // MSAL's silent renewal frames the redirect bridge inside Huntboard itself, and only there.
  const bridge = await request.get('/auth/redirect');
  expect(bridge.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
});

test.describe('when the browser does not trust the provider’s certificate yet', () => {
  test.use({ ignoreHTTPSErrors: false });

  test('the sign-in page says to open the provider once and accept its certificate', async ({ page }) => {
    await page.goto('/sign-in');
    // (Next.js's route announcer is an empty alert too.)
    const alert = page.getByRole('alert').filter({ hasText: 'sign-in service' });
    await expect(alert).toContainText('Huntboard cannot reach the sign-in service');
    await expect(alert).toContainText(`Open ${AUTHORITY} once and accept its certificate, then try again.`);
    await expect(alert.getByRole('link', { name: AUTHORITY })).toHaveAttribute(
      'href',
      `${AUTHORITY}/.well-known/openid-configuration`,
    );

    // Trying anyway explains the same, rather than failing silently.
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(alert).toContainText(`Open ${AUTHORITY} once`);
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
