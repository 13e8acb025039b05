// Durability: a verdict and a custom exclusion the API acknowledged survive a crash of the app. The spec runs
// a demo server of its own on a fresh data folder, writes through the API as a triager, kills the server's
// whole process tree at once (SIGKILL, as a crash or the out-of-memory killer would: nothing gets to flush or
// close), starts it again on the same folder, signs in again and reads everything back.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_USERS } from '@/lib/identity-provider/demo-users';
import { DEMO_API_SCOPE, DEMO_CLIENT_ID, REDIRECT_PATH } from '@/lib/identity-provider/identity-provider';
import { signInOverHttp } from '@/lib/identity-provider/testing/sign-in-over-http';
import { CERT_FILE } from '@/lib/identity-provider/tls-certificate';
import type { CustomExclusion, CustomExclusionInput, Verdict } from '../lib/triage/types';

// Ports of this spec's own server, next to the suite's (3210 / 9444).
const PORT = 3212;
const IDP_PORT = 9446;
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** A small demo, so that the data is made in seconds; the pinned "now" and seed of the other specs. */
const DEMO_ENV = {
  HUNTBOARD_NOW: '2026-11-01T12:00:00Z',
  HUNTBOARD_DEMO_SEED: '7',
  HUNTBOARD_DEMO_DEVICES: '200',
  HUNTBOARD_DEMO_EVENTS: '20000',
};
/** Identity provider, demo data, perhaps a build of changed sources, then `next start`. */
const START_TIMEOUT_MS = 6 * 60_000;

const triager = DEMO_USERS.find((user) => user.login === 'triager');

interface DemoServer {
  /** The process group: the demo command and everything it started. */
  pgid: number;
  output: string[];
  exited: Promise<void>;
  hasExited: () => boolean;
}

let dataDir = '';
let server: DemoServer | undefined;

/** The environment of this process without any Huntboard, sign-in or database setting, plus the spec's own. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (/^(HUNTBOARD_|AUTH_|DATABASE_)|^NODE_EXTRA_CA_CERTS$/.test(name)) delete env[name];
  return { ...env, ...DEMO_ENV, HUNTBOARD_DATA_DIR: dataDir };
}

async function portAnswers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

async function startServer(): Promise<DemoServer> {
  // A server left on the port would answer the readiness check in this one's place.
  expect(await portAnswers(PORT), `port ${PORT} must be free`).toBe(false);
  const child = spawn('npm', ['run', 'demo', '--', '--port', String(PORT), '--idp-port', String(IDP_PORT)], {
    env: serverEnv(),
    // A process group of its own, so that one signal reaches the identity provider and next-server too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 200));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<void>((resolve) => {
    const end = () => {
      done = true;
      resolve();
    };
    child.once('exit', end);
    child.once('error', (error) => {
      output.push(error.message);
      end();
    });
  });
  if (child.pid === undefined) throw new Error('the demo command did not start');
  const started = { pgid: child.pid, output, exited, hasExited: () => done };
  server = started;

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (started.hasExited())
      throw new Error(`The demo server stopped before it was ready:\n${output.slice(-40).join('\n')}`);
    const ready = await fetch(`${ORIGIN}/devices`, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return started;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`The demo server was not ready in time:\n${output.slice(-40).join('\n')}`);
}

/** Live (not zombie) processes started with this spec's data folder: the demo command and all it started. */
async function processesOfDataDir(): Promise<number[]> {
  if (!existsSync('/proc')) return [];
  const marker = `\0HUNTBOARD_DATA_DIR=${dataDir}\0`;
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const environ = await readFile(`/proc/${name}/environ`, 'latin1').catch(() => '');
    if (`\0${environ}`.includes(marker)) pids.push(Number(name));
  }
  return pids;
}

function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills the whole tree at once, as a crash would: nothing gets to flush, close or release anything. */
async function crashServer(): Promise<void> {
  const running = server;
  if (!running) return;
  server = undefined;
  try {
    process.kill(-running.pgid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  await running.exited;
  // Anything that left the group (none should) is killed by its id.
  const deadline = Date.now() + 15_000;
  let left = await processesOfDataDir();
  while (left.length > 0 && Date.now() < deadline) {
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = await processesOfDataDir();
  }
  expect(left, 'no process of the killed server may be left running').toEqual([]);
  // Orphans of the group linger as zombies until init reaps them; give it a moment (they run nothing).
  while (groupExists(running.pgid) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 250));
  expect(await portAnswers(PORT), `nothing may answer on port ${PORT} after the kill`).toBe(false);
}

/** Signs the triager in at this server's provider, and waits until the server can check the token. */
async function signInAsTriager(): Promise<string> {
  const caCert = await readFile(path.join(dataDir, 'idp', CERT_FILE), 'utf8');
  const tokens = await signInOverHttp(
    { issuer: `https://localhost:${IDP_PORT}`, clientId: DEMO_CLIENT_ID, apiScope: DEMO_API_SCOPE, caCert },
    // The demo's provider accepts only this server's origins as redirect targets.
    { login: 'triager', redirectUri: `http://localhost:${PORT}${REDIRECT_PATH}` },
  );
  // A server that has only just started may not reach the provider's keys in time on a busy machine; it
  // answers 503 with Retry-After, and asks again on the next request.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${ORIGIN}/api/hunts`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    if (response.status !== 503) break;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return tokens.accessToken;
}

async function call<T>(
  token: string,
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  expected: number,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${ORIGIN}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const log = server?.output.slice(-30).join('\n') ?? '';
  expect(response.status, `${method} ${url}: ${text.slice(0, 500)}\nThe server's last lines:\n${log}`).toBe(
    expected,
  );
  return JSON.parse(text) as T;
}

interface RunDevice {
  deviceId: string;
  deviceName: string;
}
interface Run {
  devices: RunDevice[];
  customExclusions: { id: string; impact: { events: number; devices: number; devicesGone: number } }[];
}
interface HistoryEntry {
  entity: string;
  entityId: string;
  action: string;
  actor: { id: string; name: string };
  before: unknown;
  after: Verdict | null;
  reason: string | null;
}

test.afterAll(async () => {
  await crashServer().catch(() => {});
  // Processes are gone: whatever is still on disk can go with the folder.
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a verdict and a custom exclusion the API acknowledged survive a crash and a restart of the app', async () => {
  test.setTimeout(2 * START_TIMEOUT_MS + 3 * 60_000);
  if (!triager) throw new Error('the demo has no triager');
  dataDir = await mkdtemp(path.join(tmpdir(), 'huntboard-restart-'));

  let huntId = '';
  let verdicted: RunDevice | undefined;
  let excluded: RunDevice | undefined;
  let verdict: Verdict | undefined;
  let exclusion: CustomExclusion | undefined;
  const reason = 'Jump host of the server team, checked with its owner';

  await test.step('start the app on a fresh data folder and write as a triager', async () => {
    await startServer();
    const token = await signInAsTriager();
    const { hunts } = await call<{ hunts: { id: string }[] }>(token, 'GET', '/api/hunts', 200);
    huntId = hunts[0]?.id ?? '';
    expect(huntId).not.toBe('');
    const before = await call<Run>(token, 'GET', `/api/hunts/${huntId}/run`, 200);
    [verdicted, excluded] = before.devices;
    if (!verdicted || !excluded) throw new Error('the hunt must flag at least two devices of the demo');
    expect(before.customExclusions).toEqual([]);

    verdict = await call<Verdict>(
      token,
      'PUT',
      `/api/hunts/${huntId}/devices/${verdicted.deviceId}/verdict`,
      200,
      { expectedVersion: 0, deviceName: verdicted.deviceName, status: 'benign', reason },
    );
    expect(verdict).toMatchObject({
      deviceId: verdicted.deviceId,
      status: 'benign',
      reason,
      version: 1,
      setBy: { id: triager.oid, name: triager.name },
    });

    // Every event of the second device, on that device only: the device leaves the hunt's table.
    const input: CustomExclusionInput = {
      field: 'DeviceName',
      operator: '==',
      values: [excluded.deviceName],
      deviceId: excluded.deviceId,
      reason: 'Packaging server; its mRemoteNG runs are the nightly build',
    };
    exclusion = await call<CustomExclusion>(
      token,
      'POST',
      `/api/hunts/${huntId}/exclusions/custom`,
      201,
      input,
    );
    expect(exclusion).toMatchObject({ ...input, enabled: true, version: 1 });

    const after = await call<Run>(token, 'GET', `/api/hunts/${huntId}/run`, 200);
    expect(after.customExclusions.map((e) => e.id)).toEqual([exclusion.id]);
    expect(after.devices.map((d) => d.deviceId)).not.toContain(excluded.deviceId);
  });

  await test.step('crash: kill the whole process tree at once', crashServer);

  await test.step('start again on the same folder: both are there as acknowledged', async () => {
    if (!verdicted || !excluded || !verdict || !exclusion) throw new Error('the writes did not happen');
    await startServer();
    const token = await signInAsTriager();

    const { verdicts } = await call<{ verdicts: (Verdict & { reviewDue: boolean })[] }>(
      token,
      'GET',
      `/api/hunts/${huntId}/verdicts`,
      200,
    );
    expect(verdicts).toEqual([{ ...verdict, reviewDue: false }]);

    const { exclusions } = await call<{ exclusions: (CustomExclusion & { expired: boolean })[] }>(
      token,
      'GET',
      `/api/hunts/${huntId}/exclusions/custom`,
      200,
    );
    expect(exclusions).toEqual([{ ...exclusion, expired: false }]);

    const { entries } = await call<{ entries: HistoryEntry[] }>(
      token,
      'GET',
      `/api/hunts/${huntId}/devices/${verdicted.deviceId}/history`,
      200,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity: 'verdict',
      entityId: verdicted.deviceId,
      action: 'set',
      actor: { id: triager.oid, name: triager.name },
      before: null,
      after: { status: 'benign', reason, version: 1 },
    });

    // The exclusion still applies: the run lists it and the device stays out of the table.
    const run = await call<Run>(token, 'GET', `/api/hunts/${huntId}/run`, 200);
    expect(run.customExclusions.map((e) => e.id)).toEqual([exclusion.id]);
    expect(run.devices.map((d) => d.deviceId)).not.toContain(excluded.deviceId);
    expect(run.devices.map((d) => d.deviceId)).toContain(verdicted.deviceId);

    // The version check works from the stored verdict: a write based on "no verdict yet" is refused.
    const stale = await call<{ current: Verdict }>(
      token,
      'PUT',
      `/api/hunts/${huntId}/devices/${verdicted.deviceId}/verdict`,
      409,
      { expectedVersion: 0, deviceName: verdicted.deviceName, status: 'suspicious' },
    );
    expect(stale.current).toEqual(verdict);
  });

  await test.step('stop the server; nothing of it is left running', crashServer);
});
