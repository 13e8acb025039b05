// The RMM overview on the demo fleet: it lists every tool the catalog hunts for (the demo runs them all), a
// tool leads to its devices (those of every one of its hunts), and a device there to its hunt's page with the
// device open; a triager approves a tool for a scope and for all devices: the overview shows the first partly
// approved and the second approved, and both approvals are still there after a reload; an approval changed to
// an expiry in the past flags its tool again, and is then revoked.
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
  await expect(page).toHaveURL(/\/tools\/AnyDesk$/);
  await expect(page.getByRole('heading', { level: 1, name: 'AnyDesk' })).toBeVisible();
  // The same devices as the overview counts, from one sweep of AnyDesk's hunts.
  const all = devices.toLocaleString('en-US');
  await expect(page.getByText(`${all} of ${all} shown`)).toBeVisible({ timeout: 90_000 });

  // Devices of more than one of its hunts: each hunt's name, as a filter, leaves devices it matched.
  const deviceTable = page.getByRole('table', { name: 'Tool devices' });
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  const anydeskHunts = (await loadCatalog()).filter((h) => h.tool === 'AnyDesk');
  expect(anydeskHunts.length).toBeGreaterThan(1);
  const matched: string[] = [];
  for (const hunt of anydeskHunts) {
    await filter.fill(hunt.name);
    const found = await deviceTable
      .locator(`a[href*="hunt=${hunt.id}&"]`)
      .first()
      .waitFor({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (found) matched.push(hunt.id);
  }
  expect(matched.length, 'devices of more than one AnyDesk hunt').toBeGreaterThan(1);

  // Into one device on its hunt's page: the devices page of that hunt, the device's evidence open.
  const huntId = matched.at(-1) as string;
  await filter.fill(anydeskHunts.find((h) => h.id === huntId)?.name ?? '');
  const link = deviceTable.locator(`a[href*="hunt=${huntId}&"]`).first();
  const label = (await link.getAttribute('aria-label')) ?? '';
  const deviceName = /; open (.+) on this hunt$/.exec(label)?.[1];
  expect(deviceName, label).toBeTruthy();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/devices\\?hunt=${huntId}&lookback=30d&device=`));
  await expect(page.getByRole('complementary', { name: deviceName })).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('table', { name: 'Devices' }).getByRole('rowgroup').nth(1).getByRole('row').first(),
  ).toBeVisible({ timeout: 60_000 });
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

test('a triager changes an approval’s expiry to the past, the tool is flagged again, and then revokes it', async ({
  page,
  signIn,
}) => {
  test.slow();
  await signIn(page, 'triager', '/tools');
  await expect(toolsTable(page)).toBeVisible({ timeout: 90_000 });
  const splashtop = toolRow(page, 'Splashtop');
  await splashtop.getByRole('button', { name: 'Approve…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve Splashtop' });
  await dialog.getByLabel('Reason').fill('Vendor support');
  await dialog.getByLabel('Owner').fill('Service desk');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(splashtop.getByText('✓ Approved')).toBeVisible({ timeout: 60_000 });

  // Change its expiry to a day in the past: the change is confirmed first, since everyone sees it.
  const approvals = page.getByRole('table', { name: 'Approvals' });
  await approvals.getByRole('button', { name: 'Change the approval of Splashtop (all devices)' }).click();
  const edit = page.getByRole('dialog', { name: 'Change the approval of Splashtop' });
  await expect(edit.getByLabel('Reason')).toHaveValue('Vendor support');
  await edit.getByLabel('Reason').fill('Vendor contract ended');
  await edit.getByLabel('Expires (UTC, optional)').fill('2020-01-01');
  await expect(edit.getByRole('status')).toContainText('The expiry is in the past');
  await edit.getByRole('button', { name: 'Review the change…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Save the change to the approval of Splashtop?' });
  await expect(confirm).toContainText('applies to everyone');
  await confirm.getByRole('button', { name: 'Save for everyone' }).click();
  await expect(confirm).toBeHidden();

  // Flagged again: back among the unapproved, the approval listed as expired.
  await expect(splashtop.getByText('⚑ Not approved')).toBeVisible({ timeout: 60_000 });
  await expect(splashtop).toContainText(
    'Vendor contract ended; owner Service desk; until 2020-01-01 (expired: flagged again)',
  );
  const row = approvals.getByRole('row').filter({ hasText: 'Vendor contract ended' });
  await expect(row).toContainText('expired: flagged again');

  // Revoked with a reason: it leaves the list (the audit log keeps it).
  await approvals.getByRole('button', { name: 'Revoke the approval of Splashtop (all devices)' }).click();
  const revoke = page.getByRole('dialog', { name: 'Revoke the approval of Splashtop' });
  await expect(revoke).toContainText('for everyone');
  await revoke.getByLabel('Reason').fill('Contract ended');
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(revoke).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(splashtop.getByText('⚑ Not approved')).toBeVisible();
  await page.reload();
  await expect(toolsTable(page)).toBeVisible({ timeout: 90_000 });
  await expect(
    page.getByRole('table', { name: 'Approvals' }).getByRole('row').filter({ hasText: 'Splashtop' }),
  ).toHaveCount(0);
});
