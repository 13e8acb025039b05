import { describe, expect, it } from 'vitest';
import type { HuntSummary } from '@/lib/hunts/hunt-run';
import {
  flattenGroups,
  groupHunts,
  matchesHunt,
  moveActive,
  NO_TOOL,
  PAGE_SIZE,
  searchTerms,
  tableLabel,
} from './hunt-picker-model';

const KINDS = [
  { table: 'DeviceProcessEvents', kind: 'process launches', lookback: '5d' },
  { table: 'DeviceNetworkEvents', kind: 'network connections', lookback: '7d' },
  { table: 'DeviceFileCertificateInfo', kind: 'file signers', lookback: '14d' },
] as const;

function hunt(tool: string | null, kindIndex: number, extra: Partial<HuntSummary> = {}): HuntSummary {
  const kind = KINDS[kindIndex % KINDS.length] ?? KINDS[0];
  return {
    id: `${tool ?? 'none'}-${kindIndex}`,
    name: `RMM tool - ${tool ?? 'unknown'} - ${kind.kind}`,
    description: '',
    tool,
    tables: [kind.table],
    tactics: ['CommandAndControl'],
    techniques: ['T1219'],
    lookback: kind.lookback,
    ...extra,
  };
}

/** 200 hunts: 67 tools with a process, network and signer hunt each (less one), in scrambled order. */
function catalogOf200(): HuntSummary[] {
  const hunts: HuntSummary[] = [];
  for (let t = 0; t < 67; t++)
    for (let k = 0; k < 3; k++) if (hunts.length < 200) hunts.push(hunt(`Tool ${t}`, k));
  // A deterministic shuffle, so the grouping cannot rely on the input's order.
  return hunts
    .map((h, i) => ({ h, key: (i * 7919) % 211 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.h);
}

describe('groupHunts', () => {
  it('groups 200 hunts by tool, tools in natural order, process before network before signer', () => {
    const groups = groupHunts(catalogOf200());
    expect(groups).toHaveLength(67);
    expect(flattenGroups(groups)).toHaveLength(200);
    expect(groups.slice(0, 3).map((g) => g.tool)).toEqual(['Tool 0', 'Tool 1', 'Tool 2']);
    expect(groups.at(-1)?.tool).toBe('Tool 66');
    expect(groups.at(-1)?.hunts).toHaveLength(2);
    expect(groups[0]?.hunts.map((h) => h.tables[0])).toEqual([
      'DeviceProcessEvents',
      'DeviceNetworkEvents',
      'DeviceFileCertificateInfo',
    ]);
  });

  it('puts hunts without a tool in a last group of their own', () => {
    const groups = groupHunts([hunt(null, 0), hunt('Zoho Assist', 0), hunt('AnyDesk', 1)]);
    expect(groups.map((g) => g.tool)).toEqual(['AnyDesk', 'Zoho Assist', NO_TOOL]);
  });

  it('keeps only the hunts every term matches, by name, tool, table, table label or technique', () => {
    const hunts = [
      hunt('AnyDesk', 0),
      hunt('AnyDesk', 1),
      hunt('AnyDesk', 2),
      hunt('TeamViewer', 1),
      hunt('Atera', 0, { techniques: ['T1072'] }),
    ];
    const ids = (query: string) => flattenGroups(groupHunts(hunts, query)).map((h) => h.id);
    expect(ids('anydesk')).toEqual(['AnyDesk-0', 'AnyDesk-1', 'AnyDesk-2']);
    expect(ids('  AnyDesk   network ')).toEqual(['AnyDesk-1']);
    expect(ids('DeviceNetworkEvents')).toEqual(['AnyDesk-1', 'TeamViewer-1']);
    expect(ids('signer')).toEqual(['AnyDesk-2']);
    expect(ids('t1072')).toEqual(['Atera-0']);
    expect(ids('connections')).toEqual(['AnyDesk-1', 'TeamViewer-1']);
    expect(ids('anydesk teamviewer')).toEqual([]);
    expect(ids('')).toHaveLength(5);
  });
});

describe('searchTerms and matchesHunt', () => {
  it('splits on whitespace and ignores case', () => {
    expect(searchTerms('  Any  DESK ')).toEqual(['any', 'desk']);
    expect(matchesHunt(hunt('AnyDesk', 0), ['any', 'desk'])).toBe(true);
    expect(matchesHunt(hunt('AnyDesk', 0), ['network'])).toBe(false);
  });
});

describe('tableLabel', () => {
  it("names the registry's tables for people and leaves others as they are", () => {
    expect(tableLabel('DeviceNetworkEvents')).toBe('network');
    expect(tableLabel('DeviceFileCertificateInfo')).toBe('file signer');
    expect(tableLabel('DeviceRegistryEvents')).toBe('DeviceRegistryEvents');
  });
});

describe('moveActive', () => {
  it('walks 200 options with arrows, pages, Home and End, stopping at the ends', () => {
    expect(moveActive(-1, 200, 'ArrowDown')).toBe(0);
    expect(moveActive(-1, 200, 'ArrowUp')).toBe(199);
    expect(moveActive(0, 200, 'ArrowUp')).toBe(0);
    expect(moveActive(5, 200, 'ArrowDown')).toBe(6);
    expect(moveActive(199, 200, 'ArrowDown')).toBe(199);
    expect(moveActive(3, 200, 'End')).toBe(199);
    expect(moveActive(150, 200, 'Home')).toBe(0);
    expect(moveActive(0, 200, 'PageDown')).toBe(PAGE_SIZE);
    expect(moveActive(195, 200, 'PageDown')).toBe(199);
    expect(moveActive(4, 200, 'PageUp')).toBe(0);
    expect(moveActive(-1, 200, 'PageDown')).toBe(PAGE_SIZE - 1);
  });

  it('has no active option in an empty list', () => {
    expect(moveActive(3, 0, 'ArrowDown')).toBe(-1);
    expect(moveActive(-1, 0, 'End')).toBe(-1);
  });
});
