// The triage database's tables, as Drizzle definitions: drizzle-kit generates the migrations in
// lib/triage/migrations from this file, and the store queries through it. Times are timestamptz (UTC).
// Imports nothing but Drizzle, so that drizzle-kit can load it on its own.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The current verdict per hunt and device; `version` guards against lost updates. */
export const verdicts = pgTable(
  'verdicts',
  {
    huntId: text('hunt_id').notNull(),
    deviceId: text('device_id').notNull(),
    deviceName: text('device_name').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    scenario: text('scenario'),
    reviewAfter: instant('review_after'),
    reference: text('reference'),
    version: integer('version').notNull(),
    setById: text('set_by_id').notNull(),
    setByName: text('set_by_name').notNull(),
    setAt: instant('set_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.huntId, t.deviceId] }),
    check('verdicts_status_known', sql`${t.status} in ('unreviewed', 'benign', 'suspicious', 'malicious')`),
    check('verdicts_benign_has_reason', sql`${t.status} <> 'benign' or coalesce(${t.reason}, '') <> ''`),
    check('verdicts_version_positive', sql`${t.version} > 0`),
  ],
);

/** Field–operator–value exclusions triagers add to a hunt, beside the catalog's named rules. */
export const customExclusions = pgTable(
  'custom_exclusions',
  {
    id: uuid('id').primaryKey(),
    huntId: text('hunt_id').notNull(),
    field: text('field').notNull(),
    operator: text('operator').notNull(),
    values: jsonb('values').$type<string[]>().notNull(),
    /** Null: the exclusion applies to every device. */
    deviceId: text('device_id'),
    /** The device's name when the exclusion was made, for display: the excluded device may leave the table. */
    deviceName: text('device_name'),
    reason: text('reason').notNull(),
    expiresAt: instant('expires_at'),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull(),
    createdById: text('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedById: text('updated_by_id').notNull(),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('custom_exclusions_hunt').on(t.huntId, t.createdAt),
    check('custom_exclusions_version_positive', sql`${t.version} > 0`),
  ],
);

/**
 * RMM tools approved for all devices or for a scope (a device name pattern or a list of names). The tool is
 * kept as given and matched without regard to case; a revoked approval is deleted (its last state stays in
 * the audit log).
 */
export const toolApprovals = pgTable(
  'tool_approvals',
  {
    id: uuid('id').primaryKey(),
    tool: text('tool').notNull(),
    /** `all`, `pattern` (a glob on DeviceName) or `devices` (a list of DeviceNames). */
    scope: text('scope').notNull(),
    pattern: text('pattern'),
    devices: jsonb('devices').$type<string[]>(),
    reason: text('reason').notNull(),
    owner: text('owner').notNull(),
    expiresAt: instant('expires_at'),
    version: integer('version').notNull(),
    createdById: text('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedById: text('updated_by_id').notNull(),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('tool_approvals_tool').on(sql`lower(${t.tool})`),
    check('tool_approvals_scope_known', sql`${t.scope} in ('all', 'pattern', 'devices')`),
    check(
      'tool_approvals_scope_complete',
      sql`(${t.scope} = 'pattern') = (${t.pattern} is not null) and (${t.scope} = 'devices') = (${t.devices} is not null)`,
    ),
    check('tool_approvals_reason_given', sql`${t.reason} <> '' and ${t.owner} <> ''`),
    check('tool_approvals_version_positive', sql`${t.version} > 0`),
  ],
);

/**
 * Every change to a verdict, an exclusion or a tool approval (whose hunt id is empty: it spans hunts), appended in the same transaction as the change. A migration
 * makes the table append-only (a trigger refuses UPDATE, DELETE and TRUNCATE; the app's role may only
 * SELECT and INSERT).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull().defaultNow(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    huntId: text('hunt_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
  },
  (t) => [
    index('audit_log_entity').on(t.huntId, t.entity, t.entityId),
    index('audit_log_at').on(t.at),
    check('audit_log_entity_known', sql`${t.entity} in ('verdict', 'exclusion', 'approval')`),
  ],
);

/** One row per recorded hunt run, so that trends can reach back beyond the source's retention. */
export const runSnapshots = pgTable(
  'run_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    huntId: text('hunt_id').notNull(),
    sourceId: text('source_id').notNull(),
    ranAt: instant('ran_at').notNull(),
    windowStart: instant('window_start').notNull(),
    windowEnd: instant('window_end').notNull(),
    /** Enabled exclusion ids, sorted. */
    exclusions: jsonb('exclusions').$type<string[]>().notNull(),
  },
  (t) => [index('run_snapshots_hunt_ran_at').on(t.huntId, t.ranAt)],
);

/** The devices of one snapshot with their events per UTC day. */
export const snapshotDevices = pgTable(
  'snapshot_devices',
  {
    snapshotId: bigint('snapshot_id', { mode: 'number' })
      .notNull()
      .references(() => runSnapshots.id, { onDelete: 'cascade' }),
    deviceId: text('device_id').notNull(),
    deviceName: text('device_name').notNull(),
    firstSeen: instant('first_seen').notNull(),
    lastSeen: instant('last_seen').notNull(),
    count: integer('count').notNull(),
    activity: jsonb('activity').$type<{ day: string; count: number }[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.deviceId] })],
);
