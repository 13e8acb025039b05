// What one audit entry says in words: what it is about and what changed, read from the entity it recorded
// (the whole entity before and after), so the audit page needs no request per entry.
import type { AuditEntry } from '@/lib/triage/types';

export interface AuditEntryText {
  /** The device's name or the exclusion's condition, e.g. `FolderPath startswith "C:\\Tools"`. */
  subject: string;
  /** E.g. "Unreviewed → Benign", "switched off". */
  change: string;
}

const ACTIONS: Record<AuditEntry['action'], string> = {
  set: 'set',
  create: 'created',
  update: 'changed',
  enable: 'switched on',
  disable: 'switched off',
  remove: 'removed',
};

const STATUS_LABELS: Record<string, string> = {
  unreviewed: 'Unreviewed',
  benign: 'Benign',
  suspicious: 'Suspicious',
  malicious: 'Malicious',
};

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

function condition(exclusion: Record<string, unknown>): string | null {
  const field = text(exclusion.field);
  const operator = text(exclusion.operator);
  const values = Array.isArray(exclusion.values) ? exclusion.values.filter((v) => typeof v === 'string') : [];
  if (!field || !operator) return null;
  const shown = values.slice(0, 3).map((v) => JSON.stringify(v));
  const rest = values.length > 3 ? ` and ${values.length - 3} more` : '';
  const list = values.length > 1 ? `(${shown.join(', ')}${rest})` : (shown[0] ?? '');
  const device = text(exclusion.deviceName) ?? text(exclusion.deviceId);
  return `${field} ${operator} ${list}${device ? ` on ${device}` : ''}`;
}

/** "TeamViewer on jump-*", "AnyDesk on 3 devices", "Atera on all devices". */
function approvalScope(approval: Record<string, unknown>): string | null {
  const tool = text(approval.tool);
  if (!tool) return null;
  const devices = Array.isArray(approval.devices) ? approval.devices : [];
  if (approval.scope === 'pattern' && text(approval.pattern)) return `${tool} on ${text(approval.pattern)}`;
  if (approval.scope === 'devices' && devices.length)
    return `${tool} on ${devices.length === 1 ? devices[0] : `${devices.length} devices`}`;
  return `${tool} on all devices`;
}

export function describeAuditEntry(entry: AuditEntry): AuditEntryText {
  const before = record(entry.before);
  const after = record(entry.after);
  if (entry.entity === 'verdict') {
    const from = STATUS_LABELS[text(before.status) ?? ''] ?? 'No verdict';
    const to = STATUS_LABELS[text(after.status) ?? ''] ?? 'No verdict';
    return {
      subject: text(after.deviceName) ?? text(before.deviceName) ?? entry.entityId,
      change: from === to ? `${to} (details changed)` : `${from} → ${to}`,
    };
  }
  if (entry.entity === 'approval') {
    const change = entry.action === 'create' ? 'approved' : entry.action === 'remove' ? 'revoked' : 'changed';
    return { subject: approvalScope(after) ?? approvalScope(before) ?? entry.entityId, change };
  }
  return {
    subject: condition(after) ?? condition(before) ?? entry.entityId,
    change: ACTIONS[entry.action] ?? entry.action,
  };
}
