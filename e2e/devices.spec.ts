// The devices page end to end: the seed hunt on pinned demo data, compared with the command-line hunt.
import { type CliDevice, cliHunt } from './cli-hunt';
import { expect, test } from './fixtures';

let fiveDays: CliDevice[] = [];
let fourteenDays: CliDevice[] = [];

test.beforeAll(async () => {
  [fiveDays, fourteenDays] = await Promise.all([cliHunt(), cliHunt({ lookback: '14d' })]);
  expect(fiveDays.length).toBeGreaterThan(10);
  expect(fourteenDays.length).toBeGreaterThan(fiveDays.length);
});

const rows = (page: import('@playwright/test').Page) =>
  page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row');

test("an analyst sees the hunt's devices, sorts, filters, and keeps the view on reload", async ({
  page,
  signIn,
}) => {
  await signIn(page, 'analyst', '/devices');

  await expect(page.getByRole('heading', { name: /mRemoteNG - Create Process/ })).toBeVisible();
  await expect(page.getByText('T1219')).toBeVisible();
  await expect(page.getByText(`${fiveDays.length} of ${fiveDays.length} shown`)).toBeVisible();

  // By default devices with more why-flagged signals come first, then the newest activity.
  const signals = (d: CliDevice) => d.signals?.ids.length ?? 0;
  const flagged = [...fiveDays].sort(
    (a, b) => signals(b) - signals(a) || b.lastSeen.localeCompare(a.lastSeen),
  )[0];
  const newest = fiveDays[0];
  const oldest = [...fiveDays].sort((a, b) => a.lastSeen.localeCompare(b.lastSeen))[0];
  if (!newest || !oldest || !flagged) throw new Error('the hunt found no devices');
  expect(signals(flagged)).toBeGreaterThan(0);
  await expect(rows(page).first()).toContainText(flagged.deviceName);

  // Newest activity first, as the command line orders it, then the other way round.
  await page.getByRole('button', { name: 'Last seen' }).click();
  await expect(page).toHaveURL(/sort=lastSeen\.desc/);
  await expect(rows(page).first()).toContainText(newest.deviceName);
  await page.getByRole('button', { name: 'Last seen' }).click();
  await expect(page).toHaveURL(/sort=lastSeen\.asc/);
  await expect(rows(page).first()).toContainText(oldest.deviceName);

  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill(newest.deviceName);
  await expect(page.getByText(`1 of ${fiveDays.length} shown`)).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
  await expect(page).toHaveURL(/q=/);

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Filter devices' })).toHaveValue(newest.deviceName);
  await expect(page.getByText(`1 of ${fiveDays.length} shown`)).toBeVisible();
  await expect(page).toHaveURL(/sort=lastSeen\.asc/);
});

test('a wider window finds what the command line finds for that window', async ({ page, signIn }) => {
  await signIn(page, 'analyst', '/devices');
  await expect(page.getByText(`${fiveDays.length} of ${fiveDays.length} shown`)).toBeVisible();
  await page.getByRole('combobox', { name: /Window/ }).selectOption('14d');
  await expect(page).toHaveURL(/lookback=14d/);
  await expect(page.getByText(`${fourteenDays.length} of ${fourteenDays.length} shown`)).toBeVisible();
});

test('the query that ran is shown and can be copied', async ({ page, signIn, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'analyst', '/devices');
  await expect(page.getByText(/ of \d+ shown/)).toBeVisible();
  await page.getByRole('button', { name: 'Copy KQL' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("where ProcessVersionInfoProductName has 'mRemoteNG'");
  expect(copied).toContain('summarize FirstSeen=min(Timestamp)');
});
