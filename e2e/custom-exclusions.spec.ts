// Custom exclusions end to end: a triager starts one from a device's events, limited to that device, with a
// required reason; the device leaves the table for everyone, the exclusion is listed with who made it and
// why and what it hides; switching it off (confirmed, with a reason) brings the device back; removing it
// (with a reason) lists it no more. An analyst sees it but cannot change it.
import type { Page } from '@playwright/test';
import { type CliDevice, cliHunt } from './cli-hunt';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

let devices: CliDevice[] = [];

test.beforeAll(async () => {
  devices = await cliHunt();
  expect(devices.length).toBeGreaterThan(10);
});

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const totalShown = (page: Page, total: number) => page.getByText(new RegExp(` of ${count(total)} shown$`));
const customList = (page: Page) => page.getByRole('list', { name: 'Custom exclusions' });

test('a triager excludes one device’s events, sees what it hides, switches it off and removes it', async ({
  page,
  signIn,
}) => {
  // Two people sign in and the hunt runs again after each of five changes.
  test.setTimeout(150_000);
  const all = devices.length;
  const target = devices[3];
  if (!target) throw new Error('too few devices');
  await signIn(page, 'triager', '/devices?view=all');
  await expect(totalShown(page, all)).toBeVisible();

  // From the device's events.
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill(target.deviceName);
  const row = page
    .getByRole('table', { name: 'Devices' })
    .getByRole('row')
    .filter({ hasText: target.deviceName });
  await expect(row).toHaveCount(1);
  await row.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: target.deviceName });
  await panel.getByRole('button', { name: 'Exclude…' }).click();

  const dialog = page.getByRole('dialog', { name: 'New custom exclusion' });
  await expect(dialog.getByRole('radio', { name: `Only ${target.deviceName}` })).toBeChecked();
  await dialog.getByLabel('Column').selectOption('FileName');
  await dialog.getByLabel('Operator').selectOption('=~');
  await dialog.getByLabel('Value').fill('MREMOTENG.EXE');
  // No reason: refused in words, nothing saved.
  await dialog.getByRole('button', { name: 'Create exclusion' }).click();
  await expect(dialog.getByRole('alert')).toContainText('reason: is required');
  await dialog.getByLabel('Reason (required)').fill('Lab jump host, change CHG-4711');
  await expect(dialog.getByText(`DeviceId == '${target.deviceId}'`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Create exclusion' }).click();
  await expect(dialog).toBeHidden();

  await filter.fill('');
  await expect(totalShown(page, all - 1)).toBeVisible();
  const item = customList(page).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`FileName =~ "MREMOTENG.EXE" on ${target.deviceName}`);
  await expect(item).toContainText('Lab jump host, change CHG-4711');
  await expect(item).toContainText('Tristan Triager');
  await expect(item).toContainText('−1 dev');

  // A switch changes everyone's results: it asks first, says what changes, and wants a reason.
  const checkbox = item.getByRole('checkbox');
  await checkbox.click();
  const switchOff = page.getByRole('dialog', { name: 'Switch off for everyone?' });
  await expect(switchOff).toContainText('The table gets back the 1 device it hides now.');
  await switchOff.getByRole('button', { name: 'Cancel' }).click();
  await expect(switchOff).toBeHidden();
  await expect(checkbox).toBeChecked();
  await expect(totalShown(page, all - 1)).toBeVisible();

  await checkbox.click();
  await switchOff.getByLabel('Reason (required)').fill('Checking the lab host without it');
  await switchOff.getByRole('button', { name: 'Switch off', exact: true }).click();
  await expect(switchOff).toBeHidden();
  await expect(totalShown(page, all)).toBeVisible();
  await expect(item).toContainText('off');

  await checkbox.click();
  const switchOn = page.getByRole('dialog', { name: 'Switch on for everyone?' });
  await switchOn.getByLabel('Reason (required)').fill('Back on after the check');
  await switchOn.getByRole('button', { name: 'Switch on', exact: true }).click();
  await expect(totalShown(page, all - 1)).toBeVisible();

  // An analyst sees it, without controls.
  const analystPage = await page.context().browser()?.newPage();
  if (!analystPage) throw new Error('no browser');
  try {
    await signIn(analystPage, 'analyst', '/devices?view=all');
    await expect(totalShown(analystPage, all - 1)).toBeVisible();
    const seen = customList(analystPage).getByRole('listitem');
    await expect(seen).toContainText('Lab jump host');
    await expect(seen.getByRole('checkbox')).toBeDisabled();
    await expect(customList(analystPage).getByRole('button', { name: 'Remove…' })).toHaveCount(0);
    await expect(analystPage.getByRole('button', { name: '+ Add' })).toHaveCount(0);
  } finally {
    await analystPage.close();
  }

  await item.getByRole('button', { name: 'Remove…' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove custom exclusion' });
  await remove.getByLabel('Reason (required)').fill('Host decommissioned');
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByText('None yet.')).toBeVisible();
  await expect(totalShown(page, all)).toBeVisible();
});

/** Starts an exclusion of the device's mRemoteNG events from its evidence panel, and waits until it applies. */
async function excludeDevice(page: Page, target: CliDevice, reason: string, all: number) {
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill(target.deviceName);
  const row = page
    .getByRole('table', { name: 'Devices' })
    .getByRole('row')
    .filter({ hasText: target.deviceName });
  await expect(row).toHaveCount(1);
  await row.focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('complementary', { name: target.deviceName })
    .getByRole('button', { name: 'Exclude…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'New custom exclusion' });
  await dialog.getByLabel('Column').selectOption('FileName');
  await dialog.getByLabel('Operator').selectOption('=~');
  await dialog.getByLabel('Value').fill('MREMOTENG.EXE');
  await dialog.getByLabel('Reason (required)').fill(reason);
  await dialog.getByRole('button', { name: 'Create exclusion' }).click();
  await expect(dialog).toBeHidden();
  await filter.fill('');
  await expect(totalShown(page, all - 1)).toBeVisible();
}

/** Switches the listed exclusion on or off, with the reason the dialog asks for. */
async function switchExclusion(page: Page, on: boolean, reason: string) {
  await customList(page).getByRole('listitem').getByRole('checkbox').click();
  const dialog = page.getByRole('dialog', {
    name: on ? 'Switch on for everyone?' : 'Switch off for everyone?',
  });
  await dialog.getByLabel('Reason (required)').fill(reason);
  await dialog.getByRole('button', { name: on ? 'Switch on' : 'Switch off', exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('a switch someone else changed meanwhile is refused in words and the page shows the saved state; their later change shows when the page is back in focus', async ({
  page,
  signIn,
}) => {
  // Two people sign in and the hunt runs again after each of six changes.
  test.setTimeout(180_000);
  const all = devices.length;
  const target = devices[5];
  if (!target) throw new Error('too few devices');
  await signIn(page, 'triager', '/devices?view=all');
  await expect(totalShown(page, all)).toBeVisible();
  await excludeDevice(page, target, 'Lab jump host, change CHG-4712', all);
  const checkbox = customList(page).getByRole('listitem').getByRole('checkbox');
  await expect(checkbox).toBeChecked();

  const other = await page.context().browser()?.newPage();
  if (!other) throw new Error('no browser');
  try {
    await signIn(other, 'triager', '/devices?view=all');
    await expect(totalShown(other, all - 1)).toBeVisible();
    await switchExclusion(other, false, 'Checking the lab host without it');
    await expect(totalShown(other, all)).toBeVisible();

    // This page still shows it on; switching it off names the version it saw, which is no longer current.
    await expect(checkbox).toBeChecked();
    await switchExclusion(page, false, 'Off for the check');
    await expect(
      page.getByRole('alert').filter({ hasText: 'someone changed this exclusion meanwhile' }),
    ).toBeVisible();
    // The server's state, in the list and in the results.
    await expect(checkbox).not.toBeChecked();
    await expect(customList(page).getByRole('listitem')).toContainText('off');
    await expect(totalShown(page, all)).toBeVisible();

    // Switched on elsewhere: this page learns of it when the person comes back to it.
    await switchExclusion(other, true, 'Back on after the check');
    await expect(totalShown(other, all - 1)).toBeVisible();
    await expect(checkbox).not.toBeChecked();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await expect(checkbox).toBeChecked();
    await expect(totalShown(page, all - 1)).toBeVisible();
  } finally {
    await other.close();
  }

  await customList(page).getByRole('button', { name: 'Remove…' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove custom exclusion' });
  await remove.getByLabel('Reason (required)').fill('Check done');
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('None yet.')).toBeVisible();
  await expect(totalShown(page, all)).toBeVisible();
});
