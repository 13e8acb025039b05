// The RMM overview on the demo fleet: it lists every tool the catalog hunts for (the demo runs them all), a
// tool leads to its devices, and a triager approves a tool for a scope and for all devices: the overview shows
// the first partly approved and the second approved, and both approvals are still there after a reload.
import { loadCatalog } from '@/lib/hunts/catalog';
import { expect, test } from './fixtures';

const toolsTable = (page: import('@playwright/test').Page) => page.getByRole('table', { name: 'RMM tools' });
/** A tool's row: the one whose row header links with exactly the tool's name. */
const toolRow = (page: import('@playwright/test').Page, tool: string) =>
  toolsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader').getByRole('link', { name: tool, exact: true }) });
/** The row's device count (its first data cell). */
const deviceCount = async (row: import('@playwright/test').Locator) =>
  Number((await row.getByRole('cell').first().textContent())?.replaceAll(',', ''));

test('the overview lists the demo fleet’s tools, and a tool leads to its devices', async ({
  page,
  signIn,
}) => {
  test.slow();
  const tools = [...new Set((await loadCatalog()).flatMap((h) => (h.tool ? [h.tool] : [])))];
  expect(tools.length).toBeGreaterThan(3);

  await signIn(page, 'analyst', '/tools');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(toolsTable(page)).toBeVisible({ timeout: 90_000 });
  for (const tool of tools) await expect(toolRow(page, tool)).toHaveCount(1);
  // Nothing is approved yet: every tool is in the first group, and each sparkline is named.
  await expect(toolsTable(page).getByRole('rowheader', { name: /^Unapproved in use/ })).toBeVisible();
  await expect(page.getByLabel(/^AnyDesk: devices per day, last 30 days/)).toBeVisible();
  // The tool × device view names the machines.
  await expect(page.getByRole('table', { name: 'Tools by device' }).getByRole('row').nth(1)).toBeVisible();

  const devices = await deviceCount(toolRow(page, 'AnyDesk'));
  expect(devices).toBeGreaterThan(0);
  await toolRow(page, 'AnyDesk').getByRole('link', { name: 'AnyDesk' }).click();
  await expect(page).toHaveURL(/\/devices\?hunt=[^&]+&lookback=30d/);
  const rows = page.getByRole('table', { name: 'Devices' }).getByRole('rowgroup').nth(1).getByRole('row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
});

test('a triager approves a tool for a scope and another for all devices; both hold after a reload', async ({
  page,
  signIn,
}) => {
  test.slow();
  await signIn(page, 'triager', '/tools?lookback=7d');
  await expect(toolsTable(page)).toBeVisible({ timeout: 90_000 });

  // A scope: the devices of AnyDesk whose names the preview lists are approved, the others still flagged.
  const anydesk = toolRow(page, 'AnyDesk');
  const total = await deviceCount(anydesk);
  expect(total).toBeGreaterThan(1);
  await anydesk.getByRole('button', { name: 'Approve…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve AnyDesk' });
  await dialog.getByLabel('These devices').check();
  // One device that runs AnyDesk: taken from the matrix's AnyDesk column below.
  const matrix = page.getByRole('table', { name: 'Tools by device' });
  const headers = await matrix.getByRole('columnheader').allTextContents();
  const column = headers.indexOf('AnyDesk');
  expect(column).toBeGreaterThan(1);
  const matrixRows = matrix.getByRole('rowgroup').nth(1).getByRole('row');
  let device = '';
  for (let i = 0; i < (await matrixRows.count()) && !device; i++) {
    const row = matrixRows.nth(i);
    const cell = await row.locator('th, td').nth(column).textContent();
    if (cell && /\d/.test(cell)) device = (await row.getByRole('rowheader').textContent()) ?? '';
  }
  expect(device, 'a device in the matrix runs AnyDesk').not.toBe('');
  await dialog.getByLabel('Device names, one per line').fill(device);
  await dialog.getByLabel('Reason').fill('Help desk jump host');
  await dialog.getByLabel('Owner').fill('IT help desk');
  await expect(dialog.getByRole('status')).toContainText(`Stops flagging 1 of ${total} devices`);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog).toBeHidden();
  await expect(anydesk.getByText(`Approved on 1 of ${total}`)).toBeVisible({ timeout: 60_000 });

  // All devices: the tool moves to the Approved group, shown muted with its reason and owner.
  const atera = toolRow(page, 'Atera');
  await atera.getByRole('button', { name: 'Approve…' }).click();
  const ateraDialog = page.getByRole('dialog', { name: 'Approve Atera' });
  await ateraDialog.getByLabel('Reason').fill('Managed service provider contract');
  await ateraDialog.getByLabel('Owner').fill('MSP team');
  await ateraDialog.getByLabel('Expires (UTC, optional)').fill('2099-12-31');
  await ateraDialog.getByRole('button', { name: 'Approve' }).click();
  await expect(atera.getByText('✓ Approved')).toBeVisible({ timeout: 60_000 });
  await expect(atera).toContainText('Managed service provider contract; owner MSP team; until 2099-12-31');

  await page.reload();
  await expect(toolsTable(page)).toBeVisible({ timeout: 90_000 });
  await expect(toolRow(page, 'Atera').getByText('✓ Approved')).toBeVisible();
  await expect(toolRow(page, 'AnyDesk').getByText(`Approved on 1 of ${total}`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Approvals' }).getByRole('row')).toHaveCount(3);
});
