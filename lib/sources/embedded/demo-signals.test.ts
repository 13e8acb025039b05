// The signal facts the demo's ground truth records: per event from the image, its folder and its parent;
// across the fleet from when a device started running a tool and which accounts run it where.
import { describe, expect, it } from 'vitest';
import { addFleetSignals, eventSignals, type SignalSubject } from './demo-signals';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const DAY = 86_400_000;

const event = (over: Partial<SignalSubject>): SignalSubject => ({
  tool: 'AnyDesk',
  table: 'DeviceProcessEvents',
  kind: 'suspicious',
  subject: 'tool',
  deviceId: 'd1',
  timeMs: NOW - DAY,
  account: 'contoso\\jsmith',
  signals: [],
  ...over,
});

describe('eventSignals', () => {
  it('names a shell, script host, browser or Office parent, a user-writable folder and a renamed image', () => {
    expect(
      eventSignals({
        parentFileName: 'WINWORD.EXE',
        folderPath: 'C:\\ProgramData\\Intel\\igfxsvc.exe',
        fileName: 'igfxsvc.exe',
        originalFileName: 'AnyDesk.exe',
      }),
    ).toEqual(['shell-parent', 'user-writable-path', 'renamed-binary']);
    expect(
      eventSignals({
        parentFileName: 'services.exe',
        folderPath: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
        fileName: 'AnyDesk.exe',
        originalFileName: 'anydesk.exe',
      }),
    ).toEqual([]);
    for (const folder of [
      'C:\\Users\\jsmith\\Downloads\\x.exe',
      'D:\\Tools\\Temp\\x.exe',
      'C:\\Windows\\Temp\\x.exe',
    ]) {
      expect(
        eventSignals({
          parentFileName: 'explorer.exe',
          folderPath: folder,
          fileName: 'x.exe',
          originalFileName: '',
        }),
      ).toEqual(['user-writable-path']);
    }
  });
});

describe('addFleetSignals', () => {
  it('marks devices whose first event of the tool is in the last five days, per tool and table', () => {
    const old = event({ deviceId: 'old', timeMs: NOW - 20 * DAY });
    const oldRecent = event({ deviceId: 'old', timeMs: NOW - DAY });
    const fresh = event({ deviceId: 'new', timeMs: NOW - 2 * DAY });
    const otherTable = event({ deviceId: 'old', table: 'DeviceNetworkEvents', timeMs: NOW - DAY });
    addFleetSignals([old, oldRecent, fresh, otherTable], NOW);
    expect([old, oldRecent, fresh, otherTable].map((e) => e.signals.includes('new-device'))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('marks an account that runs the tool on one device only, next to one that runs it on three or more', () => {
    const system = ['a', 'b', 'c'].map((d) =>
      event({ deviceId: d, account: 'nt authority\\system', timeMs: NOW - 20 * DAY }),
    );
    const lone = event({ deviceId: 'z', account: 'contoso\\jsmith', timeMs: NOW - 20 * DAY });
    addFleetSignals([...system, lone], NOW);
    expect(system.every((e) => !e.signals.includes('unusual-account'))).toBe(true);
    expect(lone.signals).toEqual(['unusual-account']);

    // Without a widely used account there is no "usual" to stand out from.
    const pair = [event({ deviceId: 'a', account: 'x\\a' }), event({ deviceId: 'b', account: 'x\\b' })];
    addFleetSignals(pair, NOW + 30 * DAY);
    expect(pair.map((e) => e.signals)).toEqual([[], []]);
  });

  it('leaves look-alikes and child processes alone', () => {
    const nearMiss = event({ kind: 'near-miss' });
    const child = event({ subject: 'child' });
    addFleetSignals([nearMiss, child], NOW);
    expect([nearMiss.signals, child.signals]).toEqual([[], []]);
  });
});
