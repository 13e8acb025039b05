// Back undoes what a person changed, one step at a time, and never leaves the app for the identity provider's
// pages: on the devices page, the trends, the audit log and a tool's devices, a hunt, a window, a filter, a
// sort and a word typed into the filter are one history entry each.
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

test('Back steps through an exclusion, a hunt and a range on the trends page, and stays on it', async ({
  page,
  signIn,
}) => {
  test.slow();
  await signIn(page, 'manager', '/trends');
  const events = page.getByRole('region', { name: /Events matched per day/ });
  await expect(events.getByRole('heading')).toContainText('last 30 days', { timeout: 60_000 });
  const title = page.getByRole('heading', { level: 1 });
  const firstHunt = (await title.textContent()) ?? '';
  const range = page.getByRole('combobox', { name: 'Range' });
  const veeam = page.getByRole('checkbox', { name: /Veeam backup jobs/ });

  const beforeRange = await historyLength(page);
  await range.selectOption('7d');
  await expect(page).toHaveURL(/range=7d/);
  await expect(events.getByRole('heading')).toContainText('last 7 days');
  expect(await historyLength(page)).toBe(beforeRange + 1);

  await veeam.check();
  await expect(page).toHaveURL(/exclude=veeam-backup/);
  expect(await historyLength(page)).toBe(beforeRange + 2);

  await page.getByRole('button', { name: 'Hunts', exact: true }).click();
  await page.getByRole('combobox', { name: 'Search hunts' }).fill('AnyDesk');
  await page.getByRole('combobox', { name: 'Search hunts' }).press('Enter');
  await expect(page).toHaveURL((url) => url.searchParams.has('hunt') && !url.searchParams.has('exclude'));
  await expect(title).toContainText('AnyDesk');
  expect(await historyLength(page)).toBe(beforeRange + 3);

  // Back from the hunt: the first hunt again, with its exclusion switched on.
  await page.goBack();
  await expect(page).toHaveURL(
    (url) => !url.searchParams.has('hunt') && url.searchParams.get('exclude') === 'veeam-backup',
  );
  await expect(title).toHaveText(firstHunt);
  await expect(veeam).toBeChecked();

  await page.goBack();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('range') === '7d' && !url.searchParams.has('exclude'),
  );
  await expect(veeam).not.toBeChecked();
  await expect(events.getByRole('heading')).toContainText('last 7 days');

  // Back from the first change: still the trends page, on its default range.
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === '/trends' && url.search === '');
  await expect(range).toHaveValue('30d');
  await expect(events.getByRole('heading')).toContainText('last 30 days');
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('Back steps through the audit log’s filters, and stays on the page', async ({ page, signIn }) => {
  await signIn(page, 'manager', '/audit');
  const log = page.getByRole('table', { name: /Audit log/ });
  await expect(log.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  const kind = page.getByRole('combobox', { name: 'Changes to' });
  const from = page.getByLabel('From (UTC day)');

  const before = await historyLength(page);
  await kind.selectOption('exclusion');
  await expect(page).toHaveURL(/[?&]entity=exclusion/);
  await from.fill('2001-01-01');
  await expect(page).toHaveURL(/[?&]from=2001-01-01/);
  await kind.selectOption('verdict');
  await expect(page).toHaveURL(/[?&]entity=verdict/);
  expect(await historyLength(page)).toBe(before + 3);

  await page.goBack();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('entity') === 'exclusion' && url.searchParams.get('from') === '2001-01-01',
  );
  await expect(kind).toHaveValue('exclusion');
  await expect(from).toHaveValue('2001-01-01');

  await page.goBack();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('entity') === 'exclusion' && !url.searchParams.has('from'),
  );
  await expect(from).toHaveValue('');

  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === '/audit' && url.search === '');
  await expect(kind).toHaveValue('');
  await expect(log.getByRole('row').nth(1)).toBeVisible();
});

test('Back steps through a tool’s devices page and the overview’s window, and stays in the app', async ({
  page,
  signIn,
}) => {
  test.slow();
  await signIn(page, 'analyst', '/tools');
  const tools = page.getByRole('table', { name: 'RMM tools' });
  await expect(tools).toBeVisible({ timeout: 90_000 });
  const overviewWindow = page.getByRole('combobox', { name: 'Window' });

  await overviewWindow.selectOption('7d');
  await expect(page).toHaveURL(/\/tools\?lookback=7d$/);
  await expect(page.getByLabel(/^AnyDesk: devices per day, last 7 days/)).toBeVisible({ timeout: 90_000 });
  await tools.getByRole('rowheader').getByRole('link', { name: 'AnyDesk', exact: true }).click();
  await expect(page).toHaveURL(/\/tools\/AnyDesk\?lookback=7d$/);
  const shown = page.getByText(/\d+ of \d+ shown/);
  await expect(shown).toBeVisible({ timeout: 90_000 });
  const atArrival = (await shown.textContent()) ?? '';
  const toolWindow = page.getByRole('combobox', { name: 'Window' });

  const before = await historyLength(page);
  await toolWindow.selectOption('30d');
  await expect(page).toHaveURL((url) => url.pathname === '/tools/AnyDesk' && url.search === '');
  await expect(page.getByText(/\d+ of \d+ shown/)).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Count', exact: true }).click();
  await expect(page).toHaveURL(/sort=count\.desc/);
  const countHeader = page.getByRole('columnheader', { name: 'Count', exact: true });
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.pressSequentially('zzz', { delay: 60 });
  await expect(page).toHaveURL(/q=zzz/);
  await expect(page.getByText(/^0 of \d+ shown/)).toBeVisible();
  expect(await historyLength(page)).toBe(before + 3);

  await page.goBack();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('sort') === 'count.desc' && !url.searchParams.has('q'),
  );
  await expect(filter).toHaveValue('');
  await expect(countHeader).toHaveAttribute('aria-sort', 'descending');

  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === '/tools/AnyDesk' && url.search === '');
  await expect(countHeader).not.toHaveAttribute('aria-sort', /./);

  // Back from the first change on the tool's page: its window as it arrived.
  await page.goBack();
  await expect(page).toHaveURL(/\/tools\/AnyDesk\?lookback=7d$/);
  await expect(toolWindow).toHaveValue('7d');
  await expect(shown).toHaveText(atArrival, { timeout: 90_000 });

  // Then the overview, on its window, and before that its default: still in the app.
  await page.goBack();
  await expect(page).toHaveURL(/\/tools\?lookback=7d$/);
  await expect(overviewWindow).toHaveValue('7d');
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === '/tools' && url.search === '');
  await expect(overviewWindow).toHaveValue('30d');
  await expect(tools).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
});
