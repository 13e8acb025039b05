// What triage keeps: verdicts per hunt and device, custom exclusions, the append-only audit log and the hunt
// run snapshots that trends read. One zod schema per entity, shared by routes, forms and the CLI; the store
// behind `TriageStore` is PGlite in the demo and PostgreSQL in production. Every text field is a `safeText`,
// so NUL and unpaired surrogates are refused with the field's name before they reach the store.
import { z } from 'zod';
import { DomainError, type ProblemInit } from '@/lib/domain-error';
import { safeText } from '@/lib/safe-text';
import type { TableDef } from '@/lib/tables/types';
import type { ToolApproval, ToolApprovalInput } from './approvals';

export const MAX_REASON_LENGTH = 2_000;
export const MAX_VALUE_LENGTH = 1_000;
export const MAX_VALUES = 100;
export const MAX_BULK = 500;
/**
 * Custom exclusions a hunt may hold, switched on or off (either can apply to the next run): each one adds
 * its predicate to every run's queries, so a run's cost and query text grow with them.
 */
export const MAX_CUSTOM_EXCLUSIONS_PER_HUNT = 500;
/** The values of a hunt's custom exclusions together, in UTF-8 bytes (1 MiB): what they add to query text. */
export const MAX_CUSTOM_EXCLUSION_BYTES_PER_HUNT = 1_048_576;
/** Versions are stored as 32-bit integers; a larger expected version cannot name one. */
export const MAX_VERSION = 2_147_483_647;

/** Who changed something, as the audit trail records it. */
export interface Actor {
  /** The principal's stable id (Entra object id or `sub`). */
  id: string;
  /** Display name at the time of the change. */
  name: string;
}

// ── Verdicts ──────────────────────────────────────────────────────────────────────────────────────────

export const verdictStatuses = ['unreviewed', 'benign', 'suspicious', 'malicious'] as const;
export type VerdictStatus = (typeof verdictStatuses)[number];

const reason = safeText().trim().max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`);

/** A reason that must be given: `fix` is the message when it is missing, not text, or blank. */
const requiredReason = (fix: string) =>
  safeText(fix).trim().max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`).min(1, fix);

/**
 * An ISO 8601 instant on a day the calendar has, in years 1000 to 9999: the format alone lets 2026-02-31
 * through (which Date rolls over to March) and years near 0 (which the database refuses as year 0).
 */
export const isoInstant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-12-31T00:00:00Z' })
  .refine((text) => {
    const [year = 0, month = 0, day = 0] = text.slice(0, 10).split('-').map(Number);
    const lastDay = new Date(0);
    lastDay.setUTCFullYear(year, month, 0);
    return year >= 1000 && day <= lastDay.getUTCDate();
  }, 'must be a day the calendar has, in the years 1000 to 9999, e.g. 2026-12-31T00:00:00Z');

/** What a triager submits; `reason` is required for Benign, `reviewAfter` must be in the future. */
export const verdictInputSchema = z.discriminatedUnion(
  'status',
  [
    z.object({ status: z.literal('unreviewed'), reason: reason.optional() }),
    z.object({
      status: z.literal('benign'),
      reason: requiredReason('is required for Benign: say why this is admin work'),
      /** The id of the false-positive scenario (exclusion rule) it matches, if any. */
      scenario: safeText().trim().min(1).max(100).optional(),
      /** After this instant the device counts as unreviewed again. */
      reviewAfter: isoInstant.optional(),
    }),
    z.object({ status: z.literal('suspicious'), reason: reason.optional() }),
    z.object({
      status: z.literal('malicious'),
      reason: reason.optional(),
      /** Incident or ticket reference. */
      reference: safeText().trim().min(1).max(200).optional(),
    }),
  ],
  { error: `must be one of: ${verdictStatuses.join(', ')}` },
);
export type VerdictInput = z.infer<typeof verdictInputSchema>;

export interface Verdict {
  huntId: string;
  deviceId: string;
  deviceName: string;
  status: VerdictStatus;
  reason: string | null;
  scenario: string | null;
  reviewAfter: string | null;
  reference: string | null;
  /** Starts at 1 and grows by one per change; a write names the version it was based on. */
  version: number;
  setBy: Actor;
  /** ISO 8601, UTC. */
  setAt: string;
}

export interface SetVerdict {
  huntId: string;
  deviceId: string;
  deviceName: string;
  /** The version the triager saw: 0 when the device had no verdict. */
  expectedVersion: number;
  input: VerdictInput;
}

// The store is opened once per process and shared (globalThis), so its errors may come from another copy of
// this module (a separately bundled entry such as instrumentation, a module reloaded in development). A
// registered symbol marks them, and `instanceof` checks the mark instead of the class's identity.
const CONFLICT: unique symbol = Symbol.for('huntboard.triage.VersionConflictError');
const NOT_FOUND: unique symbol = Symbol.for('huntboard.triage.ExclusionNotFoundError');
const APPROVAL_NOT_FOUND: unique symbol = Symbol.for('huntboard.triage.ApprovalNotFoundError');

const marked = (value: unknown, mark: symbol) => typeof value === 'object' && value !== null && mark in value;

/**
 * The write was based on a stale version; `current` is what the store holds now (null: no verdict). `T` is
 * the entity: a Verdict by default, a CustomExclusion for exclusion writes.
 */
export class VersionConflictError<T = Verdict> extends DomainError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return marked(value, CONFLICT);
  }
  readonly [CONFLICT] = true;
  override name = 'VersionConflictError';
  constructor(
    readonly current: T | null,
    message = 'Someone changed this verdict since you loaded it; review the current value and try again.',
    /** For a bulk write: every stale change with what the store holds now (`current` is the first). */
    readonly conflicts: readonly VerdictConflict[] = [],
  ) {
    super(message);
  }

  toProblem(): ProblemInit {
    return {
      status: 409,
      title: 'Changed by someone else',
      detail: this.message,
      extensions: {
        current: this.current,
        ...(this.conflicts.length ? { conflicts: this.conflicts } : {}),
      },
    };
  }
}

export interface VerdictConflict {
  deviceId: string;
  current: Verdict | null;
}

// ── Custom exclusions ─────────────────────────────────────────────────────────────────────────────────

export const exclusionOperators = [
  '==',
  '=~',
  'has',
  'has_any',
  'contains',
  'startswith',
  'endswith',
  'in~',
] as const;
export type ExclusionOperator = (typeof exclusionOperators)[number];
/** Operators that take a list of values. */
export const listOperators: ReadonlySet<ExclusionOperator> = new Set(['has_any', 'in~']);

/** A column name as Kusto writes it bare; the field must also be one of the hunt's table's exclusion fields. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** The hunt's main table has no such string column: what to tell the person who chose it. */
export function exclusionFieldProblem(table: TableDef | undefined): string {
  if (!table)
    return 'cannot be checked: the hunt reads no table Huntboard knows, so it takes no custom exclusions';
  const examples = table.evidenceColumns.filter((c) => table.exclusionFields.includes(c)).slice(0, 3);
  return `must be a string column of ${table.name}, e.g. ${examples.join(', ')}`;
}

/** Whether a custom exclusion may test `field` in a hunt whose main table is `table`. */
export function isExclusionField(field: string, table: TableDef | undefined): boolean {
  return table?.exclusionFields.includes(field) ?? false;
}

const value = safeText()
  .min(1, 'must not be empty')
  .max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`)
  .refine((v) => v.trim() !== '', 'must not be only spaces');

export const customExclusionInputSchema = z
  .object({
    /** A string column of the hunt's main table; checked against it where the hunt is known. */
    field: safeText().regex(FIELD_NAME, 'must be a column name, e.g. ProcessCommandLine'),
    operator: z.enum(exclusionOperators, { error: `must be one of: ${exclusionOperators.join(', ')}` }),
    /** One value, or for has_any / in~ a list of them. */
    values: z
      .array(value)
      .min(1, 'must have at least one value')
      .max(MAX_VALUES, `must have at most ${MAX_VALUES} values`),
    /** A device id limits the exclusion to that device; absent, it applies to all devices. */
    deviceId: safeText().trim().min(1).max(200).optional(),
    /** The device's name, for display; kept as given. */
    deviceName: safeText().trim().min(1).max(300).optional(),
    reason: requiredReason('is required: say why these events are benign'),
    expiresAt: isoInstant.optional(),
  })
  .refine((e) => e.values.length === 1 || listOperators.has(e.operator), {
    path: ['values'],
    error: 'takes one value for this operator; use has_any or in~ for a list',
  });
export type CustomExclusionInput = z.infer<typeof customExclusionInputSchema>;

/** The input schema for a hunt whose main table is `table`: the field must be one of its string columns. */
export function customExclusionInputSchemaFor(table: TableDef | undefined) {
  return customExclusionInputSchema.refine((e) => isExclusionField(e.field, table), {
    path: ['field'],
    error: exclusionFieldProblem(table),
  });
}

export interface CustomExclusion extends CustomExclusionInput {
  id: string;
  huntId: string;
  enabled: boolean;
  version: number;
  createdBy: Actor;
  createdAt: string;
  updatedBy: Actor;
  updatedAt: string;
}

export class ExclusionNotFoundError extends DomainError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return marked(value, NOT_FOUND);
  }
  readonly [NOT_FOUND] = true;
  override name = 'ExclusionNotFoundError';
  toProblem(): ProblemInit {
    return { status: 404, title: 'Unknown custom exclusion', detail: this.message };
  }
}

export class ApprovalNotFoundError extends DomainError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return marked(value, APPROVAL_NOT_FOUND);
  }
  readonly [APPROVAL_NOT_FOUND] = true;
  override name = 'ApprovalNotFoundError';
  toProblem(): ProblemInit {
    return { status: 404, title: 'Unknown tool approval', detail: this.message };
  }
}

// ── Audit log ─────────────────────────────────────────────────────────────────────────────────────────

export interface AuditEntry {
  id: number;
  at: string;
  actor: Actor;
  huntId: string;
  /** Approvals span hunts: their entries have an empty hunt id. */
  entity: 'verdict' | 'exclusion' | 'approval';
  /** The device id for verdicts, the exclusion or approval id otherwise. */
  entityId: string;
  action: 'set' | 'create' | 'update' | 'enable' | 'disable' | 'remove';
  before: unknown;
  after: unknown;
  reason: string | null;
}

// ── Run snapshots (for trends beyond the source's retention) ──────────────────────────────────────────

export interface SnapshotDevice {
  deviceId: string;
  deviceName: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  /** Events per UTC day. */
  activity: { day: string; count: number }[];
}

export interface RunSnapshot {
  huntId: string;
  sourceId: string;
  ranAt: string;
  windowStart: string;
  windowEnd: string;
  /** Enabled exclusion ids, sorted. */
  exclusions: string[];
  devices: SnapshotDevice[];
}

// ── The store ─────────────────────────────────────────────────────────────────────────────────────────

export interface TriageStore {
  readonly kind: 'pglite' | 'postgres';

  verdicts(huntId: string): Promise<Verdict[]>;
  /** The verdicts of all these hunts, by hunt and device. */
  verdictsOf(huntIds: readonly string[]): Promise<Verdict[]>;
  verdict(huntId: string, deviceId: string): Promise<Verdict | null>;
  /** Throws VersionConflictError when `expectedVersion` is not the stored version. */
  setVerdict(change: SetVerdict, actor: Actor): Promise<Verdict>;
  /** All or nothing: one conflict and none is written. */
  setVerdicts(changes: readonly SetVerdict[], actor: Actor): Promise<Verdict[]>;

  customExclusions(huntId: string): Promise<CustomExclusion[]>;
  createCustomExclusion(huntId: string, input: CustomExclusionInput, actor: Actor): Promise<CustomExclusion>;
  /** Throws ExclusionNotFoundError, or VersionConflictError on a stale version. */
  setCustomExclusionEnabled(
    huntId: string,
    id: string,
    enabled: boolean,
    expectedVersion: number,
    actor: Actor,
    /** Why, for the audit log. */
    reason?: string,
  ): Promise<CustomExclusion>;
  removeCustomExclusion(huntId: string, id: string, reason: string, actor: Actor): Promise<void>;

  /** Every tool approval, expired ones included, by tool. */
  toolApprovals(): Promise<ToolApproval[]>;
  /** Throws TriageInputError (400) when MAX_APPROVALS are held. */
  createToolApproval(input: ToolApprovalInput, actor: Actor): Promise<ToolApproval>;
  /** Throws ApprovalNotFoundError, or VersionConflictError on a stale version. */
  updateToolApproval(
    id: string,
    input: ToolApprovalInput,
    expectedVersion: number,
    actor: Actor,
  ): Promise<ToolApproval>;
  /** Deletes the approval; the audit log keeps its last state. */
  revokeToolApproval(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<void>;

  /**
   * Audit entries, oldest first unless `order` is desc; filters narrow to one hunt, entity, entity id, actor or
   * time range; `after` (an entry id, exclusive, in the chosen order) and `limit` read one page.
   */
  audit(filter: {
    huntId?: string;
    entity?: AuditEntry['entity'];
    entityId?: string;
    actorId?: string;
    since?: string;
    until?: string;
    order?: 'asc' | 'desc';
    after?: number;
    limit?: number;
  }): Promise<AuditEntry[]>;

  recordSnapshot(snapshot: RunSnapshot): Promise<void>;
  /** Snapshots whose run time lies in [from, to], oldest first. */
  snapshots(huntId: string, from: string, to: string): Promise<RunSnapshot[]>;

  close(): Promise<void>;
}
