// The layout at the sizes people use: a phone (390×844) where nothing may push the page wider than the screen,
// a laptop (1440×900) where the devices table's timeline and, beside the evidence panel, the columns that say
// why a device is flagged stay in view; the exclusions sidebar folds away and stays folded; and the devices
// table is one stop for the Tab key, with the arrow keys inside it.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1440, height: 900 };

const devicesTable = (page: Page) => page.getByRole('table', { name: 'Devices' });
const shownCount = (page: Page) => page.getByText(/^\d[\d,]* of \d[\d,]* shown$/);

/** Horizontal overflow of the document: the page is wider than the screen when this is above zero. */
const overflowX = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The box of a locator, which must be laid out. */
async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} has no box`);
  return found;
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

test('on a phone every page fits the screen and Sign out is in view', async ({ page, signIn }) => {
  test.slow();
  await page.setViewportSize(PHONE);
  await signIn(page, 'manager', '/devices');
  const pages: [string, Locator][] = [
    ['/devices', shownCount(page)],
    ['/trends', page.getByRole('region', { name: /Events matched per day/ }).getByRole('application')],
    ['/tools', page.getByRole('table', { name: 'RMM tools' })],
    ['/audit', page.getByRole('table', { name: /Audit log/ })],
  ];
  for (const [path, ready] of pages) {
    // Within the app, so the session held in this tab carries over.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link')
      .and(page.locator(`[href="${path}"]`))
      .click();
    await expect(page).toHaveURL(new RegExp(`${path}(\\?|$)`));
    await expect(ready).toBeVisible({ timeout: 90_000 });
    expect(await overflowX(page), `${path} is wider than the screen`).toBeLessThanOrEqual(0);
    await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeInViewport({
      ratio: 1,
    });
  }
});

test('the trends cards do not overlap each other or their own text', async ({ page, signIn }) => {
  test.slow();
  await page.setViewportSize(PHONE);
  await signIn(page, 'manager', '/trends');
  const cards = page.getByRole('region', {
    name: /^(Events matched per day|Devices flagged per day|Devices seen for the first time|Verdict mix of flagged devices|Triage throughput|Top devices by events)/,
  });
  await expect(cards).toHaveCount(6);
  await expect(cards.first().getByText(/events matched/)).toBeVisible({ timeout: 90_000 });
  for (const viewport of [PHONE, LAPTOP]) {
    await page.setViewportSize(viewport);
    // One measurement of every card at once, so scrolling cannot move one box between two readings.
    const layout = await cards.evaluateAll((elements) =>
      elements.map((card) => {
        const rect = (element: Element) => {
          const r = element.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        return {
          card: rect(card),
          // Text or chart wider or taller than the card spills over its border or under its neighbour.
          spills: card.scrollWidth > card.clientWidth + 1 || card.scrollHeight > card.clientHeight + 1,
          parts: [...card.children].map(rect),
        };
      }),
    );
    layout.forEach(({ card, spills, parts }, i) => {
      expect(spills, `card ${i} overflows at ${viewport.width}px`).toBe(false);
      for (const part of parts)
        expect(inside(part, card), `card ${i} spills at ${viewport.width}px`).toBe(true);
      for (let p = 1; p < parts.length; p++) {
        const above = parts[p - 1] as Box;
        expect(
          (parts[p] as Box).y,
          `card ${i}'s parts overlap at ${viewport.width}px`,
        ).toBeGreaterThanOrEqual(above.y + above.height - 0.5);
      }
      for (let j = i + 1; j < layout.length; j++)
        expect(overlaps(card, (layout[j] as { card: Box }).card), `cards ${i} and ${j} overlap`).toBe(false);
    });
  }
});

test('at 1440×900 the timeline is in view, and beside the evidence the device, signals and verdict stay', async ({
  page,
  signIn,
}) => {
  await page.setViewportSize(LAPTOP);
  // A triager's table has the most columns: the selection checkboxes come first.
  await signIn(page, 'triager', '/devices');
  await expect(shownCount(page)).toBeVisible({ timeout: 60_000 });
  const table = devicesTable(page);
  await expect(
    page.getByRole('complementary', { name: 'Exclusions' }).getByRole('list').first(),
  ).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Timeline' })).toBeInViewport({ ratio: 1 });

  const first = table.locator('[data-row-id]').first();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]device=/);
  await expect(page.getByRole('complementary').filter({ hasText: 'Why flagged' })).toBeVisible();
  for (const name of ['Device', 'Signals', 'Verdict']) {
    await expect(table.getByRole('columnheader', { name, exact: true })).toBeInViewport({ ratio: 1 });
  }
  // The cells, not only the headers: the first row's device name, its signal chips and its verdict.
  const cells = first.getByRole('cell');
  for (const index of [1, 2]) await expect(cells.nth(index)).toBeInViewport({ ratio: 1 });
  await expect(first.getByRole('button', { name: /^Set the verdict of/ })).toBeInViewport({ ratio: 1 });
});

test('the exclusions sidebar folds away by keyboard and stays folded after a reload', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'analyst', '/devices');
  await expect(shownCount(page)).toBeVisible({ timeout: 60_000 });
  const sidebar = page.getByRole('complementary', { name: 'Exclusions' });
  const toggle = sidebar.getByRole('button', { name: 'Exclusions sidebar' });
  const rules = sidebar.getByRole('checkbox').first();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(rules).toBeVisible();
  const wide = (await box(devicesTable(page))).width;

  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(rules).toBeHidden();
  await expect(toggle).toBeFocused();
  // The table takes the room the sidebar gave up.
  expect((await box(devicesTable(page))).width).toBeGreaterThan(wide + 150);

  await page.reload();
  await expect(shownCount(page)).toBeVisible({ timeout: 60_000 });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(rules).toBeHidden();

  // Trends shares the sidebar, and the choice.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trends' }).click();
  await expect(page.getByRole('button', { name: 'Exclusions sidebar' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );

  await page.getByRole('button', { name: 'Exclusions sidebar' }).press(' ');
  await expect(page.getByRole('button', { name: 'Exclusions sidebar' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await page.reload();
  await expect(page.getByRole('button', { name: 'Exclusions sidebar' })).toHaveAttribute(
    'aria-expanded',
    'true',
    { timeout: 60_000 },
  );
});

test('the devices table is one Tab stop; the arrow keys move inside it', async ({ page, signIn }) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, 'triager', '/devices');
  await expect(shownCount(page)).toBeVisible({ timeout: 60_000 });
  const table = devicesTable(page);
  const rows = table.locator('[data-row-id]');
  await expect(rows).not.toHaveCount(0);

  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  const where = () =>
    page.evaluate(() => {
      const active = document.activeElement;
      const grid = document.querySelector('table[aria-label="Devices"]');
      if (!active || !grid || active === document.body) return 'out';
      if (grid.contains(active)) return 'in';
      return grid.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before';
    });
  let presses = 0;
  let inTable = 0;
  for (;;) {
    await page.keyboard.press('Tab');
    presses++;
    const at = await where();
    if (at === 'in') inTable++;
    else if (inTable > 0 || at === 'after' || at === 'out') break;
    // Far past any sensible bound: stop counting.
    if (presses > 120) break;
  }
  expect(inTable, 'Tab stops inside the devices table').toBe(1);
  expect(presses, 'Tab presses from the skip link past the table').toBeLessThanOrEqual(40);

  // Inside: the row has the focus; Right walks its controls, Left comes back, Down moves to the next row.
  await page.keyboard.press('Shift+Tab');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  const control = page.locator(':focus');
  await expect(control).not.toHaveAttribute('role', 'row');
  expect(
    await control.evaluate((element) => element.closest('[role="row"]')?.getAttribute('aria-rowindex')),
  ).toBe('2');
  await page.keyboard.press('ArrowLeft');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  // Above the first row: the column headers, whose sort buttons the arrow keys reach too.
  expect(await page.evaluate(() => document.activeElement?.closest('thead') !== null)).toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]device=/);
});

test('the favicon the pages name is served', async ({ page, request }) => {
  await page.goto('/sign-in');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  const response = await request.get(href ?? '');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
});
