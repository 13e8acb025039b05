// Exclusion toggles on the devices page: each hides what the command line says it hides, and stays in the URL.
import { cliHunt } from './cli-hunt';
import { expect, test } from './fixtures';

const cliDeviceCount = async (exclude?: string) => (await cliHunt({ exclude })).length;

test('switching an exclusion on hides its devices, as the command line does, and a reload keeps it', async ({
  page,
  signIn,
}) => {
  const [all, withoutVeeam, withoutBoth] = await Promise.all([
    cliDeviceCount(),
    cliDeviceCount('veeam-backup'),
    cliDeviceCount('veeam-backup,scheduled-monitoring'),
  ]);
  expect(withoutVeeam).toBeLessThan(all);
  expect(withoutBoth).toBeLessThan(withoutVeeam);

  await signIn(page, 'analyst', '/devices');
  await expect(page.getByText(`${all} of ${all} shown`)).toBeVisible();

  const veeam = page.getByRole('checkbox', { name: /Veeam backup jobs/ });
  await expect(veeam).not.toBeChecked();
  await veeam.check();
  await expect(page).toHaveURL(/exclude=veeam-backup/);
  await expect(page.getByText(`${withoutVeeam} of ${withoutVeeam} shown`)).toBeVisible();

  await page.getByRole('checkbox', { name: /Scheduled tasks and monitoring tools/ }).check();
  await expect(page.getByText(`${withoutBoth} of ${withoutBoth} shown`)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('checkbox', { name: /Veeam backup jobs/ })).toBeChecked();
  await expect(page.getByText(`${withoutBoth} of ${withoutBoth} shown`)).toBeVisible();

  // The query that ran says what it left out.
  await page.getByRole('button', { name: /Query/ }).click();
  await expect(page.getByLabel('Query that ran')).toContainText('where not(');
});
