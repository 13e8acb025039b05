// The approval form's draft: a list split on lines and commas, the expiry as the start of a UTC day, the
// schema's refusals, and the preview of the devices a scope would stop flagging.
import { describe, expect, it } from 'vitest';
import type { ToolApproval } from '@/lib/triage/approvals';
import { approvalChangeEffect, devicesApprovedBy, draftInput, draftOf, EMPTY_DRAFT } from './approval-draft';

const NOW = new Date('2026-12-05T12:00:00Z');
const devices = ['jump-01.corp', 'JUMP-02', 'ws-0142.corp'].map((n) => ({ DeviceId: n, DeviceName: n }));

describe('approval draft', () => {
  it('reads a list of names from lines and commas, and the expiry as a UTC day', () => {
    const parsed = draftInput('AnyDesk', {
      ...EMPTY_DRAFT,
      scope: 'devices',
      devices: 'jump-01\n jump-02 , \n',
      reason: 'Help desk',
      owner: 'IT',
      expires: '2027-03-31',
    });
    expect(parsed.data).toEqual({
      tool: 'AnyDesk',
      scope: 'devices',
      devices: ['jump-01', 'jump-02'],
      reason: 'Help desk',
      owner: 'IT',
      expiresAt: '2027-03-31T00:00:00Z',
    });
  });

  it('is refused without a reason or owner, naming the field', () => {
    const parsed = draftInput('AnyDesk', { ...EMPTY_DRAFT, owner: 'IT' });
    expect(parsed.error?.issues[0]?.path).toEqual(['reason']);
  });

  it('previews the devices a scope would stop flagging', () => {
    const pattern = draftInput('AnyDesk', {
      ...EMPTY_DRAFT,
      scope: 'pattern',
      pattern: 'jump-*',
      reason: 'r',
      owner: 'o',
    });
    expect(devicesApprovedBy(pattern.data as never, devices, NOW)).toEqual(['jump-01.corp', 'JUMP-02']);
    const list = draftInput('AnyDesk', {
      ...EMPTY_DRAFT,
      scope: 'devices',
      devices: 'ws-0142',
      reason: 'r',
      owner: 'o',
    });
    expect(devicesApprovedBy(list.data as never, devices, NOW)).toEqual(['ws-0142.corp']);
  });

  it('fills the form with an approval on record and gives it back unchanged', () => {
    const recorded = {
      id: 'a-1',
      version: 3,
      tool: 'AnyDesk',
      scope: 'devices',
      devices: ['jump-01', 'jump-02'],
      reason: 'Help desk',
      owner: 'IT',
      expiresAt: '2027-03-31T17:30:00.000Z',
    } as ToolApproval;
    const draft = draftOf(recorded);
    expect(draft).toMatchObject({ scope: 'devices', devices: 'jump-01\njump-02', expires: '2027-03-31' });
    // Untouched, the expiry keeps its time of day; another day starts at midnight UTC.
    expect(draftInput('AnyDesk', draft).data?.expiresAt).toBe('2027-03-31T17:30:00.000Z');
    expect(draftInput('AnyDesk', { ...draft, expires: '2020-01-01' }).data?.expiresAt).toBe(
      '2020-01-01T00:00:00Z',
    );
    expect(draftInput('AnyDesk', { ...draft, expires: '' }).data?.expiresAt).toBeUndefined();
  });

  it('says which devices a change starts and stops covering; an expiry in the past covers none', () => {
    const before = {
      id: 'a',
      version: 1,
      tool: 'AnyDesk',
      scope: 'pattern',
      pattern: 'jump-*',
    } as ToolApproval;
    const widened = draftInput('AnyDesk', { ...draftOf(before), scope: 'all', reason: 'r', owner: 'o' });
    expect(approvalChangeEffect(before, widened.data as never, devices, NOW)).toEqual({
      covers: ['ws-0142.corp'],
      uncovers: [],
    });
    const ended = draftInput('AnyDesk', {
      ...draftOf(before),
      reason: 'r',
      owner: 'o',
      expires: '2026-12-01',
    });
    expect(approvalChangeEffect(before, ended.data as never, devices, NOW)).toEqual({
      covers: [],
      uncovers: ['jump-01.corp', 'JUMP-02'],
    });
  });
});
