// DeviceProcessEvents as the older modules name it; the table itself is defined in lib/tables/.
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { findColumn, kustoSchemaText as schemaText } from '@/lib/tables/registry';
import type { ColumnDef } from '@/lib/tables/types';

export type { ColumnDef, KustoType } from '@/lib/tables/types';

export const DEVICE_PROCESS_EVENTS = deviceProcessEvents.name;
export const deviceProcessEventsColumns = deviceProcessEvents.columns;
export const sentinelDeviceProcessEventsColumns = deviceProcessEvents.sentinelColumns;

export function deviceProcessEventsColumn(name: string): ColumnDef | undefined {
  return findColumn(DEVICE_PROCESS_EVENTS, name);
}

export function kustoSchemaText(columns: readonly ColumnDef[] = deviceProcessEventsColumns): string {
  return schemaText(columns);
}
