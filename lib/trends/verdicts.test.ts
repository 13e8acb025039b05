// Replaying verdicts from the audit log, with hand-made entries: status at an instant, review dates, the mix
// of a set of devices, verdicts per day, first verdicts and the delays from first flag.
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/lib/triage/types';
import {
  endOfDayMs,
  firstVerdicts,
  median,
  statusAt,
  verdictChanges,
  verdictDelays,
  verdictMix,
  verdictsSetPerDay,
} from './verdicts';

const t = (iso: string) => Date.parse(iso);
let id = 0;
const entry = (
  at: string,
  device: string,
  after: unknown,
  entity: AuditEntry['entity'] = 'verdict',
): AuditEntry => ({
  id: ++id,
  at,
  actor: { id: 'u', name: 'U' },
  huntId: 'h',
  entity,
  entityId: device,
  action: 'set',
  before: null,
  after,
  reason: null,
});

const ENTRIES: AuditEntry[] = [
  // Out of order on purpose; the replay sorts by time.
  entry('2026-03-03T10:00:00Z', 'a', { status: 'malicious', reason: 'C2 beacon' }),
  entry('2026-03-01T10:00:00Z', 'a', { status: 'suspicious' }),
  entry('2026-03-01T12:00:00Z', 'b', { status: 'benign', reviewAfter: '2026-03-02T00:00:00Z' }),
  entry('2026-03-02T08:00:00Z', 'c', { status: 'benign' }),
  entry('2026-03-02T09:00:00Z', 'c', null), // no readable verdict: back to unreviewed
  entry('2026-03-02T09:30:00Z', 'd', { status: 'unreviewed' }),
  entry('2026-03-01T00:00:00Z', 'x', { status: 'malicious' }, 'exclusion'), // not a verdict
];

const changes = verdictChanges(ENTRIES);

describe('statusAt', () => {
  it('is the latest change at or before the instant; none is unreviewed', () => {
    expect(statusAt(changes.get('a'), t('2026-03-01T09:59:59Z'))).toBe('unreviewed');
    expect(statusAt(changes.get('a'), t('2026-03-01T10:00:00Z'))).toBe('suspicious');
    expect(statusAt(changes.get('a'), t('2026-03-03T10:00:00Z'))).toBe('malicious');
    expect(statusAt(undefined, t('2026-03-03T10:00:00Z'))).toBe('unreviewed');
  });

  it('a Benign verdict counts as unreviewed from its review date on', () => {
    expect(statusAt(changes.get('b'), t('2026-03-01T23:59:59.999Z'))).toBe('benign');
    expect(statusAt(changes.get('b'), t('2026-03-02T00:00:00Z'))).toBe('unreviewed');
  });

  it('an entry without a readable verdict resets to unreviewed; exclusion entries are not verdicts', () => {
    expect(statusAt(changes.get('c'), t('2026-03-02T08:30:00Z'))).toBe('benign');
    expect(statusAt(changes.get('c'), t('2026-03-02T09:00:00Z'))).toBe('unreviewed');
    expect(changes.has('x')).toBe(false);
  });
});

describe('verdictMix', () => {
  it('counts each device once, with devices without entries as unreviewed', () => {
    expect(verdictMix(['a', 'b', 'c', 'd', 'e', 'a'], changes, t('2026-03-01T13:00:00Z'))).toEqual({
      unreviewed: 3, // c, d, e
      benign: 1, // b
      suspicious: 1, // a
      malicious: 0,
    });
    expect(verdictMix(['a', 'b', 'c'], changes, t('2026-03-04T00:00:00Z'))).toEqual({
      unreviewed: 2, // b past review, c reset
      benign: 0,
      suspicious: 0,
      malicious: 1,
    });
  });
});

describe('throughput and first verdicts', () => {
  it('counts Benign, Suspicious and Malicious verdicts per UTC day, not resets', () => {
    const perDay = verdictsSetPerDay(changes, ['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(Object.fromEntries(perDay)).toEqual({ '2026-03-01': 2, '2026-03-02': 1, '2026-03-03': 1 });
    // Days outside the list are not counted.
    expect(Object.fromEntries(verdictsSetPerDay(changes, ['2026-03-03']))).toEqual({ '2026-03-03': 1 });
  });

  it('a device’s first verdict is its first decision; delays skip unknown or later flags', () => {
    const first = firstVerdicts(changes);
    expect(Object.fromEntries(first)).toEqual({
      a: t('2026-03-01T10:00:00Z'),
      b: t('2026-03-01T12:00:00Z'),
      c: t('2026-03-02T08:00:00Z'),
    });
    const flags = new Map([
      ['a', t('2026-02-28T10:00:00Z')], // 24 h before
      ['b', t('2026-03-01T13:00:00Z')], // after its verdict: flagged before the data we see
    ]);
    expect(verdictDelays(first, flags)).toEqual([{ deviceId: 'a', day: '2026-03-01', ms: 24 * 3_600_000 }]);
  });
});

describe('median and end of day', () => {
  it('median of odd and even counts, none for nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('a day ends at its last millisecond, or now if that is earlier', () => {
    expect(endOfDayMs('2026-03-01', t('2026-03-05T00:00:00Z'))).toBe(t('2026-03-01T23:59:59.999Z'));
    expect(endOfDayMs('2026-03-05', t('2026-03-05T12:00:00Z'))).toBe(t('2026-03-05T12:00:00Z'));
  });
});
