import { describe, expect, it } from 'vitest';
import { isUnknownDevice } from './panel-subject';

describe('isUnknownDevice', () => {
  it('is true only for a device neither the current run nor a verdict knows', () => {
    expect(isUnknownDevice({ listed: false, hasVerdict: false, runCurrent: true })).toBe(true);
    expect(isUnknownDevice({ listed: true, hasVerdict: false, runCurrent: true })).toBe(false);
    expect(isUnknownDevice({ listed: false, hasVerdict: true, runCurrent: true })).toBe(false);
  });

  it('waits for the run before deciding', () => {
    expect(isUnknownDevice({ listed: false, hasVerdict: false, runCurrent: false })).toBe(false);
  });
});
