// Triage end to end: a triager reads a device's evidence (its own URL, "showing N of M" as the API counts),
// marks it Benign with a reason and it leaves Needs review, finds it under All with its verdict and its
// history; marks two selected rows Suspicious at once; sees a stale write refused and retries it. An analyst
// sees verdicts without controls. A Benign verdict that later activity overtook is back in Needs review.
import type { Page } from '@playwright/test';
import { type CliDevice, cliHunt, SEED_HUNT } from './cli-hunt';
import { expect, test } from './fixtures';
import { SEEDED_REASON, seededDevice } from './triage-seed';

test.describe.configure({ mode: 'serial' });

type Device = CliDevice & { count: number };
let devices: Device[] = [];

test.beforeAll(async () => {
  devices = (await cliHunt()) as Device[];
  expect(devices.length).toBeGreaterThan(10);
});

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const devicesTable = (page: Page) => page.getByRole('table', { name: 'Devices' });
const bodyRows = (page: Page) => devicesTable(page).getByRole('rowgroup').nth(1).getByRole('row');
const rowOf = (page: Page, name: string) => devicesTable(page).getByRole('row').filter({ hasText: name });
const panelOf = (page: Page, name: string) => page.getByRole('complementary', { name });

/** The access token the page sends to the API, for calls the test makes itself. */
function captureToken(page: Page): () => string {
  let token = '';
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (request.url().includes('/api/') && header?.startsWith('Bearer ')) token = header;
  });
  return () => {
    if (!token) throw new Error('the page has not called the API yet');
    return token;
  };
}

interface ApiVerdict {
  deviceId: string;
  status: string;
  version: number;
  setAt: string;
  setBy: { name: string };
}

async function apiVerdicts(page: Page, authorization: string): Promise<Map<string, ApiVerdict>> {
  const response = await page.request.get(`/api/hunts/${SEED_HUNT}/verdicts`, { headers: { authorization } });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { verdicts: ApiVerdict[] };
  return new Map(body.verdicts.map((v) => [v.deviceId, v]));
}

async function openEvidence(page: Page, name: string) {
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill(name);
  const row = rowOf(page, name);
  await expect(row).toHaveCount(1);
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(panelOf(page, name)).toBeVisible();
}

test('a triager reads the evidence, marks the device Benign with a reason, and it leaves Needs review', async ({
  page,
  signIn,
}) => {
  const token = captureToken(page);
  await signIn(page, 'triager', '/devices');
  await expect(page.getByText(/ of [\d,]+ shown$/)).toBeVisible();
  const known = await apiVerdicts(page, token());
  const target = devices.find((d, i) => i > 0 && !known.has(d.deviceId));
  if (!target) throw new Error('every device already has a verdict');

  await openEvidence(page, target.deviceName);
  await expect(page).toHaveURL(new RegExp(`device=${target.deviceId}`));
  const evidence = (await (
    await page.request.get(`/api/hunts/${SEED_HUNT}/devices/${target.deviceId}/events`, {
      headers: { authorization: token() },
    })
  ).json()) as { shown: number; total: number };
  expect(evidence.total).toBe(target.count);
  const showing = `showing ${count(evidence.shown)} of ${count(evidence.total)}`;
  const panel = panelOf(page, target.deviceName);
  await expect(panel.getByText(showing)).toBeVisible();
  await expect(
    panel.getByRole('table', { name: `Events of ${target.deviceName}` }).getByRole('row'),
  ).toHaveCount(evidence.shown + 1);

  // The panel has its own URL: a reload opens it again.
  await page.reload();
  await expect(panelOf(page, target.deviceName).getByText(showing)).toBeVisible();
  await expect(
    panelOf(page, target.deviceName).getByText('No verdict has been set for this device yet.'),
  ).toBeVisible();

  // The whole list again, with the panel still open; then Escape back to the table and b for Benign.
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill('');
  // Needs review holds every device except those whose Benign verdict still holds.
  const total = devices.length;
  const before = devices.filter((d) => {
    const verdict = known.get(d.deviceId);
    return !(verdict?.status === 'benign' && Date.parse(verdict.setAt) >= Date.parse(d.lastSeen));
  }).length;
  await expect(page.getByText(`${count(before)} of ${count(total)} shown`)).toBeVisible();
  await filter.press('Escape');
  await page.keyboard.press('b');
  const dialog = page.getByRole('dialog', { name: 'Set verdict' });
  await expect(dialog).toBeVisible();
  // One key opened it, ready for the reason.
  await expect(dialog.getByRole('combobox', { name: /^Reason/ })).toBeFocused();
  await dialog.getByRole('button', { name: 'Save Benign' }).click();
  await expect(dialog.getByText('is required for Benign')).toBeVisible();
  await dialog.getByRole('combobox', { name: /^Reason/ }).fill('Admin jump host of the server team');
  await dialog.getByRole('combobox', { name: /^Reason/ }).press('Enter');
  await expect(dialog).toBeHidden();

  await expect(page.getByText(`${count(before - 1)} of ${count(total)} shown`)).toBeVisible();
  const history = panelOf(page, target.deviceName).getByRole('list', { name: 'Verdict history' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history).toContainText('Tristan Triager');
  await expect(history).toContainText('Benign');
  await expect(history).toContainText('Admin jump host of the server team');

  // The reason is remembered in this browser: one click away the next time.
  await page.keyboard.press('b');
  await expect(dialog.getByRole('group', { name: 'Recent reasons:' })).toContainText(
    'Admin jump host of the server team',
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('combobox', { name: 'View' }).selectOption('all');
  await expect(page).toHaveURL(/view=all/);
  await expect(page.getByText(`${count(total)} of ${count(total)} shown`)).toBeVisible();
  await filter.fill(target.deviceName);
  await expect(rowOf(page, target.deviceName)).toContainText('Benign');
  expect((await apiVerdicts(page, token())).get(target.deviceId)).toMatchObject({
    status: 'benign',
    setBy: { name: 'Tristan Triager' },
  });
});

test('a triager selects two rows with x and marks both Suspicious at once', async ({ page, signIn }) => {
  const token = captureToken(page);
  // In the command line's order (newest first), so its devices near the top are the table's.
  await signIn(page, 'triager', '/devices?sort=lastSeen.desc');
  await expect(page.getByText(/ of [\d,]+ shown$/)).toBeVisible();
  const known = await apiVerdicts(page, token());
  // Two rows near the top that have no verdict yet.
  const names: string[] = [];
  for (const device of devices.slice(1)) {
    if (!known.has(device.deviceId)) names.push(device.deviceName);
    if (names.length === 2) break;
  }
  const [first, second] = names;
  if (!first || !second) throw new Error('not enough devices without a verdict');

  for (const name of [first, second]) {
    await rowOf(page, name).focus();
    await page.keyboard.press('x');
  }
  const bar = page.getByRole('toolbar', { name: 'Selected devices' });
  await expect(bar).toContainText('2 devices selected');
  await expect(page.getByRole('checkbox', { name: `Select ${first}` })).toBeChecked();

  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: 'Set the verdict of 2 devices' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: /^Reason/ }).fill('Unusual parent process, needs a look');
  await dialog.getByRole('button', { name: 'Save Suspicious' }).click();
  await expect(dialog).toBeHidden();
  await expect(bar).toBeHidden();

  for (const name of [first, second]) await expect(rowOf(page, name)).toContainText('Suspicious');
  const after = await apiVerdicts(page, token());
  const ids = devices.filter((d) => d.deviceName === first || d.deviceName === second).map((d) => d.deviceId);
  expect(ids.map((id) => after.get(id)?.status)).toEqual(['suspicious', 'suspicious']);
});

test('a stale write shows who changed the verdict to what, and retrying mine saves it', async ({
  page,
  signIn,
}) => {
  const token = captureToken(page);
  await signIn(page, 'triager', '/devices?view=all');
  await expect(page.getByText(/ of [\d,]+ shown$/)).toBeVisible();
  const known = await apiVerdicts(page, token());
  const target = devices.find((d, i) => i > 0 && !known.has(d.deviceId));
  if (!target) throw new Error('every device already has a verdict');
  await openEvidence(page, target.deviceName);

  // Someone else sets a verdict after this page loaded the verdicts (version 0 on screen).
  const other = await page.request.put(`/api/hunts/${SEED_HUNT}/devices/${target.deviceId}/verdict`, {
    headers: { authorization: token() },
    data: { expectedVersion: 0, deviceName: target.deviceName, status: 'malicious', reference: 'INC-0412' },
  });
  expect(other.status()).toBe(200);

  const panel = panelOf(page, target.deviceName);
  await panel
    .getByRole('toolbar', { name: 'Set verdict' })
    .getByRole('button', { name: /Suspicious/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Set verdict' });
  await dialog.getByRole('button', { name: 'Save Suspicious' }).click();
  const conflict = dialog.getByRole('alert');
  await expect(conflict).toContainText('This verdict was changed while you were deciding');
  await expect(conflict).toContainText('Tristan Triager set it to');
  await expect(conflict).toContainText('Malicious');
  // The table already shows what the store holds.
  await expect(rowOf(page, target.deviceName)).toContainText('Malicious');

  await conflict.getByRole('button', { name: 'Retry mine' }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, target.deviceName)).toContainText('Suspicious');
  const history = panel.getByRole('list', { name: 'Verdict history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').nth(1)).toContainText('Suspicious');
  expect((await apiVerdicts(page, token())).get(target.deviceId)).toMatchObject({
    status: 'suspicious',
    version: 2,
  });
});

test('a Benign verdict that activity has overtaken says so and is back in Needs review', async ({
  page,
  signIn,
}) => {
  const seeded = seededDevice(devices);
  await signIn(page, 'triager', '/devices');
  const filter = page.getByRole('textbox', { name: 'Filter devices' });
  await filter.fill(seeded.deviceName);
  // Needs review is the default view, and the device is in it despite its Benign verdict.
  await expect(page.getByText(`1 of ${count(devices.length)} shown`)).toBeVisible();
  const row = rowOf(page, seeded.deviceName);
  await expect(row).toContainText('Benign');
  await expect(row).toContainText('new activity since verdict');

  await row.focus();
  await page.keyboard.press('Enter');
  const panel = panelOf(page, seeded.deviceName);
  await expect(panel).toContainText(SEEDED_REASON);
  await expect(panel).toContainText('new activity since verdict');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page).not.toHaveURL(/device=/);
});

test('an analyst sees the verdicts but no controls to change them', async ({ page, signIn }) => {
  await signIn(page, 'analyst', '/devices?view=all');
  await expect(page.getByText(/ of [\d,]+ shown$/)).toBeVisible();
  await expect(bodyRows(page).first()).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Select / })).toHaveCount(0);

  const seeded = seededDevice(devices);
  await openEvidence(page, seeded.deviceName);
  const row = rowOf(page, seeded.deviceName);
  await expect(row).toContainText('Benign');
  await expect(row.getByRole('button', { name: /Set the verdict/ })).toHaveCount(0);
  const panel = panelOf(page, seeded.deviceName);
  await expect(panel.getByRole('list', { name: 'Verdict history' })).toContainText(SEEDED_REASON);
  await expect(panel.getByRole('toolbar', { name: 'Set verdict' })).toHaveCount(0);
  await page.keyboard.press('b');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
