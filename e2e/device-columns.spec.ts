// The devices table's columns and filter on the seed hunt: the Columns menu offers the fields behind the signals
// (accounts, parent command lines, …) beyond the columns shown, showing one adds its column, which sorts from its
// header, and the filter then searches it, and the choice is kept for the hunt across a reload. The evidence panel
// puts each event's process chain, the parent's command line and the account before the folder.
import type { Page } from '@playwright/test';
import { type CliDevice, cliHunt } from './cli-hunt';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

let devices: CliDevice[] = [];
let laptop: CliDevice;

test.beforeAll(async () => {
  devices = await cliHunt();
  const found = devices.find(
    (d) =>
      d.signals?.parents[0] === 'powershell.exe' &&
      d.signals.parentCommandLines.some((c) => /github\.com\/mRemoteNG.*Portable/i.test(c)),
  );
  if (!found) throw new Error('the demo has no laptop where PowerShell fetched the portable build');
  laptop = found;
});

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const shown = (page: Page, n: number) =>
  page.getByText(new RegExp(`^${count(n)} of ${count(devices.length)} shown$`));
const devicesTable = (page: Page) => page.getByRole('table', { name: 'Devices' });
const columnsMenu = (page: Page) => page.getByRole('button', { name: /^Columns/ });

test('the Columns menu offers the signal facts; showing one adds its column, the filter searches it, and it stays', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'analyst', '/devices?view=all');
  await expect(shown(page, devices.length)).toBeVisible();
  const account = laptop.signals?.accounts[0];
  if (!account) throw new Error('the laptop has no account');
  const withAccount = devices.filter((d) => d.signals?.accounts.includes(account)).length;

  // Hidden, the account column is not searched.
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill(account);
  await expect(shown(page, 0)).toBeVisible();
  await expect(devicesTable(page).getByRole('columnheader', { name: 'Accounts' })).toHaveCount(0);

  await columnsMenu(page).click();
  const menu = page.getByRole('menu', { name: 'Visible columns' });
  const accounts = menu.getByRole('menuitemcheckbox', { name: 'Accounts' });
  await expect(accounts).toHaveAttribute('aria-checked', 'false');
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Parent command lines' })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  await expect(menu.getByRole('group', { name: 'Signal facts' })).toBeVisible();
  await accounts.click();
  await expect(accounts).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');

  // Shown, its column is there with the device's account, and the filter finds the devices by it.
  await expect(devicesTable(page).getByRole('columnheader', { name: 'Accounts' })).toBeVisible();
  await expect(shown(page, withAccount)).toBeVisible();
  const row = devicesTable(page).getByRole('row').filter({ hasText: laptop.deviceName });
  await expect(row).toContainText(account);

  // Its header sorts like the fixed columns', and the address keeps the sort.
  const header = devicesTable(page).getByRole('columnheader', { name: 'Accounts' });
  await header.getByRole('button', { name: 'Accounts' }).click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/[?&]sort=signal(:|%3A)accounts\.asc/);
  await header.getByRole('button', { name: 'Accounts' }).click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');

  // Kept for this hunt in this browser: a reload shows it again.
  await filter.fill('');
  // The address follows the field a moment later; reload the page it then names.
  await expect(page).not.toHaveURL(/[?&]q=/);
  await page.reload();
  await expect(shown(page, devices.length)).toBeVisible();
  await expect(devicesTable(page).getByRole('columnheader', { name: 'Accounts' })).toBeVisible();

  // And hidden again from the menu.
  await columnsMenu(page).click();
  await page.getByRole('menuitemcheckbox', { name: 'Accounts' }).click();
  await page.keyboard.press('Escape');
  await expect(devicesTable(page).getByRole('columnheader', { name: 'Accounts' })).toHaveCount(0);
});

test("the evidence panel shows each event's chain, then the parent's command line and the account before the folder", async ({
  page,
  signIn,
}) => {
  await signIn(page, 'analyst', '/devices?view=all');
  await expect(shown(page, devices.length)).toBeVisible();
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill(laptop.deviceName);
  const row = devicesTable(page).getByRole('row').filter({ hasText: laptop.deviceName });
  await expect(row).toHaveCount(1);
  await row.dblclick();
  const panel = page.getByRole('complementary', { name: laptop.deviceName });
  const events = panel.getByRole('table', { name: `Events of ${laptop.deviceName}` });
  await expect(events).toBeVisible();

  const headers = (await events.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const at = (label: string) => {
    const index = headers.indexOf(label);
    expect(index, `${label} in ${headers.join(', ')}`).toBeGreaterThan(-1);
    return index;
  };
  expect(at('Time (UTC)')).toBe(0);
  expect(at('Process chain')).toBe(1);
  expect(at('Process chain')).toBeLessThan(at('Parent command line'));
  expect(at('Parent command line')).toBeLessThan(at('Account'));
  expect(at('Account')).toBeLessThan(at('Folder'));

  // The event PowerShell started: its chain names the parent before the process, and its parent's command line
  // fetched the portable build.
  const launch = events
    .getByRole('row')
    .filter({ has: page.locator('[data-step="parent"]', { hasText: /^powershell\.exe$/ }) })
    .filter({ hasText: /github\.com\/mRemoteNG/i })
    .first();
  await expect(launch).toBeVisible();
  const chain = launch.getByRole('cell').nth(1);
  await expect(chain).toContainText(/powershell\.exe\s*→\s*\S+\.exe/i);
  const steps = await chain
    .locator('[data-step]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-step')));
  expect(steps.slice(-2)).toEqual(['parent', 'process']);
  await expect(launch.getByRole('cell').nth(at('Parent command line'))).toContainText(
    /github\.com\/mRemoteNG/i,
  );
  for (const account of laptop.signals?.accounts ?? [])
    await expect(events.getByRole('cell', { name: account, exact: true }).first()).toBeVisible();
});
