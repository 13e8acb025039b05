// End-to-end tests: a production build of the app on the embedded demo, with a pinned "now" and seed.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = 3210;
export const IDP_PORT = 9444;
const debianChromium = '/usr/bin/chromium';

// Every run of the suite gets a triage database of its own, so verdicts an earlier run left behind change
// nothing. The run's id is fixed once, in the main process; workers load this file again and inherit it.
const TRIAGE_RUNS = path.join('e2e', '.data', 'triage-runs');
if (!process.env.HUNTBOARD_E2E_RUN) {
  process.env.HUNTBOARD_E2E_RUN = `${Date.now()}-${process.pid}`;
  for (const old of existsSync(TRIAGE_RUNS) ? readdirSync(TRIAGE_RUNS) : [])
    rmSync(path.join(TRIAGE_RUNS, old), { recursive: true, force: true });
}

/**
 * A catalog folder the server reads besides the built-in one, empty unless a spec writes hunts into it (the
 * server notices changed files within seconds): the hunt picker's spec fills it with a couple of hundred.
 */
export const E2E_EXTRA_CATALOG = path.join('e2e', '.data', 'extra-catalog');
mkdirSync(E2E_EXTRA_CATALOG, { recursive: true });

/** The demo data every spec sees: deterministic, so the expected devices are known. */
export const E2E_ENV = {
  HUNTBOARD_DATA_DIR: 'e2e/.data',
  HUNTBOARD_NOW: '2026-11-01T12:00:00Z',
  HUNTBOARD_DEMO_SEED: '7',
  HUNTBOARD_DEMO_DEVICES: '2000',
  HUNTBOARD_DEMO_EVENTS: '500000',
  HUNTBOARD_CATALOG: E2E_EXTRA_CATALOG,
  HUNTBOARD_TRIAGE_DIR: path.join(TRIAGE_RUNS, process.env.HUNTBOARD_E2E_RUN),
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    viewport: { width: 1400, height: 900 },
    // The bundled identity provider serves a self-signed certificate.
    ignoreHTTPSErrors: true,
    launchOptions: {
      // Debian's Chromium where present (no browser downloads on these machines); Playwright's own elsewhere.
      ...(existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The demo command itself (identity provider, demo telemetry, production build, app server), after a
    // verdict that activity has overtaken is put in the run's fresh triage database (e2e/seed-triage.ts).
    command: `node_modules/.bin/tsx --conditions=react-server e2e/seed-triage.ts && npm run demo -- --port ${PORT} --idp-port ${IDP_PORT}`,
    url: `http://127.0.0.1:${PORT}/devices`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    env: E2E_ENV,
    stdout: 'pipe',
  },
});
