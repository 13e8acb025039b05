// The devices page for hunts over the network and file-signer tables (the starter catalog's AnyDesk hunts):
// the hunt's own window before it ran, the devices the command line finds, evidence in the table's own
// columns, and a custom exclusion on a network column that takes a device out of the list.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type CliDevice, cliHunt } from './cli-hunt';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

function starterId(file: string): string {
  const text = readFileSync(path.join('lib', 'hunts', 'catalog', 'starter', file), 'utf8');
  const id = /^id:\s*(\S+)/m.exec(text)?.[1];
  if (!id) throw new Error(`no id in ${file}`);
  return id;
}

const NETWORK_HUNT = starterId('rmm_anydesk_netconn.yaml');
const SIGNER_HUNT = starterId('rmm_anydesk_filesig.yaml');

let network: CliDevice[] = [];
let signer: CliDevice[] = [];

test.beforeAll(async () => {
  [network, signer] = await Promise.all([
    cliHunt({ huntId: NETWORK_HUNT }),
    cliHunt({ huntId: SIGNER_HUNT }),
  ]);
  expect(network.length).toBeGreaterThan(2);
  expect(signer.length).toBeGreaterThan(2);
});

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const totalShown = (page: Page, total: number) => page.getByText(new RegExp(` of ${count(total)} shown$`));
const windowSelect = (page: Page) => page.getByRole('combobox', { name: /^Window/ });

/** Opens a device's evidence from its row by keyboard and returns the panel's events table. */
async function openEvidence(page: Page, deviceName: string) {
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill(deviceName);
  const row = page.getByRole('table', { name: 'Devices' }).getByRole('row').filter({ hasText: deviceName });
  await expect(row).toHaveCount(1);
  await row.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: deviceName });
  const events = panel.getByRole('table', { name: `Events of ${deviceName}` });
  await expect(events).toBeVisible();
  return { panel, events, filter };
}

async function headers(table: ReturnType<Page['getByRole']>): Promise<string[]> {
  return (await table.getByRole('columnheader').allTextContents()).map((t) => t.trim());
}

test('a network hunt: its devices, network evidence, and a custom exclusion on RemoteUrl', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'triager', `/devices?hunt=${NETWORK_HUNT}&view=all`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'RMM tool - AnyDesk - network connections',
  );
  await expect(windowSelect(page)).toHaveValue('5d');
  await expect(totalShown(page, network.length)).toBeVisible();

  const target = network.find((d) => d.deviceName.startsWith('laptop-')) ?? network[0];
  if (!target) throw new Error('no device');
  const { panel, events, filter } = await openEvidence(page, target.deviceName);
  expect(await headers(events)).toEqual(
    expect.arrayContaining(['Process chain', 'Account', 'RemoteUrl', 'RemoteIP', 'RemotePort']),
  );
  expect(await headers(events)).not.toContain('ProcessCommandLine');
  await expect(events.getByRole('cell', { name: /\.anydesk\.com$/ }).first()).toBeVisible();
  // The connecting process with the image that started it: parent → process.
  await expect(events.locator('[data-step="process"]').first()).toHaveText(/\S/);

  // Every AnyDesk connection of this device ends in .net.anydesk.com: excluding those, on this device only,
  // takes it out of the list.
  await panel.getByRole('button', { name: 'Exclude…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New custom exclusion' });
  const columns = await dialog.getByLabel('Column').locator('option').allTextContents();
  expect(columns).toEqual(expect.arrayContaining(['RemoteUrl', 'RemoteIP', 'InitiatingProcessAccountName']));
  expect(columns).not.toContain('ProcessCommandLine');
  await dialog.getByLabel('Column').selectOption('RemoteUrl');
  await dialog.getByLabel('Operator').selectOption('endswith');
  await dialog.getByLabel('Value').fill('.net.anydesk.com');
  await expect(dialog.getByRole('radio', { name: `Only ${target.deviceName}` })).toBeChecked();
  await dialog.getByLabel('Reason (required)').fill('Sanctioned AnyDesk on this laptop, change CHG-5120');
  await dialog.getByRole('button', { name: 'Create exclusion' }).click();
  await expect(dialog).toBeHidden();

  await filter.fill('');
  await expect(totalShown(page, network.length - 1)).toBeVisible();
  const item = page.getByRole('list', { name: 'Custom exclusions' }).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`RemoteUrl endswith ".net.anydesk.com" on ${target.deviceName}`);
  await expect(item).toContainText('−1 dev');

  // Removed again, the device is back.
  await item.getByRole('button', { name: 'Remove…' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove custom exclusion' });
  await remove.getByLabel('Reason (required)').fill('Test over');
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(remove).toBeHidden();
  await expect(totalShown(page, network.length)).toBeVisible();
});

test('a file-signer hunt: its devices and signer evidence', async ({ page, signIn }) => {
  await signIn(page, 'analyst', `/devices?hunt=${SIGNER_HUNT}&view=all`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('RMM tool - AnyDesk - file signer');
  await expect(windowSelect(page)).toHaveValue('7d');
  await expect(totalShown(page, signer.length)).toBeVisible();

  const target = signer[0];
  if (!target) throw new Error('no device');
  const { events } = await openEvidence(page, target.deviceName);
  expect(await headers(events)).toEqual(expect.arrayContaining(['Signer', 'Issuer', 'IsTrusted', 'SHA1']));
  expect(await headers(events)).not.toContain('RemoteUrl');
  await expect(
    events.getByRole('cell', { name: /AnyDesk Software|philandro Software/ }).first(),
  ).toBeVisible();
  await expect(events.getByRole('cell', { name: /^(yes|no)$/ }).first()).toBeVisible();
});
