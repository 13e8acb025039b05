// Turns a triager's custom exclusion (field, operator, values, optional device) into one KQL predicate for
// `| where not(...)`. The field comes from the hunt's table's allowlist (lib/tables/), the operator from a
// fixed list, and every
// value and device id reaches the text only through kqlString, so no input can change the query's structure.
import { kqlString } from '@/lib/kql/literal';
import type { TableDef } from '@/lib/tables/types';
import {
  type CustomExclusion,
  type CustomExclusionInput,
  exclusionOperators,
  isExclusionField,
  listOperators,
} from './types';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The exclusion's input broke a rule that the schema should have enforced; never user-facing. */
export class InvalidCustomExclusionError extends Error {
  override name = 'InvalidCustomExclusionError';
}

export type CustomExclusionCondition = Pick<
  CustomExclusionInput,
  'field' | 'operator' | 'values' | 'deviceId'
>;

/**
 * e.g. `(DeviceId == 'd1' and (ProcessCommandLine has 'backup.ps1'))`, for a hunt whose main table is `table`.
 */
export function customExclusionPredicate(
  { field, operator, values, deviceId }: CustomExclusionCondition,
  table: TableDef | undefined,
): string {
  // Checked again here, not only where the input is accepted: this is the last step before text becomes KQL.
  if (!isExclusionField(field, table) || !IDENTIFIER.test(field))
    throw new InvalidCustomExclusionError(
      `'${field}' is not a string column of ${table?.name ?? 'the hunt’s table'}.`,
    );
  if (!exclusionOperators.includes(operator))
    throw new InvalidCustomExclusionError(`'${operator}' is not an allowed operator.`);
  if (values.length === 0) throw new InvalidCustomExclusionError('A custom exclusion needs a value.');
  if (values.length > 1 && !listOperators.has(operator))
    throw new InvalidCustomExclusionError(`'${operator}' takes one value.`);
  const right = listOperators.has(operator)
    ? `(${values.map(kqlString).join(', ')})`
    : kqlString(values[0] as string);
  const condition = `${field} ${operator} ${right}`;
  return deviceId === undefined ? condition : `(DeviceId == ${kqlString(deviceId)} and (${condition}))`;
}

/** Expired: its expiry has passed; it no longer applies, whatever its switch says. */
export function isExpired(exclusion: Pick<CustomExclusion, 'expiresAt'>, now: Date): boolean {
  return exclusion.expiresAt !== undefined && Date.parse(exclusion.expiresAt) <= now.getTime();
}

/** Applies to runs at `now`: switched on and not expired. */
export function isActive(exclusion: Pick<CustomExclusion, 'enabled' | 'expiresAt'>, now: Date): boolean {
  return exclusion.enabled && !isExpired(exclusion, now);
}

/** A short human label, e.g. `ProcessCommandLine has "backup.ps1" on WS-0142`. */
export function describeCustomExclusion(exclusion: CustomExclusionCondition, deviceName?: string): string {
  const values = exclusion.values.map((v) => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v));
  const shown = listOperators.has(exclusion.operator) ? `(${values.join(', ')})` : values[0];
  const scope =
    exclusion.deviceId === undefined ? 'on all devices' : `on ${deviceName ?? exclusion.deviceId}`;
  return `${exclusion.field} ${exclusion.operator} ${shown} ${scope}`;
}
