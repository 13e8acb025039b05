// Back undoes what a person changed on the devices page, one step at a time, and never leaves the app for the
// identity provider's pages: a sort, a window and a word typed into the filter are one history entry each.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const historyLength = (page: Page) => page.evaluate(() => window.history.length);

test('Back steps through a typed filter, a window and a sort, and stays on the devices page', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'analyst', '/devices');
  const appOrigin = new URL(page.url()).origin;
  const shown = page.getByText(/\d+ of \d+ shown/);
  await expect(shown).toBeVisible();
  const atSignIn = new URL(page.url());

  await page.getByRole('button', { name: 'Last seen' }).click();
  await expect(page).toHaveURL(/sort=lastSeen\.desc/);
  const windowSelect = page.getByRole('combobox', { name: /Window/ });
  await windowSelect.selectOption('14d');
  await expect(page).toHaveURL(/lookback=14d/);
  await expect(shown).toBeVisible();

  // A word typed key by key is one entry, not one per letter.
  const beforeTyping = await historyLength(page);
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.pressSequentially('laptop', { delay: 60 });
  await expect(page).toHaveURL(/q=laptop/);
  await expect(filter).toHaveValue('laptop');
  expect(await historyLength(page)).toBe(beforeTyping + 1);

  await page.goBack();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('lookback') === '14d' && !url.searchParams.has('q'),
  );
  await expect(filter).toHaveValue('');
  await expect(page).toHaveURL(/sort=lastSeen\.desc/);

  await page.goBack();
  await expect(page).toHaveURL((url) => url.searchParams.get('sort') === 'lastSeen.desc');
  await expect(page).toHaveURL((url) => !url.searchParams.has('lookback'));
  await expect(windowSelect).not.toHaveValue('14d');

  await page.goBack();
  await expect(page).toHaveURL(
    (url) => url.origin === appOrigin && url.pathname === '/devices' && url.search === atSignIn.search,
  );
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(shown).toBeVisible();

  // Forward replays the same steps.
  await page.goForward();
  await expect(page).toHaveURL(/sort=lastSeen\.desc/);
});

test('a word typed after a pause is its own entry', async ({ page, signIn }) => {
  await signIn(page, 'analyst', '/devices');
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await expect(page.getByText(/\d+ of \d+ shown/)).toBeVisible();

  await filter.pressSequentially('srv', { delay: 40 });
  await expect(page).toHaveURL(/q=srv/);
  // A pause ends the word; the next one is its own entry.
  await page.waitForTimeout(1_500);
  await filter.press('End');
  await filter.pressSequentially('-01', { delay: 40 });
  await expect(page).toHaveURL(/q=srv-01/);

  await page.goBack();
  await expect(page).toHaveURL(/q=srv(&|$)/);
  await expect(filter).toHaveValue('srv');
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === '/devices' && !url.searchParams.has('q'));
  await expect(filter).toHaveValue('');
});
