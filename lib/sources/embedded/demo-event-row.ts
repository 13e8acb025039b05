// One DeviceProcessEvents row built in JavaScript (the few hand-shaped demo events), and writing such
// rows through a DuckDB appender.
import type { DuckDBAppender } from '@duckdb/node-api';
import { timestampValue } from '@duckdb/node-api';
import type { ColumnDef } from '@/lib/tables/types';
import type { Binary } from './demo-binaries';
import type { Account, AccountKind, DemoDevice } from './demo-fleet';
import { defaultIntegrity, type IntegrityLevel, tokenElevation } from './demo-noise-templates';

/** `number` is an int column (ports), `bigint` a long one. */
export type RowValue = string | bigint | number | boolean | Date | null;
export type EventRow = Record<string, RowValue>;

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Interactive logons change every day; service identities keep their well-known session. */
export function logonIdFor(account: Account, kind: AccountKind, dayIndex: number): bigint {
  const interactive = kind === 'user' || kind === 'admin';
  return BigInt(interactive ? account.logonId + dayIndex * 7919 : account.logonId);
}

export interface ProcessSpec {
  binary: Binary;
  command: string;
  account: AccountKind;
  integrity?: IntegrityLevel;
  processId: number;
  createdMs: number;
}

export interface EventSpec {
  device: DemoDevice;
  /** Event time, epoch milliseconds (whole milliseconds so keys survive a trip through JavaScript Dates). */
  timeMs: number;
  /** Day index inside the generated window, for logon sessions. */
  dayIndex: number;
  process: ProcessSpec;
  parent: ProcessSpec;
  grandparent: { fileName: string; processId: number; createdMs: number };
  reportId: bigint;
}

export function fillUser(text: string, account: Account): string {
  return text.replaceAll('{user}', account.name);
}

export function buildEventRow(spec: EventSpec): EventRow {
  const { device, process: p, parent, grandparent } = spec;
  const account = device.accounts[p.account];
  const parentAccount = device.accounts[parent.account];
  const integrity = p.integrity ?? defaultIntegrity(p.account);
  const parentIntegrity = parent.integrity ?? defaultIntegrity(parent.account);
  return {
    Timestamp: new Date(spec.timeMs),
    DeviceId: device.deviceId,
    DeviceName: device.deviceName,
    ActionType: 'ProcessCreated',
    FileName: p.binary.fileName,
    FolderPath: fillUser(p.binary.folderPath, account),
    SHA1: p.binary.sha1,
    SHA256: p.binary.sha256,
    MD5: p.binary.md5,
    FileSize: BigInt(p.binary.size),
    ProcessVersionInfoCompanyName: p.binary.company,
    ProcessVersionInfoProductName: p.binary.product,
    ProcessVersionInfoProductVersion: p.binary.version,
    ProcessVersionInfoInternalFileName: p.binary.internalName,
    ProcessVersionInfoOriginalFileName: p.binary.originalName,
    ProcessVersionInfoFileDescription: p.binary.description,
    ProcessId: BigInt(p.processId),
    ProcessCommandLine: fillUser(p.command, account),
    ProcessIntegrityLevel: integrity,
    ProcessTokenElevation: tokenElevation(p.account, integrity),
    ProcessCreationTime: new Date(p.createdMs),
    AccountDomain: account.domain,
    AccountName: account.name,
    AccountSid: account.sid,
    AccountUpn: account.upn,
    AccountObjectId: account.objectId,
    LogonId: logonIdFor(account, p.account, spec.dayIndex),
    InitiatingProcessAccountDomain: parentAccount.domain,
    InitiatingProcessAccountName: parentAccount.name,
    InitiatingProcessAccountSid: parentAccount.sid,
    InitiatingProcessAccountUpn: parentAccount.upn,
    InitiatingProcessAccountObjectId: parentAccount.objectId,
    InitiatingProcessLogonId: logonIdFor(parentAccount, parent.account, spec.dayIndex),
    InitiatingProcessIntegrityLevel: parentIntegrity,
    InitiatingProcessTokenElevation: tokenElevation(parent.account, parentIntegrity),
    InitiatingProcessSHA1: parent.binary.sha1,
    InitiatingProcessSHA256: parent.binary.sha256,
    InitiatingProcessMD5: parent.binary.md5,
    InitiatingProcessFileName: parent.binary.fileName,
    InitiatingProcessFileSize: BigInt(parent.binary.size),
    InitiatingProcessVersionInfoCompanyName: parent.binary.company,
    InitiatingProcessVersionInfoProductName: parent.binary.product,
    InitiatingProcessVersionInfoProductVersion: parent.binary.version,
    InitiatingProcessVersionInfoInternalFileName: parent.binary.internalName,
    InitiatingProcessVersionInfoOriginalFileName: parent.binary.originalName,
    InitiatingProcessVersionInfoFileDescription: parent.binary.description,
    InitiatingProcessId: BigInt(parent.processId),
    InitiatingProcessCommandLine: fillUser(parent.command, parentAccount),
    InitiatingProcessCreationTime: new Date(parent.createdMs),
    InitiatingProcessFolderPath: fillUser(parent.binary.folderPath, parentAccount),
    InitiatingProcessParentId: BigInt(grandparent.processId),
    InitiatingProcessParentFileName: grandparent.fileName,
    InitiatingProcessParentCreationTime: new Date(grandparent.createdMs),
    InitiatingProcessSignerType: parent.binary.signer,
    InitiatingProcessSignatureStatus: parent.binary.signature,
    ReportId: spec.reportId,
    AppGuardContainerId: '',
    AdditionalFields: '',
  };
}

/** Appends rows in `columns`' order; the appender must belong to a table with exactly these columns. */
export function appendRows(
  appender: DuckDBAppender,
  columns: readonly ColumnDef[],
  rows: readonly EventRow[],
): void {
  for (const row of rows) {
    for (const column of columns) {
      const value = row[column.name];
      if (value === null || value === undefined) {
        if (column.type === 'string') appender.appendVarchar('');
        else appender.appendNull();
      } else if (value instanceof Date) {
        appender.appendTimestamp(timestampValue(BigInt(value.getTime()) * 1000n));
      } else if (typeof value === 'bigint') {
        appender.appendBigInt(value);
      } else if (typeof value === 'boolean') {
        appender.appendBoolean(value);
      } else if (typeof value === 'number') {
        appender.appendInteger(value);
      } else {
        appender.appendVarchar(value);
      }
    }
    appender.endRow();
  }
}
