// The DeviceProcessEvents table as Defender XDR advanced hunting defines it: the field allowlist
// for KQL composition, the Kusto parser's table schema, and the embedded engine's DDL all come from here.

export type KustoType = 'string' | 'long' | 'datetime' | 'dynamic';

export interface ColumnDef {
  name: string;
  type: KustoType;
}

const s = (name: string): ColumnDef => ({ name, type: 'string' });
const l = (name: string): ColumnDef => ({ name, type: 'long' });
const d = (name: string): ColumnDef => ({ name, type: 'datetime' });

export const DEVICE_PROCESS_EVENTS = 'DeviceProcessEvents';

export const deviceProcessEventsColumns: readonly ColumnDef[] = [
  d('Timestamp'),
  s('DeviceId'),
  s('DeviceName'),
  s('ActionType'),
  s('FileName'),
  s('FolderPath'),
  s('SHA1'),
  s('SHA256'),
  s('MD5'),
  l('FileSize'),
  s('ProcessVersionInfoCompanyName'),
  s('ProcessVersionInfoProductName'),
  s('ProcessVersionInfoProductVersion'),
  s('ProcessVersionInfoInternalFileName'),
  s('ProcessVersionInfoOriginalFileName'),
  s('ProcessVersionInfoFileDescription'),
  l('ProcessId'),
  s('ProcessCommandLine'),
  s('ProcessIntegrityLevel'),
  s('ProcessTokenElevation'),
  d('ProcessCreationTime'),
  s('AccountDomain'),
  s('AccountName'),
  s('AccountSid'),
  s('AccountUpn'),
  s('AccountObjectId'),
  l('LogonId'),
  s('InitiatingProcessAccountDomain'),
  s('InitiatingProcessAccountName'),
  s('InitiatingProcessAccountSid'),
  s('InitiatingProcessAccountUpn'),
  s('InitiatingProcessAccountObjectId'),
  l('InitiatingProcessLogonId'),
  s('InitiatingProcessIntegrityLevel'),
  s('InitiatingProcessTokenElevation'),
  s('InitiatingProcessSHA1'),
  s('InitiatingProcessSHA256'),
  s('InitiatingProcessMD5'),
  s('InitiatingProcessFileName'),
  l('InitiatingProcessFileSize'),
  s('InitiatingProcessVersionInfoCompanyName'),
  s('InitiatingProcessVersionInfoProductName'),
  s('InitiatingProcessVersionInfoProductVersion'),
  s('InitiatingProcessVersionInfoInternalFileName'),
  s('InitiatingProcessVersionInfoOriginalFileName'),
  s('InitiatingProcessVersionInfoFileDescription'),
  l('InitiatingProcessId'),
  s('InitiatingProcessCommandLine'),
  d('InitiatingProcessCreationTime'),
  s('InitiatingProcessFolderPath'),
  l('InitiatingProcessParentId'),
  s('InitiatingProcessParentFileName'),
  d('InitiatingProcessParentCreationTime'),
  s('InitiatingProcessSignerType'),
  s('InitiatingProcessSignatureStatus'),
  l('ReportId'),
  s('AppGuardContainerId'),
  s('AdditionalFields'),
];

const byName = new Map(deviceProcessEventsColumns.map((c) => [c.name, c]));

/** Looks a column up by its exact (case-sensitive, as in Kusto) name. */
export function deviceProcessEventsColumn(name: string): ColumnDef | undefined {
  return byName.get(name);
}

/** Kusto's schema notation, e.g. "(Timestamp:datetime, DeviceId:string, ...)", for the parser's analysis. */
export function kustoSchemaText(columns: readonly ColumnDef[] = deviceProcessEventsColumns): string {
  return `(${columns.map((c) => `${c.name}:${c.type}`).join(', ')})`;
}

/**
 * Sentinel's copy of the table (the Microsoft Defender XDR connector): the same columns, AdditionalFields as
 * dynamic, plus the Log Analytics ones. Its queries filter on TimeGenerated (lib/kql/table-rewrite.ts).
 */
export const sentinelDeviceProcessEventsColumns: readonly ColumnDef[] = [
  ...deviceProcessEventsColumns.map((c) =>
    c.name === 'AdditionalFields' ? { name: c.name, type: 'dynamic' as const } : c,
  ),
  d('TimeGenerated'),
  s('TenantId'),
  s('MachineGroup'),
  s('SourceSystem'),
  s('Type'),
];
