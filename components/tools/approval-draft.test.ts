// The approval form's draft: a list split on lines and commas, the expiry as the start of a UTC day, the
// schema's refusals, and the preview of the devices a scope would stop flagging.
import { describe, expect, it } from 'vitest';
import { devicesApprovedBy, draftInput, EMPTY_DRAFT } from './approval-draft';

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
});
