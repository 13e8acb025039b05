import { describe, expect, it } from 'vitest';
import { unpackColumns } from './packed-columns';

const column = (name: string) => ({ name, type: 'bool' });

describe('unpackColumns', () => {
  const result = {
    columns: [
      { name: 'DeviceId', type: 'string' },
      { name: 'Events', type: 'long' },
      { name: '__kql_hits_0', type: 'dynamic' },
      { name: '__kql_hits_1', type: 'string' },
    ],
    rows: [
      { DeviceId: 'd1', Events: 3, __kql_hits_0: [2n, 5n], __kql_hits_1: '1' },
      { DeviceId: 'd2', Events: 1, __kql_hits_0: [], __kql_hits_1: '' },
      { DeviceId: 'd3', Events: 2, __kql_hits_0: null, __kql_hits_1: '2,3' },
    ],
  };
  const packed = [
    { name: 'A', hits: '__kql_hits_0', numbers: [2] },
    { name: 'B', hits: '__kql_hits_0', numbers: [3, 4] },
    { name: 'C', hits: '__kql_hits_0', numbers: [4, 5] },
    { name: 'D', hits: '__kql_hits_1', numbers: [1] },
    { name: 'E', hits: '__kql_hits_1', numbers: [3] },
  ];

  it('rebuilds each packed column as whether its hits hold any of its numbers, in the query’s order', () => {
    const out = unpackColumns(result, packed, ['DeviceId', 'A', 'B', 'C', 'D', 'E', 'Events'], column);
    expect(out.columns.map((c) => c.name)).toEqual(['DeviceId', 'A', 'B', 'C', 'D', 'E', 'Events']);
    expect(out.columns[1]).toEqual({ name: 'A', type: 'bool' });
    expect(out.rows).toEqual([
      { DeviceId: 'd1', A: true, B: false, C: true, D: true, E: false, Events: 3 },
      { DeviceId: 'd2', A: false, B: false, C: false, D: false, E: false, Events: 1 },
      { DeviceId: 'd3', A: false, B: false, C: false, D: false, E: true, Events: 2 },
    ]);
  });

  it('returns a result without packed columns as it is', () => {
    expect(unpackColumns(result, [], ['DeviceId'], column)).toBe(result);
  });
});
