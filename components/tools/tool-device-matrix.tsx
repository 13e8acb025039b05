// Which machines run several tools: devices (rows, most tools first) against tools (columns), each cell the
// device's events for that tool, marked when that use is approved.
'use client';
import { formatCount } from '@/components/ui/format';
import type { OverviewTool } from '@/lib/hunts/fleet-overview';

/** Rows shown: the devices with the most tools; the rest are counted below the table. */
const MAX_ROWS = 100;

interface MatrixRow {
  deviceId: string;
  deviceName: string;
  cells: Map<string, { count: number; approved: boolean }>;
}

export function matrixRows(tools: readonly OverviewTool[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const tool of tools)
    for (const d of tool.devices) {
      const row = rows.get(d.DeviceId) ?? {
        deviceId: d.DeviceId,
        deviceName: d.DeviceName,
        cells: new Map(),
      };
      row.cells.set(tool.tool, { count: d.Count, approved: d.approved });
      rows.set(d.DeviceId, row);
    }
  return [...rows.values()].sort(
    (a, b) => b.cells.size - a.cells.size || a.deviceName.localeCompare(b.deviceName),
  );
}

export function ToolDeviceMatrix({ tools }: { tools: readonly OverviewTool[] }) {
  const rows = matrixRows(tools);
  const shown = rows.slice(0, MAX_ROWS);
  return (
    <div className="relative overflow-x-auto">
      <table aria-label="Tools by device" className="border-collapse text-[13px]">
        <thead className="text-muted text-xs">
          <tr className="border-line border-b">
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Device
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              Tools
            </th>
            {tools.map((t) => (
              <th key={t.tool} scope="col" className="px-2 py-1 text-right font-medium">
                {t.tool}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.deviceId} className="border-line border-b">
              <th scope="row" className="px-2 py-1 text-left font-medium" title={row.deviceId}>
                {row.deviceName}
              </th>
              <td className="px-2 py-1 text-right tabular-nums">{row.cells.size}</td>
              {tools.map((t) => {
                const cell = row.cells.get(t.tool);
                return (
                  <td
                    key={t.tool}
                    className={`px-2 py-1 text-right tabular-nums ${cell?.approved ? 'text-muted' : ''}`}
                  >
                    {cell ? (
                      <span title={`${formatCount(cell.count)} events${cell.approved ? ', approved' : ''}`}>
                        {formatCount(cell.count)}
                        {cell.approved ? ' ✓' : ''}
                      </span>
                    ) : (
                      <span className="text-muted">
                        <span aria-hidden="true">·</span>
                        <span className="sr-only">not seen</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && (
        <p className="px-2 py-1 text-muted text-xs">
          Showing the {MAX_ROWS} devices with the most tools of {formatCount(rows.length)}.
        </p>
      )}
    </div>
  );
}
