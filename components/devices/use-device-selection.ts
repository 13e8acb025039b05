// Which devices the page points at: the rows selected for a bulk verdict (one hunt's list at a time), the
// active row the keyboard moves, and the device whose evidence is open (from the URL), kept in step: a panel
// opened from a link makes its row active, and while it is open it follows the active row.
'use client';
import type { RowSelectionState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DataTableHandle } from '@/components/data-table/data-table';
import type { VerdictIndex } from '@/components/triage/verdict-state';
import type { HuntRun } from '@/lib/hunts/hunt-run';
import { type DeviceRow, deviceRowId, toDeviceRows } from './device-columns';
import { isUnknownDevice } from './panel-subject';

export interface DeviceRef {
  deviceId: string;
  deviceName: string;
}

export function useDeviceSelection({
  huntId,
  run,
  runCurrent,
  verdicts,
  openDeviceId,
  onOpenDeviceChange,
}: {
  huntId: string | null;
  run: HuntRun | null;
  /** Whether the run on screen answers the current hunt, window and rules. */
  runCurrent: boolean;
  verdicts: VerdictIndex | null;
  /** The device in the URL whose evidence is open. */
  openDeviceId: string | null;
  /** Opens (or, with null, closes) a device's evidence; `push` makes it a history entry. */
  onOpenDeviceChange: (deviceId: string | null, history: 'push' | 'replace') => void;
}) {
  const tableRef = useRef<DataTableHandle>(null);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [activeRowId, setActiveRowId] = useState<string | null>(null);

  // Selections belong to one hunt's list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared when the hunt changes.
  useEffect(() => setRowSelection({}), [huntId]);

  // The run's devices by device id (a renamed host's first row) and by row id (for the selection).
  const { devicesById, rowsById } = useMemo(() => {
    const rows = toDeviceRows(run?.devices ?? []);
    const byDevice = new Map<string, DeviceRow>();
    for (const row of rows) if (!byDevice.has(row.deviceId)) byDevice.set(row.deviceId, row);
    return { devicesById: byDevice, rowsById: new Map(rows.map((row) => [deviceRowId(row), row])) };
  }, [run]);
  const selectedDevices = useMemo(
    () =>
      Object.keys(rowSelection)
        .filter((id) => rowSelection[id])
        .flatMap((id): DeviceRef[] => {
          const row = rowsById.get(id);
          return row ? [{ deviceId: row.deviceId, deviceName: row.deviceName }] : [];
        }),
    [rowSelection, rowsById],
  );

  const openDevice = openDeviceId ? (devicesById.get(openDeviceId) ?? null) : null;
  // A link to an id that neither the run nor a verdict knows names no device: nothing to set a verdict on.
  const openUnknown =
    openDeviceId !== null &&
    isUnknownDevice({
      listed: openDevice !== null,
      hasVerdict: verdicts?.get(openDeviceId) !== undefined,
      runCurrent: run !== null && runCurrent,
    });

  // A panel opened from the URL (a link, a reload) makes its device's row the active one, so the keyboard
  // carries on from there rather than from the top of the table.
  useEffect(() => {
    if (!openDeviceId || !openDevice) return;
    setActiveRowId((current) => {
      if (current && rowsById.get(current)?.deviceId === openDeviceId) return current;
      return deviceRowId(openDevice);
    });
  }, [openDeviceId, openDevice, rowsById]);

  // While the panel is open it follows the active row, so j/k walk through the devices' evidence.
  const onActiveRowChange = useCallback(
    (rowId: string | null) => {
      setActiveRowId(rowId);
      const row = rowId ? rowsById.get(rowId) : undefined;
      if (row && openDeviceId) onOpenDeviceChange(row.deviceId, 'replace');
    },
    [rowsById, onOpenDeviceChange, openDeviceId],
  );

  // Enter or a double click opens the evidence panel; Back closes it again.
  const openEvidence = useCallback(
    (device: DeviceRow) => onOpenDeviceChange(device.deviceId, openDeviceId ? 'replace' : 'push'),
    [onOpenDeviceChange, openDeviceId],
  );
  // The table takes the focus first: focusing it makes a row active, which the still open panel follows;
  // the address is written a moment after a change, so the view's state, not the address, says what is open.
  const closePanel = useCallback(() => {
    tableRef.current?.focus();
    onOpenDeviceChange(null, 'replace');
  }, [onOpenDeviceChange]);

  /** Selects the active row, or lets it go. */
  const toggleActive = useCallback(() => {
    if (!activeRowId) return false;
    setRowSelection((current) => {
      const next = { ...current };
      if (next[activeRowId]) delete next[activeRowId];
      else next[activeRowId] = true;
      return next;
    });
    return true;
  }, [activeRowId]);

  /** The device whose evidence is open, by the name the run or its verdict knows. */
  const openSubject = (deviceId: string): DeviceRef => ({
    deviceId,
    deviceName: openDevice?.deviceName ?? verdicts?.get(deviceId)?.deviceName ?? deviceId,
  });

  /** Who b/s/m apply to: the selection, else the device whose evidence is open, else the active row. */
  const verdictSubjects = (): DeviceRef[] => {
    if (selectedDevices.length > 0) return selectedDevices;
    if (openDeviceId) return openUnknown ? [] : [openSubject(openDeviceId)];
    const active = activeRowId ? rowsById.get(activeRowId) : undefined;
    return active ? [{ deviceId: active.deviceId, deviceName: active.deviceName }] : [];
  };

  return {
    tableRef,
    rowSelection,
    setRowSelection,
    clearSelection: () => setRowSelection({}),
    activeRowId,
    onActiveRowChange,
    selectedDevices,
    openDevice,
    openUnknown,
    openEvidence,
    closePanel,
    toggleActive,
    openSubject,
    verdictSubjects,
  };
}
