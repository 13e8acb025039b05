// Verdict bookkeeping on the page: newer versions win, targets carry the version on screen, a 409's
// conflicts are read in every shape the API may send, and audit entries read as status changes.
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Verdict, VerdictStatus } from '@/lib/triage/types';
import {
  describeChange,
  indexVerdicts,
  mergeVerdicts,
  readConflicts,
  retryTargets,
  verdictTargets,
} from './verdict-state';

function verdict(deviceId: string, version: number, status: VerdictStatus = 'benign'): Verdict {
  return {
    huntId: 'h',
    deviceId,
    deviceName: `ws-${deviceId}`,
    status,
    reason: status === 'benign' ? 'admin work' : null,
    scenario: null,
    reviewAfter: null,
    reference: null,
    version,
    setBy: { id: 'u', name: 'Tristan Triager' },
    setAt: '2026-11-30T10:00:00.000Z',
  };
}

describe('mergeVerdicts', () => {
  it('adds new devices and replaces older versions, but never with an older answer', () => {
    const index = indexVerdicts([verdict('a', 2), verdict('b', 1)]);
    const next = mergeVerdicts(index, [
      verdict('a', 1, 'malicious'),
      verdict('b', 2, 'suspicious'),
      verdict('c', 1),
    ]);
    expect(next.get('a')?.version).toBe(2);
    expect(next.get('a')?.status).toBe('benign');
    expect(next.get('b')?.status).toBe('suspicious');
    expect(next.get('c')?.version).toBe(1);
    expect(index.get('b')?.version).toBe(1); // the old index is untouched
  });
});

describe('verdictTargets', () => {
  it('names the version on screen, 0 for none, and each device once', () => {
    const index = indexVerdicts([verdict('a', 3)]);
    expect(
      verdictTargets(
        [
          { deviceId: 'a', deviceName: 'ws-a' },
          { deviceId: 'b', deviceName: 'ws-b' },
          { deviceId: 'a', deviceName: 'ws-a-renamed' },
        ],
        index,
      ),
    ).toEqual([
      { deviceId: 'a', deviceName: 'ws-a', expectedVersion: 3 },
      { deviceId: 'b', deviceName: 'ws-b', expectedVersion: 0 },
    ]);
  });
});

describe('readConflicts', () => {
  const targets = [
    { deviceId: 'a', deviceName: 'ws-a', expectedVersion: 1 },
    { deviceId: 'b', deviceName: 'ws-b', expectedVersion: 0 },
  ];

  it('a single write: the current verdict, or null for the only target', () => {
    expect(readConflicts({ current: verdict('a', 2) }, targets.slice(0, 1))).toEqual([
      { deviceId: 'a', current: verdict('a', 2) },
    ]);
    expect(readConflicts({ current: null }, targets.slice(1))).toEqual([{ deviceId: 'b', current: null }]);
  });

  it('a bulk write: a list of verdicts, or of device/current pairs', () => {
    expect(readConflicts({ current: [verdict('b', 4, 'malicious')] }, targets)).toEqual([
      { deviceId: 'b', current: verdict('b', 4, 'malicious') },
    ]);
    expect(
      readConflicts(
        {
          current: [
            { deviceId: 'a', current: verdict('a', 5) },
            { deviceId: 'b', current: null },
          ],
        },
        targets,
      ),
    ).toEqual([
      { deviceId: 'a', current: verdict('a', 5) },
      { deviceId: 'b', current: null },
    ]);
  });

  it('leaves out what it cannot read', () => {
    expect(readConflicts({}, targets)).toEqual([]);
    expect(readConflicts({ current: [{ status: 'benign' }, 'x'] }, targets)).toEqual([]);
  });

  it('retrying bases each conflicting device on what the store holds now', () => {
    const conflicts = [
      { deviceId: 'a', current: verdict('a', 5) },
      { deviceId: 'b', current: null },
    ];
    expect(
      retryTargets([...targets, { deviceId: 'c', deviceName: 'ws-c', expectedVersion: 2 }], conflicts),
    ).toEqual([
      { deviceId: 'a', deviceName: 'ws-a', expectedVersion: 5 },
      { deviceId: 'b', deviceName: 'ws-b', expectedVersion: 0 },
      { deviceId: 'c', deviceName: 'ws-c', expectedVersion: 2 },
    ]);
  });
});

describe('describeChange', () => {
  const entry = (before: unknown, after: unknown, reason: string | null): AuditEntry => ({
    id: 1,
    at: '2026-11-30T10:00:00.000Z',
    actor: { id: 'u', name: 'Tristan Triager' },
    huntId: 'h',
    entity: 'verdict',
    entityId: 'a',
    action: 'set',
    before,
    after,
    reason,
  });

  it('reads the statuses before and after, and what came with the new one', () => {
    expect(
      describeChange(entry(null, { ...verdict('a', 1), scenario: 'veeam-backup' }, 'admin work')),
    ).toEqual({
      from: null,
      to: 'benign',
      reason: 'admin work',
      scenario: 'veeam-backup',
      reviewAfter: null,
      reference: null,
    });
    expect(
      describeChange(entry(verdict('a', 1), { ...verdict('a', 2, 'malicious'), reference: 'INC-42' }, null)),
    ).toMatchObject({ from: 'benign', to: 'malicious', reference: 'INC-42', reason: null });
  });

  it('an unknown shape reads as no status rather than failing', () => {
    expect(describeChange(entry('x', { status: 'weird' }, null))).toMatchObject({ from: null, to: null });
  });
});
