// The devices table's columns and filter on the seed hunt: the Columns menu offers the fields behind the signals
// (accounts, parent command lines, …) beyond the columns shown, showing one adds its column and the filter then
// searches it, and the choice is kept for the hunt across a reload.
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

  // Kept for this hunt in this browser: a reload shows it again.
  await filter.fill('');
  await page.reload();
  await expect(shown(page, devices.length)).toBeVisible();
  await expect(devicesTable(page).getByRole('columnheader', { name: 'Accounts' })).toBeVisible();

  // And hidden again from the menu.
  await columnsMenu(page).click();
  await page.getByRole('menuitemcheckbox', { name: 'Accounts' }).click();
  await page.keyboard.press('Escape');
  await expect(devicesTable(page).getByRole('columnheader', { name: 'Accounts' })).toHaveCount(0);
});
