// The Trends page as a manager uses it: charts filled from the demo month, the range and an exclusion in the
// URL, and the events figure equal to what the command line counts for the same window and exclusions.
import { readFile } from 'node:fs/promises';
import { type CliDevice, cliHunt } from './cli-hunt';
import { expect, test } from './fixtures';

/** The range's window starts at a UTC midnight: at the pinned noon, 7 days are 6.5 days back, 30 are 29.5. */
const LOOKBACK = { '7d': '156h', '30d': '708h' } as const;

async function cliEvents(range: keyof typeof LOOKBACK, exclude?: string): Promise<number> {
  const devices = (await cliHunt({ lookback: LOOKBACK[range], exclude })) as (CliDevice & {
    count: number;
  })[];
  return devices.reduce((sum, device) => sum + device.count, 0);
}

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);

test('a manager sees the trends, changes the range and toggles an exclusion, and the numbers follow', async ({
  page,
  signIn,
}) => {
  // The first answer of a fresh server also opens the triage database; three command-line runs precede it.
  test.slow();
  const [week, month, monthWithoutVeeam] = await Promise.all([
    cliEvents('7d'),
    cliEvents('30d'),
    cliEvents('30d', 'veeam-backup'),
  ]);
  expect(week).toBeGreaterThan(0);
  expect(month).toBeGreaterThan(week);
  expect(monthWithoutVeeam).toBeLessThan(month);

  await signIn(page, 'manager', '/trends');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trends' }),
  ).toHaveAttribute('aria-current', 'page');

  const events = page.getByRole('region', { name: /Events matched per day/ });
  await expect(events.getByRole('heading')).toContainText('last 30 days · embedded (demo data)', {
    timeout: 60_000,
  });
  await expect(events).toContainText(`${count(month)} events matched`);
  // Every chart of the small multiples is drawn.
  for (const title of [
    'Events matched per day',
    'Devices flagged per day',
    'Devices seen for the first time',
    'Verdict mix of flagged devices',
    'Top devices by events',
  ]) {
    await expect(
      page.getByRole('region', { name: new RegExp(title) }).getByRole('application'),
    ).toBeVisible();
  }

  await page.getByLabel('Range').selectOption('7d');
  await expect(page).toHaveURL(/range=7d/);
  await expect(events.getByRole('heading')).toContainText('last 7 days');
  await expect(events).toContainText(`${count(week)} events matched`);

  await page.getByLabel('Range').selectOption('30d');
  await expect(page).not.toHaveURL(/range=/);
  await expect(events).toContainText(`${count(month)} events matched`);

  await page.getByRole('checkbox', { name: /Veeam backup jobs/ }).check();
  await expect(page).toHaveURL(/exclude=veeam-backup/);
  await expect(events).toContainText(`${count(monthWithoutVeeam)} events matched`);

  // The numbers behind the chart: as a table on request, and as CSV.
  await events.getByRole('button', { name: 'Table' }).click();
  await expect(events.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
  const table = events.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Events matched' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(31);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    events.getByRole('button', { name: /CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('huntboard-events-30d-2026-11-01.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('Day (UTC),From,Events matched');
  expect(lines).toHaveLength(31);
  const total = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',').at(-1)), 0);
  expect(total).toBe(monthWithoutVeeam);

  // A reload keeps the view.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /Veeam backup jobs/ })).toBeChecked();
  await expect(page.getByRole('region', { name: /Events matched per day/ })).toContainText(
    `${count(monthWithoutVeeam)} events matched`,
  );
});

test('each chart is named for assistive technology, and a skip link leads past the header', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'manager', '/trends');
  for (const title of [
    'Events matched per day',
    'Devices flagged per day',
    'Devices seen for the first time',
    'Verdict mix of flagged devices',
    'Top devices by events',
  ]) {
    await expect(
      page
        .getByRole('region', { name: new RegExp(title) })
        .getByRole('application', { name: new RegExp(title) }),
    ).toBeVisible({ timeout: 60_000 });
  }
  // The first Tab stop skips the header and lands in the page.
  const firstStop = await page.evaluate(
    () =>
      document.querySelector<HTMLElement>(
        'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])',
      )?.textContent,
  );
  expect(firstStop).toBe('Skip to main content');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await skip.focus();
  await expect(skip).toBeInViewport();
  await skip.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('today is drawn as counted so far, and the daily charts say how the last week compares', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'manager', '/trends');
  const events = page.getByRole('region', { name: /Events matched per day/ });
  await expect(events).toContainText(/% on the week before|same as the week before|none the week before/, {
    timeout: 60_000,
  });
  await expect(events.locator('svg').getByText('so far', { exact: true })).toBeVisible();
  const devices = page.getByRole('region', { name: /Devices flagged per day/ });
  await expect(devices).toContainText('(daily mean)');
  await expect(devices.locator('svg').getByText('so far', { exact: true })).toBeVisible();
  await events.getByRole('button', { name: 'Table' }).click();
  await expect(events.getByRole('table')).toContainText('(part of the day)');
});
