// The shape of a remote-access tool's demo story: which devices run which of its binaries, when, from which
// parent and account, where they connect and who signed them. Stories are data (demo-tool-stories.ts); one
// generic generator (demo-tools.ts) turns them into rows of all three tables and their ground-truth labels.
import type { BinaryKey } from './demo-binaries';
import type { AccountKind } from './demo-fleet';
import type { DemoEventLabel } from './demo-labels';

/** What a story is, for the ground truth: legitimate IT use, abuse, or a look-alike a hunt must not match. */
export type StoryKind = 'benign-admin' | 'suspicious' | 'near-miss';

export const STORY_KINDS: readonly StoryKind[] = ['benign-admin', 'suspicious', 'near-miss'];

/**
 * Which devices a story prefers, in order: `it-admin-client` (an IT team member's own machine), `client`
 * (anyone else's workstation or laptop), `laptop`, `workstation`, `server` (any), `server:<role>` (a role of
 * the fleet, e.g. `server:jump`, `server:rds`), `profile:<profile>` (any device of a noise profile, e.g.
 * `profile:monitoring`), `any-client` (any workstation or laptop, IT staff included). Devices outside every
 * preference fill up the count last.
 */
export type DeviceRole =
  | 'it-admin-client'
  | 'client'
  | 'any-client'
  | 'laptop'
  | 'workstation'
  | 'server'
  | `server:${string}`
  | `profile:${string}`;

export interface ToolSigner {
  /** DeviceFileCertificateInfo.Signer, e.g. "AnyDesk Software GmbH". */
  signer: string;
  issuer: string;
  isTrusted: boolean;
}

export interface ToolBinary {
  fileName: string;
  /** ProcessVersionInfoOriginalFileName: differs from fileName for a renamed copy. */
  originalFileName: string;
  product: string;
  company: string;
  description: string;
  version: string;
  /** The folder, without the file name; `{user}` is the account's profile folder. */
  folder: string;
  size: number;
  /** Signed binaries get DeviceFileCertificateInfo rows on the days they run; unsigned ones none. */
  signer?: ToolSigner;
  /** A renamed copy of another binary of the same tool keeps that binary's hashes. */
  copyOf?: string;
}

export interface ToolDestination {
  /** RemoteUrl: a host name without scheme, as Defender reports it; empty for a bare IP connection. */
  url: string;
  remoteIp: string;
  remotePort: number;
  actionType?: 'ConnectionSuccess' | 'ConnectionFailed' | 'ConnectionRequest' | 'InboundConnectionAccepted';
}

export type StoryTable = 'DeviceProcessEvents' | 'DeviceNetworkEvents' | 'DeviceFileCertificateInfo';

/**
 * `business`: office hours on workdays; `anytime`: any hour, often at night; `service`: around the clock;
 * `maintenance`: workday evenings; `nightly`: one fixed time of night per device; `schedule`: a fixed period
 * per device (every 8, 12 or 24 hours at the same minute), `perDay` then being the chance of each run.
 */
export type StoryTiming = 'business' | 'anytime' | 'service' | 'maintenance' | 'nightly' | 'schedule';

/** A process the tool starts: a row one level down the tree, labelled as the story's `child`. */
export interface ChildProcess {
  binary: BinaryKey;
  /** The same placeholders as a launch's command; `{path}` is the tool's own path. */
  command: string;
}

/** How the tool gets started: image, parent, command lines, account and what it starts. */
export interface StoryLaunch {
  /** A key of the tool's binaries or of the fleet's (e.g. `mremoteng:portable`); a list is a weighted pick. */
  binary: string | readonly string[];
  parent: BinaryKey;
  /** The parent's parent; defaults by parent (explorer.exe under userinit.exe, services.exe under wininit.exe…). */
  grandparent?: string;
  /**
   * `{path}` is the binary's full path, `{host}` a server of the fleet, `{n}` a number, `{id}` 8 hex digits,
   * `{guid}` a GUID, `{b64}` the launch's `encodedScript` as PowerShell's -EncodedCommand takes it.
   */
  parentCommand?: string;
  command: string;
  account: AccountKind;
  /** Defaults to SYSTEM under services.exe and svchost.exe, else the launch's account. */
  parentAccount?: AccountKind;
  /** How long the parent has run before the launch, in seconds; defaults by parent. */
  parentAge?: readonly [number, number];
  /** Overrides the story's timing for this launch. */
  timing?: StoryTiming;
  /** Only devices of this role use this launch, and they always do (e.g. a monitoring server's own agent). */
  on?: DeviceRole;
  /** Processes a launch may start (about half the launches start one or two). */
  children?: readonly ChildProcess[];
  /** A script (same placeholders) that `{b64}` encodes. */
  encodedScript?: string;
}

/** A group of devices a story runs on; a story may name several, each with its own trend and rate. */
export interface StoryDevices {
  prefer?: readonly DeviceRole[];
  /** Share of the fleet, with a floor so small fleets still show the story. */
  share: number;
  min: number;
  /** Devices of these stories of the same tool instead of fresh ones: the story runs beside them. */
  among?: readonly string[];
  /** Overrides the story's trend on these devices. */
  trend?: StoryTrend;
  /** Scales the story's perDay on these devices. */
  rate?: number;
}

/**
 * `steady`: every device from the first day; `adopting`: devices start later and later, so more run it
 * every week; `burst`: each device runs it for one to four days, then stops (it may end before the window).
 */
export type StoryTrend = 'steady' | 'adopting' | 'burst';

interface StoryBase {
  /** Unique within its tool, e.g. "helpdesk-service". */
  id: string;
  kind: StoryKind;
  /** The ground-truth label when it is more than the kind (a false-positive scenario of the seed rule). */
  label?: DemoEventLabel;
  /** One line for people: what happens in the story. */
  summary: string;
  devices: StoryDevices | readonly StoryDevices[];
  /** Active days, counted back from now: `from: 30` is the whole month, `from: 3, to: 0` the last three days. */
  days: { from: number; to?: number };
  trend: StoryTrend;
  /** Launches per active day and device (thinned when the event budget is small). */
  perDay: number;
  timing: StoryTiming;
  /** The chance that a device of a story with several launches also uses a second one, at half the rate. */
  alsoLaunch?: number;
  network?: {
    destinations: readonly ToolDestination[];
    /** Connections per launch (a fraction is a chance of one more). */
    perLaunch: number;
  };
  /** Which tables the story writes; defaults to process events, plus network and signer rows when it has them. */
  tables?: readonly StoryTable[];
}

/**
 * A story starts the tool one way (the launch's fields on the story itself) or several (`launches`: each
 * device takes the next one in turn, unless a launch is meant for its role).
 */
export type ToolStory = StoryBase &
  (
    | (StoryLaunch & { launches?: undefined })
    | ({ launches: readonly StoryLaunch[] } & { [K in Exclude<keyof StoryLaunch, 'timing'>]?: undefined })
  );

/** The ways a story starts its tool. */
export function storyLaunches(story: ToolStory): readonly StoryLaunch[] {
  return story.launches ?? [story as StoryLaunch];
}

export interface ToolSpec {
  /** The tool's name as people write it, the same as the hunts' `tool:` field. */
  tool: string;
  /**
   * The tool's own share of the demo's process events, thinned apart from the others; tools without one
   * share the common budget. A tool whose story the seed rule's tests read keeps its density at any size.
   */
  eventShare?: number;
  binaries: Readonly<Record<string, ToolBinary>>;
  stories: readonly ToolStory[];
}
