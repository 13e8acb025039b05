// Unapproved RMM devices per day and tool: a device counts once per day and tool however many hunts matched,
// approved use does not count, hunts of one tool add up, and days the source does not keep stay null.
import { expect, it } from 'vitest';
import { unapprovedRmmSeries } from './unapproved-rmm';

const row = (huntId: string, deviceId: string, day: string) => ({
  huntId,
  deviceId,
  deviceName: `${deviceId}.corp`,
  day,
});
const toolOfHunt = new Map([
  ['ad-proc', 'AnyDesk'],
  ['ad-net', 'AnyDesk'],
  ['tv-proc', 'TeamViewer'],
]);
const days = ['2026-12-01', '2026-12-02', '2026-12-03'];

it('counts distinct unapproved devices per day and tool, null where the source has no data', () => {
  const tools = unapprovedRmmSeries(
    [
      row('ad-proc', 'a', '2026-12-02'),
      row('ad-net', 'a', '2026-12-02'),
      row('ad-net', 'b', '2026-12-02'),
      row('ad-proc', 'b', '2026-12-03'),
      row('tv-proc', 'jump-01', '2026-12-03'),
      row('unknown-hunt', 'z', '2026-12-03'),
      row('ad-proc', 'c', '2026-11-01'),
    ],
    toolOfHunt,
    (tool, device) => tool === 'TeamViewer' && device.DeviceName.startsWith('jump-'),
    days,
    days.slice(1),
  );
  expect(tools).toEqual([{ tool: 'AnyDesk', devices: 2, perDay: [null, 2, 1] }]);
});
