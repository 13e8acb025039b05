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
