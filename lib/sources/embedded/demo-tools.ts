// The one generator of remote-access tool stories: reads ToolSpec data (demo-tool-stories.ts) and plans the
// process launches, network connections and signer rows of every story on the fleet, each with its label.
import type { Binary, BinaryCatalog, BinaryKey } from './demo-binaries';
import { buildEventRow, DAY_MS, type EventRow, HOUR_MS, type ProcessSpec } from './demo-event-row';
import type { DemoDevice, DemoFleet } from './demo-fleet';
import { eventSignals, type SignalId } from './demo-signals';
import { buildCertificateRow, buildNetworkRow, type Certificate, crlUrlFor } from './demo-table-rows';
import {
  type DeviceRole,
  type StoryDevices,
  type StoryKind,
  type StoryLaunch,
  type StoryTable,
  type StoryTiming,
  type StoryTrend,
  storyLaunches,
  type ToolSpec,
  type ToolStory,
} from './demo-tool-story';
import { createRng, type Rng } from './prng';

/** One generated row of a story, before its ReportId is known. */
export interface PlannedRow {
  table: StoryTable;
  timeMs: number;
  row: EventRow;
  tool: string;
  story: string;
  kind: StoryKind;
  /** The ground-truth label: the story's label, else its kind. */
  label: string;
  subject: 'tool' | 'child';
  /** `domain\name` of the account behind the event, '' for signer rows. */
  account: string;
  signals: SignalId[];
}

export interface ToolPlanOptions {
  seed: number;
  fleet: DemoFleet;
  binaries: BinaryCatalog;
  tools: readonly ToolSpec[];
  windowStartMs: number;
  nowMs: number;
  /** At most about this many process rows; launch rates are thinned to fit, never the device spread. */
  budgetRows: number;
  /** The demo's process events, of which a tool with an `eventShare` gets its own budget. */
  events: number;
}

export interface ToolPlan {
  rows: PlannedRow[];
  /** Devices per tool that run it (look-alikes aside), for summaries. */
  devicesByTool: Record<string, number>;
}

const MINUTE_S = 60;
const HOUR_S = 3600;
const DAY_S = 86_400;
/** How long before the launch its parent started, in seconds, by parent. */
const PARENT_AGE: Partial<Record<BinaryKey, readonly [number, number]>> = {
  'services.exe': [HOUR_S, 9 * DAY_S],
  'svchost.exe': [HOUR_S, 9 * DAY_S],
  'explorer.exe': [5 * MINUTE_S, 10 * HOUR_S],
  'outlook.exe': [5 * MINUTE_S, 8 * HOUR_S],
  'chrome.exe': [MINUTE_S, 4 * HOUR_S],
  'msedge.exe': [MINUTE_S, 4 * HOUR_S],
};
const SHORT_LIVED = [2, 20 * MINUTE_S] as const;
const GRANDPARENT: Partial<Record<BinaryKey, string>> = {
  'services.exe': 'wininit.exe',
  'svchost.exe': 'services.exe',
  'explorer.exe': 'userinit.exe',
  'msiexec.exe': 'services.exe',
};
const PARENT_COMMAND: Partial<Record<BinaryKey, string>> = {
  'services.exe': 'C:\\Windows\\system32\\services.exe',
  'explorer.exe': 'C:\\Windows\\Explorer.EXE',
};
/** Whatever the story's account, these parents run as SYSTEM. */
const SYSTEM_PARENTS: ReadonlySet<BinaryKey> = new Set(['services.exe', 'svchost.exe']);
/** Days before now inside which a story's devices must show, so every hunt window sees them. */
const RECENT_DAYS = 5;

function deviceMatches(device: DemoDevice, role: DeviceRole): boolean {
  switch (role) {
    case 'it-admin-client':
      return device.itAdmin;
    case 'client':
      return device.kind !== 'server' && !device.itAdmin;
    case 'laptop':
      return device.kind === 'laptop' && !device.itAdmin;
    case 'workstation':
      return device.kind === 'workstation' && !device.itAdmin;
    case 'any-client':
      return device.kind !== 'server';
    case 'server':
      return device.kind === 'server';
    default:
      return role.startsWith('profile:')
        ? device.profile === role.slice('profile:'.length)
        : device.kind === 'server' && device.role === role.slice('server:'.length);
  }
}

/** The tool's binaries with hashes; a renamed copy shares the hashes of the file it copies. */
function toolBinaries(seed: number, tool: ToolSpec): Map<string, Binary> {
  const out = new Map<string, Binary>();
  for (const [key, b] of Object.entries(tool.binaries)) {
    const rng = createRng(seed, `tool-binary:${tool.tool}:${b.copyOf ?? key}`);
    out.set(key, {
      fileName: b.fileName,
      folderPath: `${b.folder}\\${b.fileName}`,
      company: b.company,
      product: b.product,
      version: b.version,
      internalName: b.originalFileName.replace(/\.exe$/i, ''),
      originalName: b.originalFileName,
      description: b.description,
      size: b.size,
      signer: b.signer ? 'ThirdParty' : 'Unknown',
      signature: b.signer ? 'Valid' : 'Unsigned',
      sha1: rng.hex(40),
      sha256: rng.hex(64),
      md5: rng.hex(32),
    });
  }
  return out;
}

/** One certificate per signer name, the same on every file it signed. */
function certificateFor(
  seed: number,
  nowMs: number,
  signer: NonNullable<ToolSpec['binaries'][string]['signer']>,
) {
  const rng = createRng(seed, `certificate:${signer.signer}`);
  const createdMs = Math.floor((nowMs - rng.between(200, 900) * DAY_MS) / 1000) * 1000;
  return {
    signer: signer.signer,
    issuer: signer.issuer,
    isTrusted: signer.isTrusted,
    signerHash: rng.hex(40),
    issuerHash: createRng(seed, `issuer:${signer.issuer}`).hex(40),
    serialNumber: rng.hex(32),
    crlUrls: [crlUrlFor(signer.issuer)],
    createdMs,
    expiresMs: createdMs + 3 * 365 * DAY_MS,
    countersignedMs: createdMs + rng.between(10, 180) * DAY_MS,
    rootIsMicrosoft: false,
  } satisfies Certificate;
}

/** One way a device starts the story's tool, and how often relative to the story's perDay. */
interface LaunchStream {
  launch: StoryLaunch;
  rate: number;
  /** At least one launch, and one in the last days when the plan is recent. */
  ensure: boolean;
}

interface DevicePlan {
  story: ToolStory;
  device: DemoDevice;
  startMs: number;
  endMs: number;
  recent: boolean;
  streams: LaunchStream[];
}

const groupsOf = (story: ToolStory): readonly StoryDevices[] =>
  Array.isArray(story.devices) ? story.devices : [story.devices as StoryDevices];

/** Devices of the named stories, taken in turn from each, so a shared group spreads over all of them. */
function amongDevices(plans: readonly DevicePlan[], stories: readonly string[]): DemoDevice[] {
  const lists = stories.map((id) => plans.filter((p) => p.story.id === id).map((p) => p.device));
  const out: DemoDevice[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) {
    for (const list of lists) {
      const d = list[i];
      if (d && !out.includes(d)) out.push(d);
    }
  }
  return out;
}

/** The launches a device uses: the one for its role, else the next in turn; maybe a second at half rate. */
function deviceStreams(
  rng: Rng,
  story: ToolStory,
  device: DemoDevice,
  turn: number,
  rate: number,
): LaunchStream[] {
  const launches = storyLaunches(story);
  if (launches.length === 1) return [{ launch: launches[0] as StoryLaunch, rate, ensure: true }];
  const general = launches.filter((l) => !l.on);
  const primary =
    launches.find((l) => l.on && deviceMatches(device, l.on)) ??
    (general[turn % general.length] as StoryLaunch);
  const streams: LaunchStream[] = [{ launch: primary, rate, ensure: true }];
  const others = launches.filter((l) => l !== primary);
  if (story.alsoLaunch && others.length > 0 && rng.chance(story.alsoLaunch))
    streams.push({ launch: rng.pick(others), rate: rate / 2, ensure: false });
  return streams;
}

function chooseDevices(rng: Rng, fleet: DemoFleet, tool: ToolSpec, options: ToolPlanOptions): DevicePlan[] {
  const { windowStartMs, nowMs } = options;
  const pool = rng.shuffle([...fleet.devices]);
  // Within a tool every story has devices of its own, so a look-alike's devices never run the tool itself;
  // a group `among` other stories is the one way to share them.
  const used = new Set<number>();
  const plans: DevicePlan[] = [];
  for (const story of tool.stories) {
    const own = new Set<number>();
    let turn = 0;
    for (const group of groupsOf(story)) {
      const wanted = Math.min(pool.length, Math.max(group.min, Math.round(group.share * pool.length)));
      const chosen: DemoDevice[] = [];
      if (group.among) {
        for (const d of amongDevices(plans, group.among)) {
          if (chosen.length >= wanted) break;
          if (!own.has(d.index)) chosen.push(d);
        }
      } else {
        for (const prefer of [
          ...(group.prefer ?? []).map((r) => (d: DemoDevice) => deviceMatches(d, r)),
          () => true,
        ]) {
          for (const d of pool) {
            if (chosen.length >= wanted) break;
            if (!used.has(d.index) && prefer(d)) {
              used.add(d.index);
              chosen.push(d);
            }
          }
        }
      }
      const trend: StoryTrend = group.trend ?? story.trend;
      const spanStart = Math.max(windowStartMs, nowMs - story.days.from * DAY_MS);
      const spanEnd = nowMs - (story.days.to ?? 0) * DAY_MS;
      const span = Math.max(HOUR_MS, spanEnd - spanStart);
      for (const device of chosen) {
        own.add(device.index);
        let startMs = spanStart + rng.int(Math.min(DAY_MS, span / 4));
        let endMs = spanEnd;
        if (trend === 'adopting') startMs = spanStart + Math.floor(span * 0.95 * Math.sqrt(rng.next()));
        if (trend === 'burst') {
          startMs = spanStart + rng.int(span);
          endMs = Math.min(spanEnd, startMs + rng.between(1, 4) * DAY_MS);
        }
        const recent = trend !== 'burst' && (story.days.to ?? 0) < RECENT_DAYS;
        const streams = deviceStreams(rng, story, device, turn++, group.rate ?? 1);
        plans.push({ story, device, startMs, endMs: Math.max(endMs, startMs + HOUR_MS), recent, streams });
      }
    }
  }
  return plans;
}

/** How many launches a day brings at this rate: the whole part, plus one with the fraction's chance. */
const countAt = (rng: Rng, rate: number) => Math.floor(rate) + (rng.chance(rate - Math.floor(rate)) ? 1 : 0);

function dayTimes(rng: Rng, timing: StoryTiming, rate: number, startMs: number, endMs: number): number[] {
  const times: number[] = [];
  // Schedules are fixed per device: the same minute past the hour, the same period, the same night hour.
  const period = timing === 'schedule' ? rng.pick([8, 12, 24]) : 24;
  const offset = timing === 'schedule' ? rng.int(period * 60) * 60_000 : 0;
  const nightly = timing === 'nightly' ? (21 + rng.int(3)) * HOUR_MS + rng.int(60) * 60_000 : 0;
  for (let day = Math.floor(startMs / DAY_MS) * DAY_MS; day < endMs; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    const workday = weekday !== 0 && weekday !== 6;
    const add = (t: number) => {
      if (t >= startMs && t < endMs) times.push(t);
    };
    switch (timing) {
      case 'maintenance':
        if (workday && rng.chance(Math.min(1, rate)))
          add(day + rng.between(18, 21) * HOUR_MS + rng.int(HOUR_MS));
        break;
      case 'nightly':
        if (rng.chance(Math.min(1, rate))) add(day + nightly + rng.int(180_000));
        break;
      case 'schedule':
        for (let t = day + offset; t < day + DAY_MS; t += period * HOUR_MS) {
          if (rng.chance(Math.min(1, rate))) add(t + rng.int(90_000));
        }
        break;
      default: {
        const count = countAt(rng, rate * (timing === 'business' && !workday ? 0.1 : 1));
        for (let k = 0; k < count; k++) {
          const hour =
            timing === 'business'
              ? rng.between(7, 16)
              : timing === 'anytime' && rng.chance(0.4)
                ? rng.int(6)
                : rng.int(24);
          add(day + hour * HOUR_MS + rng.int(HOUR_MS));
        }
      }
    }
  }
  return times;
}

function launchTimes(
  rng: Rng,
  plan: DevicePlan,
  stream: LaunchStream,
  rateFactor: number,
  nowMs: number,
): number[] {
  const { story, startMs, endMs } = plan;
  const timing = stream.launch.timing ?? story.timing;
  const times = dayTimes(rng, timing, story.perDay * stream.rate * rateFactor, startMs, endMs);
  if (!stream.ensure) return times.sort((a, b) => a - b);
  const at = (from: number) => from + rng.int(Math.max(1, endMs - from - 60_000));
  if (times.length === 0) times.push(at(startMs));
  const recentFrom = nowMs - RECENT_DAYS * DAY_MS + HOUR_MS;
  if (plan.recent && !times.some((t) => t >= recentFrom)) times.push(at(Math.max(startMs, recentFrom)));
  return times.sort((a, b) => a - b);
}

const pid = (rng: Rng) => rng.between(1, 12_000) * 4;

function fill(text: string, rng: Rng, path: string, hosts: readonly string[], script?: string): string {
  return text
    .replaceAll('{path}', path)
    .replaceAll('{host}', () => rng.pick(hosts))
    .replaceAll('{n}', () => String(rng.between(1000, 99_999)))
    .replaceAll('{id}', () => rng.hex(8))
    .replaceAll('{ip}', () => `${rng.between(11, 223)}.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`)
    .replaceAll('{guid}', () => rng.guid().toUpperCase())
    .replaceAll('{b64}', () => encodedCommand(fill(script ?? '', rng, path, hosts)));
}

/** A PowerShell -EncodedCommand argument: the script in UTF-16LE, base64-encoded. */
const encodedCommand = (script: string) => Buffer.from(script, 'utf16le').toString('base64');

function storyTables(story: ToolStory, binary: Binary, signed: boolean): readonly StoryTable[] {
  if (story.tables) return story.tables;
  const tables: StoryTable[] = ['DeviceProcessEvents'];
  if (story.network) tables.push('DeviceNetworkEvents');
  if (signed && binary.signature === 'Valid') tables.push('DeviceFileCertificateInfo');
  return tables;
}

/** Plans every story of every tool; the same options give the same rows. */
export function planToolEvents(options: ToolPlanOptions): ToolPlan {
  const { seed, fleet, binaries, tools, windowStartMs, nowMs } = options;
  const hosts = fleet.serverHostNames;
  const perTool = tools.map((tool) => ({
    tool,
    binaries: toolBinaries(seed, tool),
    plans: chooseDevices(createRng(seed, `tool:${tool.tool}:devices`), fleet, tool, options),
  }));
  // Thin launch rates (not devices) so the process rows stay inside the budget: a tool with a share of its
  // own apart, the others together.
  const expectedOf = (plans: readonly DevicePlan[]) =>
    plans
      .flatMap((p) => p.streams.map((stream) => ({ p, stream })))
      .reduce(
        (sum, { p, stream }) => sum + (p.story.perDay * stream.rate * (p.endMs - p.startMs)) / DAY_MS,
        0,
      );
  const factorFor = (expected: number, budget: number) => (expected > budget ? budget / expected : 1);
  const sharedFactor = factorFor(
    expectedOf(perTool.filter((t) => t.tool.eventShare === undefined).flatMap((t) => t.plans)),
    options.budgetRows,
  );

  const rows: PlannedRow[] = [];
  const devicesByTool: Record<string, number> = {};
  for (const { tool, binaries: own, plans } of perTool) {
    const rateFactor =
      tool.eventShare === undefined
        ? sharedFactor
        : factorFor(expectedOf(plans), Math.floor(options.events * tool.eventShare));
    devicesByTool[tool.tool] = new Set(
      plans.filter((p) => p.story.kind !== 'near-miss').map((p) => p.device.index),
    ).size;
    const binaryOf = (key: string) => own.get(key) ?? binaries.get(key as BinaryKey);
    const certificateOf = (key: string) => {
      const signer = tool.binaries[key]?.signer;
      return signer ? certificateFor(seed, nowMs, signer) : undefined;
    };
    for (const plan of plans) {
      const { story, device } = plan;
      // One stream per tool and device, so a change to one story never reshuffles another's rows.
      const rng = createRng(seed, `tool:${tool.tool}:${story.id}:${device.index}`);
      const base = {
        tool: tool.tool,
        story: story.id,
        kind: story.kind,
        label: story.label ?? story.kind,
        subject: 'tool' as const,
      };
      const certifiedDays = new Set<number>();
      for (const stream of plan.streams) {
        const { launch } = stream;
        const fixedKey = typeof launch.binary === 'string' ? launch.binary : undefined;
        const fixedCertificate = fixedKey === undefined ? undefined : certificateOf(fixedKey);
        const parentBinary = binaries.get(launch.parent);
        const parentAccount =
          launch.parentAccount ?? (SYSTEM_PARENTS.has(launch.parent) ? 'system' : launch.account);
        const account = device.accounts[launch.account];
        const accountName = `${account.domain}\\${account.name}`;
        for (const timeMs of launchTimes(rng, plan, stream, rateFactor, nowMs)) {
          const key = fixedKey ?? rng.pick(launch.binary as readonly string[]);
          const binary = binaryOf(key);
          const certificate = fixedKey === undefined ? certificateOf(key) : fixedCertificate;
          const tables = storyTables(story, binary, certificate !== undefined);
          const dayIndex = Math.floor((timeMs - windowStartMs) / DAY_MS);
          const [minAge, maxAge] = launch.parentAge ?? PARENT_AGE[launch.parent] ?? SHORT_LIVED;
          const parentCreated = timeMs - rng.between(minAge, maxAge) * 1000 - rng.int(1000);
          const parent: ProcessSpec = {
            binary: parentBinary,
            command: fill(
              launch.parentCommand ?? PARENT_COMMAND[launch.parent] ?? `"${parentBinary.folderPath}"`,
              rng,
              binary.folderPath,
              hosts,
              launch.encodedScript,
            ),
            account: parentAccount,
            processId: pid(rng),
            createdMs: parentCreated,
          };
          const proc: ProcessSpec = {
            binary,
            command: fill(launch.command, rng, binary.folderPath, hosts, launch.encodedScript),
            account: launch.account,
            processId: pid(rng),
            createdMs: timeMs,
          };
          const facts = () =>
            story.kind === 'near-miss'
              ? []
              : eventSignals({
                  parentFileName: parentBinary.fileName,
                  folderPath: binary.folderPath,
                  fileName: binary.fileName,
                  originalFileName: binary.originalName,
                });
          if (tables.includes('DeviceProcessEvents')) {
            const row = buildEventRow({
              device,
              timeMs,
              dayIndex,
              process: proc,
              parent,
              grandparent: {
                fileName: launch.grandparent ?? GRANDPARENT[launch.parent] ?? 'explorer.exe',
                processId: pid(rng),
                createdMs: parentCreated - rng.between(1, 3 * DAY_S) * 1000,
              },
              reportId: 0n,
            });
            rows.push({
              ...base,
              table: 'DeviceProcessEvents',
              timeMs,
              row,
              account: accountName,
              signals: facts(),
            });
            // What the tool itself starts (scripts, shells, PuTTY): the same story, one level down the tree.
            const children = launch.children ?? [];
            const childCount = children.length === 0 ? 0 : rng.chance(0.55) ? (rng.chance(0.25) ? 2 : 1) : 0;
            for (let k = 0; k < childCount; k++) {
              const template = rng.pick(children);
              const childTime = timeMs + rng.between(3, 20 * 60) * 1000 + rng.int(1000);
              if (childTime >= nowMs) continue;
              rows.push({
                ...base,
                subject: 'child',
                table: 'DeviceProcessEvents',
                timeMs: childTime,
                row: buildEventRow({
                  device,
                  timeMs: childTime,
                  dayIndex: Math.floor((childTime - windowStartMs) / DAY_MS),
                  process: {
                    binary: binaries.get(template.binary),
                    command: fill(template.command, rng, binary.folderPath, hosts, launch.encodedScript),
                    account: launch.account,
                    processId: pid(rng),
                    createdMs: childTime,
                  },
                  parent: proc,
                  grandparent: {
                    fileName: parentBinary.fileName,
                    processId: parent.processId,
                    createdMs: parent.createdMs,
                  },
                  reportId: 0n,
                }),
                account: accountName,
                signals: [],
              });
            }
          }
          if (story.network && tables.includes('DeviceNetworkEvents')) {
            const { destinations, perLaunch } = story.network;
            const count = countAt(rng, perLaunch);
            let at = timeMs;
            for (let k = 0; k < Math.max(1, count); k++) {
              at += rng.between(1, 300) * 1000 + rng.int(1000);
              if (at >= nowMs) break;
              const row = buildNetworkRow({
                device,
                timeMs: at,
                dayIndex,
                process: proc,
                parent,
                destination: rng.pick(destinations),
                localPort: rng.between(49_152, 65_535),
              });
              rows.push({
                ...base,
                table: 'DeviceNetworkEvents',
                timeMs: at,
                row,
                account: accountName,
                signals: facts(),
              });
            }
          }
          // Defender reports a signed file's certificate when it sees the file; here, once a day it runs.
          if (certificate && tables.includes('DeviceFileCertificateInfo') && !certifiedDays.has(dayIndex)) {
            certifiedDays.add(dayIndex);
            const at = Math.min(nowMs - 1, timeMs + rng.between(1, 90) * 1000);
            const row = buildCertificateRow({ device, timeMs: at, binary, certificate });
            rows.push({
              ...base,
              table: 'DeviceFileCertificateInfo',
              timeMs: at,
              row,
              account: '',
              signals: [],
            });
          }
        }
      }
    }
  }
  return { rows, devicesByTool };
}
