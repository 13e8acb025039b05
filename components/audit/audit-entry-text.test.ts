import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/lib/triage/types';
import { describeAuditEntry } from './audit-entry-text';

const base: AuditEntry = {
  id: 1,
  at: '2026-12-01T10:00:00.000Z',
  actor: { id: 'a', name: 'Tristan Triager' },
  huntId: 'h',
  entity: 'verdict',
  entityId: 'dev-1',
  action: 'set',
  before: null,
  after: null,
  reason: null,
};

describe('an audit entry in words', () => {
  it('names a verdict change by device and statuses', () => {
    expect(describeAuditEntry({ ...base, after: { status: 'benign', deviceName: 'jump-01' } })).toEqual({
      subject: 'jump-01',
      change: 'No verdict → Benign',
    });
    expect(
      describeAuditEntry({
        ...base,
        before: { status: 'benign', deviceName: 'jump-01' },
        after: { status: 'benign', deviceName: 'jump-01', reason: 'other' },
      }).change,
    ).toBe('Benign (details changed)');
  });

  it('names an exclusion by its condition, a long list shortened', () => {
    const exclusion = {
      field: 'FolderPath',
      operator: 'in~',
      values: ['a', 'b', 'c', 'd', 'e'],
      deviceName: 'srv-9',
    };
    expect(
      describeAuditEntry({
        ...base,
        entity: 'exclusion',
        entityId: 'x1',
        action: 'disable',
        after: exclusion,
      }),
    ).toEqual({ subject: 'FolderPath in~ ("a", "b", "c" and 2 more) on srv-9', change: 'switched off' });
    expect(
      describeAuditEntry({
        ...base,
        entity: 'exclusion',
        entityId: 'x1',
        action: 'remove',
        before: { field: 'FileName', operator: '=~', values: ['x.exe'] },
      }),
    ).toEqual({ subject: 'FileName =~ "x.exe"', change: 'removed' });
  });

  it('names a tool approval by tool and scope', () => {
    const approval = { tool: 'TeamViewer', scope: 'pattern', pattern: 'jump-*' };
    expect(
      describeAuditEntry({
        ...base,
        huntId: '',
        entity: 'approval',
        entityId: 'a1',
        action: 'create',
        after: approval,
      }),
    ).toEqual({ subject: 'TeamViewer on jump-*', change: 'approved' });
    expect(
      describeAuditEntry({
        ...base,
        entity: 'approval',
        entityId: 'a1',
        action: 'remove',
        before: { tool: 'AnyDesk', scope: 'devices', devices: ['a', 'b', 'c'] },
      }),
    ).toEqual({ subject: 'AnyDesk on 3 devices', change: 'revoked' });
  });

  it('falls back to the entity id when the recorded entity says nothing', () => {
    expect(describeAuditEntry({ ...base, entity: 'exclusion', entityId: 'x2', action: 'create' })).toEqual({
      subject: 'x2',
      change: 'created',
    });
  });
});
