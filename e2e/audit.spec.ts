// The audit log page: a manager finds the seeded verdict with its reason, narrows to exclusions (one history
// entry: Back undoes it) and a range of days with nothing in it; an analyst is not offered the page.
import { expect, test } from './fixtures';
import { SEEDED_REASON } from './triage-seed';

test('a manager reads who changed what and why, filters it, and Back undoes a filter', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'manager', '/devices');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();

  const log = page.getByRole('table', { name: /Audit log/ });
  const seeded = log.getByRole('row').filter({ hasText: SEEDED_REASON });
  await expect(seeded).toHaveCount(1, { timeout: 30_000 });
  await expect(seeded).toContainText('→ Benign');
  await expect(seeded).toContainText('UTC');

  await page.getByRole('combobox', { name: 'Changes to' }).selectOption('exclusion');
  await expect(page).toHaveURL(/[?&]entity=exclusion/);
  await expect(seeded).toHaveCount(0);

  await page.goBack();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(seeded).toHaveCount(1);

  await page.getByLabel('To (UTC day)').fill('2001-01-01');
  await expect(page).toHaveURL(/[?&]to=2001-01-01/);
  await expect(page.getByText('No changes match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(seeded).toHaveCount(1);
});

test('a link with a filter the log does not have says what it ignored', async ({ page, signIn }) => {
  await signIn(page, 'triager', '/audit?entity=device&from=2026-02-30');
  await expect(page.getByText('The link named a kind of change the audit log does not have')).toBeVisible();
  await expect(page.getByText('The link’s first day is not a calendar day')).toBeVisible();
  await expect(page.getByRole('table', { name: /Audit log/ }).getByText(SEEDED_REASON)).toBeVisible();
});

test('an analyst is not offered the audit log', async ({ page, signIn }) => {
  await signIn(page, 'analyst', '/devices');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trends' }),
  ).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }),
  ).toHaveCount(0);
});
