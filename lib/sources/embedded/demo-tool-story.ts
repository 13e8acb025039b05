// The shape of a remote-access tool's demo story: which devices run which of its binaries, when, from which
// parent and account, where they connect and who signed them. Stories are data (demo-tool-stories.ts); one
// generic generator (demo-tools.ts) turns them into rows of all three tables and their ground-truth labels.
import type { BinaryKey } from './demo-binaries';
import type { AccountKind } from './demo-fleet';

/** What a story is, for the ground truth: legitimate IT use, abuse, or a look-alike a hunt must not match. */
export type StoryKind = 'benign-admin' | 'suspicious' | 'near-miss';

export const STORY_KINDS: readonly StoryKind[] = ['benign-admin', 'suspicious', 'near-miss'];

/**
 * Which devices a story prefers, in order: `it-admin-client` (an IT team member's own machine), `client`
 * (anyone else's workstation or laptop), `laptop`, `workstation`, `server` (any), `server:<role>` (a role of
 * the fleet, e.g. `server:jump`, `server:rds`). Devices outside every preference fill up the count last.
 */
export type DeviceRole =
  | 'it-admin-client'
  | 'client'
  | 'laptop'
  | 'workstation'
  | 'server'
  | `server:${string}`;

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

export interface ToolStory {
  /** Unique within its tool, e.g. "helpdesk-service". */
  id: string;
  kind: StoryKind;
  /** One line for people: what happens in the story. */
  summary: string;
  devices: {
    prefer: readonly DeviceRole[];
    /** Share of the fleet, with a floor so small fleets still show the story. */
    share: number;
    min: number;
  };
  /** Active days, counted back from now: `from: 30` is the whole month, `from: 3, to: 0` the last three days. */
  days: { from: number; to?: number };
  /**
   * `steady`: every device from the first day; `adopting`: devices start later and later, so more run it
   * every week; `burst`: each device runs it for one to four days, then stops (it may end before the window).
   */
  trend: 'steady' | 'adopting' | 'burst';
  /** Launches per active day and device (thinned when the event budget is small). */
  perDay: number;
  /** `business`: office hours on workdays; `anytime`: any hour, often at night; `service`: around the clock. */
  timing: 'business' | 'anytime' | 'service';
  /** A key of the tool's binaries, or of the fleet's ordinary binaries (e.g. `chrome.exe` for a browser). */
  binary: string;
  parent: BinaryKey;
  /** The parent's parent; defaults by parent (explorer.exe under userinit.exe, services.exe under wininit.exe…). */
  grandparent?: string;
  /** `{path}` is the binary's full path, `{host}` a server of the fleet, `{n}` a number, `{id}` 8 hex digits. */
  parentCommand?: string;
  command: string;
  account: AccountKind;
  /** Defaults to SYSTEM under services.exe and svchost.exe, else the story's account. */
  parentAccount?: AccountKind;
  network?: {
    destinations: readonly ToolDestination[];
    /** Connections per launch (a fraction is a chance of one more). */
    perLaunch: number;
  };
  /** Which tables the story writes; defaults to process events, plus network and signer rows when it has them. */
  tables?: readonly StoryTable[];
}

export interface ToolSpec {
  /** The tool's name as people write it, the same as the hunts' `tool:` field. */
  tool: string;
  binaries: Readonly<Record<string, ToolBinary>>;
  stories: readonly ToolStory[];
}
