// The hunt picker with a catalog of over 200 hunts: the built-in ones plus generated ones written into the
// extra catalog folder the server reads (HUNTBOARD_CATALOG). Grouped by tool, searchable, and used by keyboard
// alone: type, arrows, Home/End, Enter, Escape; the active option stays in view. Picking a hunt shows its own
// window before any run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_EXTRA_CATALOG } from '../playwright.config';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const GENERATED_TOOLS = 58;
const KINDS = [
  { file: 'createproc', table: 'DeviceProcessEvents', column: 'FileName', what: 'process launches', days: 3 },
  {
    file: 'netconn',
    table: 'DeviceNetworkEvents',
    column: 'RemoteUrl',
    what: 'network connections',
    days: 9,
  },
  { file: 'filesig', table: 'DeviceFileCertificateInfo', column: 'Signer', what: 'file signers', days: 12 },
] as const;
const GENERATED = GENERATED_TOOLS * KINDS.length;
const folder = path.join(E2E_EXTRA_CATALOG, 'picker');

const toolName = (n: number) => `Zeta Remote ${String(n).padStart(2, '0')}`;

/** Small hunts in the published format, one per tool and table. */
function writeGeneratedCatalog(): void {
  mkdirSync(folder, { recursive: true });
  for (let n = 1; n <= GENERATED_TOOLS; n++) {
    const tool = toolName(n);
    const slug = `zetaremote${String(n).padStart(2, '0')}`;
    for (const kind of KINDS) {
      const yaml = [
        `id: e2e-picker-${slug}-${kind.file}`,
        `name: RMM tool - ${tool} - ${kind.what}`,
        `tool: ${tool}`,
        'description: A generated hunt for the hunt picker.',
        'tactics:',
        '  - CommandAndControl',
        'relevantTechniques:',
        '  - T1219',
        'query: |',
        `  let Time_start = now(-${kind.days}d);`,
        '  let Time_end = now();',
        `  ${kind.table}`,
        '  | where Timestamp between (Time_start..Time_end)',
        `  | where ${kind.column} has '${slug}'`,
        '  | summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),',
        '  Report=make_set(ReportId), Count=count() by DeviceId, DeviceName',
        '',
      ].join('\n');
      writeFileSync(path.join(folder, `rmm_${slug}_${kind.file}.yaml`), yaml);
    }
  }
}

const picker = (page: Page) => ({
  button: page.getByRole('button', { name: 'Hunts', exact: true }),
  search: page.getByRole('combobox', { name: 'Search hunts' }),
  listbox: page.getByRole('listbox', { name: 'Hunts by tool' }),
  options: page.getByRole('listbox', { name: 'Hunts by tool' }).getByRole('option'),
  active: page.getByRole('listbox', { name: 'Hunts by tool' }).locator('[role=option][aria-selected=true]'),
});

/** Opens the page afresh (the hunt list loads once per page) and counts the picker's options. */
async function optionCount(page: Page): Promise<number> {
  await page.goto('/devices');
  const p = picker(page);
  await p.button.click();
  await expect(p.options.first()).toBeVisible();
  const count = await p.options.count();
  await page.keyboard.press('Escape');
  return count;
}

function starterId(file: string): string {
  const text = readFileSync(path.join('lib', 'hunts', 'catalog', 'starter', file), 'utf8');
  const id = /^id:\s*(\S+)/m.exec(text)?.[1];
  if (!id) throw new Error(`no id in ${file}`);
  return id;
}

test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('the picker finds, scrolls to and picks among 200 hunts by keyboard alone', async ({ page, signIn }) => {
  test.setTimeout(240_000);
  rmSync(folder, { recursive: true, force: true });
  await signIn(page, 'analyst');
  const builtIn = await optionCount(page);
  expect(builtIn).toBeGreaterThanOrEqual(27);

  writeGeneratedCatalog();
  // The server looks for changed catalog files at most every 10 s.
  await expect
    .poll(() => optionCount(page), { timeout: 90_000, intervals: [3_000] })
    .toBe(builtIn + GENERATED);
  expect(builtIn + GENERATED).toBeGreaterThanOrEqual(200);

  const p = picker(page);
  await p.button.focus();
  await page.keyboard.press('ArrowDown');
  await expect(p.search).toBeFocused();
  // Grouped by tool, the group's name announced with its options.
  await expect(p.listbox.getByRole('group', { name: 'AnyDesk' }).getByRole('option')).toHaveCount(3);
  await expect(p.listbox.getByRole('group', { name: toolName(7) }).getByRole('option')).toHaveCount(3);
  // The current hunt is the active option when the list opens.
  await expect(p.active).toHaveCount(1);
  await expect(p.active).toHaveAttribute('aria-current', 'true');

  // End and Home reach the last and first of 200 options, each scrolled into view.
  await page.keyboard.press('End');
  await expect(p.active).toContainText(`${toolName(GENERATED_TOOLS)} - file signers`);
  await expect(p.active).toBeInViewport();
  await expect(p.options.first()).not.toBeInViewport();
  await page.keyboard.press('Home');
  await expect(p.options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(p.options.first()).toBeInViewport();

  // Forty steps down: the list follows, and the combobox points at the active option.
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
  await expect(p.options.nth(40)).toHaveAttribute('aria-selected', 'true');
  await expect(p.options.nth(40)).toBeInViewport();
  await expect(p.options.first()).not.toBeInViewport();
  const activeId = await p.options.nth(40).getAttribute('id');
  await expect(p.search).toHaveAttribute('aria-activedescendant', activeId ?? '');
  const fortyFirst = (await p.options.nth(40).locator('.truncate').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(p.listbox).toBeHidden();
  await expect(p.button).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fortyFirst);

  // Type to filter by tool and table, then pick with Enter: the hunt's own window shows before it ran.
  await page.keyboard.press('ArrowDown');
  await expect(p.search).toBeFocused();
  await page.keyboard.type('anydesk network');
  await expect(p.options).toHaveCount(1);
  await expect(p.options.first()).toContainText('network');
  await expect(p.options.first()).toContainText('last 5 days');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]hunt=${starterId('rmm_anydesk_netconn.yaml')}`));
  await expect(page.getByRole('combobox', { name: /^Window/ })).toHaveValue('5d');
  await expect(page.getByRole('combobox', { name: /^Window/ }).locator('option:checked')).toHaveText(
    'Last 5 days (hunt default)',
  );

  // By technique and by a generated tool's table label; nothing matched says so; Escape closes.
  await p.button.click();
  await expect(p.search).toBeFocused();
  await page.keyboard.type('zeta remote 58 signer');
  await expect(p.options).toHaveCount(1);
  await expect(p.options.first()).toContainText('file signer · last 12 days · T1219');
  await page.keyboard.type(' nothing-like-this');
  await expect(p.options).toHaveCount(0);
  await expect(p.listbox).toContainText('No hunt matches');
  await page.keyboard.press('Escape');
  await expect(p.listbox).toBeHidden();
  await expect(p.button).toBeFocused();

  // The generated hunts leave again, so the specs after this one see the built-in catalog.
  rmSync(folder, { recursive: true, force: true });
  await expect.poll(() => optionCount(page), { timeout: 90_000, intervals: [3_000] }).toBe(builtIn);
});
