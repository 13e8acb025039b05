// Why a device is flagged, on the devices page at 1440×900: the laptop where PowerShell fetched a portable
// mRemoteNG into ProgramData names its parent and its signals on the first screen, without scrolling; the
// signals column sorts; the evidence panel explains each signal with the facts behind it.
import { type CliDevice, cliHunt } from './cli-hunt';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

const LABELS: Record<string, string> = {
  'shell-parent': 'Shell parent',
  'user-writable-path': 'Writable path',
  'renamed-binary': 'Renamed',
  'new-device': 'New device',
  'unusual-account': 'Rare account',
};

let laptop: CliDevice;

test.beforeAll(async () => {
  const devices = await cliHunt();
  const found = devices.find(
    (d) =>
      d.signals?.parents[0] === 'powershell.exe' &&
      d.signals.parentCommandLines.some((c) => /github\.com\/mRemoteNG.*Portable/i.test(c)),
  );
  if (!found) throw new Error('the demo has no laptop where PowerShell fetched the portable build');
  laptop = found;
});

const rowOf = (page: import('@playwright/test').Page, name: string) =>
  page.getByRole('table').getByRole('row').filter({ hasText: name });

test("the suspicious laptop's first-screen row names its PowerShell parent and its signals", async ({
  page,
  signIn,
}) => {
  await signIn(page, 'analyst', '/devices');
  await expect(page.getByText(/ of [\d,]+ shown$/)).toBeVisible();
  const row = rowOf(page, laptop.deviceName);
  await expect(row).toBeVisible();
  const ids = laptop.signals?.ids ?? [];
  expect(ids).toEqual(expect.arrayContaining(['shell-parent', 'user-writable-path']));

  // What a person sees: the row's rendered text, and every part of it inside the 1440×900 viewport.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point, not the DOM's.
  const text = (await row.innerText()).toLowerCase();
  expect(text).toContain('powershell');
  for (const id of ids) expect(text).toContain((LABELS[id] ?? id).toLowerCase());
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const inside = async (locator: import('@playwright/test').Locator) => {
    const box = await locator.boundingBox();
    expect(box).not.toBeNull();
    if (!box) return;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  };
  await inside(row.getByText(laptop.deviceName, { exact: true }));
  await inside(row.getByText('powershell.exe', { exact: true }));
  for (const id of ids) await inside(row.locator(`[data-signal="${id}"]`));
  // The page itself does not scroll sideways to get there.
  expect(await page.evaluate(() => window.scrollX)).toBe(0);

  // The explanation is there on hover and in the evidence panel, with the facts behind it.
  await expect(row.locator('[data-signal="shell-parent"]').locator('xpath=..')).toHaveAttribute(
    'title',
    /Shell parent: Started by a shell/,
  );
  await row.dblclick();
  const panel = page.getByRole('complementary', { name: laptop.deviceName });
  const why = panel.getByRole('region', { name: 'Why flagged' });
  await expect(why).toContainText('Started by a shell, script host, browser or Office application');
  await expect(why).toContainText('powershell.exe');
  await expect(why).toContainText('C:\\ProgramData\\mrng\\mRemoteNG.exe');
  for (const account of laptop.signals?.accounts ?? []) await expect(why).toContainText(account);
});

test('the signals column sorts, and the filter finds devices by parent', async ({ page, signIn }) => {
  await signIn(page, 'analyst', '/devices');
  await expect(page.getByText(/ of [\d,]+ shown$/)).toBeVisible();
  const body = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row');
  // Default: most signals first.
  await expect(body.first().locator('[data-signal]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Signals' }).click();
  await expect(page).toHaveURL(/sort=signals\.asc/);
  await expect(body.first().locator('[data-signal]')).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Filter devices' }).fill('powershell.exe');
  await expect(rowOf(page, laptop.deviceName)).toBeVisible();
});
