// Links the page cannot follow as written are corrected in the open: unknown exclusion ids and an unreadable
// window are dropped from the address with a notice while the run goes on, an unknown device gets no panel
// verdict, and a verdict started from an unreviewed device's badge is a choice, not a default.
import { expect, test } from './fixtures';

test('a link with an unknown exclusion id, an unreadable window or an unknown device says what it ignored', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'analyst', '/devices?exclude=no-such-rule&lookback=abc');
  await expect(page.getByText('Ignored exclusion id this hunt does not have: no-such-rule.')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText("The window 'abc' in the link is not valid")).toBeVisible();
  await expect(page.getByText(/\d+ of \d+ shown/)).toBeVisible();
  await expect(page).not.toHaveURL(/exclude=|lookback=/);

  await page.goto('/devices?device=no-such-device');
  await expect(page.getByText('This device is not in the current results.')).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('complementary', { name: 'no-such-device' }).getByText('Unreviewed'),
  ).toHaveCount(0);
});

test("the verdict form from an unreviewed device's badge has nothing chosen until the triager picks", async ({
  page,
  signIn,
}) => {
  await signIn(page, 'triager', '/devices');
  await page
    .getByRole('button', { name: /^Set the verdict of .* \(now unreviewed\)$/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Set verdict' });
  await expect(dialog).toBeVisible();
  for (const status of ['Benign', 'Suspicious', 'Malicious', 'Unreviewed'])
    await expect(dialog.getByRole('radio', { name: new RegExp(`^${status}`) })).not.toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  // The radio itself is visually hidden; a person clicks its label.
  await dialog.locator('label', { has: page.getByRole('radio', { name: /^Suspicious/ }) }).click();
  await expect(dialog.getByRole('button', { name: 'Save Suspicious' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
