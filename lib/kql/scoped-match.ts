// Conditions scoped to rows where a string equals a constant, many at once: a triager's exclusion limited to
// one device is `not(DeviceId == 'd' and (condition))`, and a run filters by (and measures) hundreds of them.
// One at a time, every row pays a test per exclusion; together, a row pays one test of its device against
// all the scoped devices (one regex, stringMatchSql's `in`), and only the rows of those devices test the
// conditions that name their device.
import { sqlString } from './literal';
import { stringMatchSql, type TestHits } from './string-match';

/** One scoped condition: `subject == value and condition`, the condition's SQL NULL meaning false. */
export interface ScopedCondition {
  readonly value: string;
  readonly condition: string;
}

/** The conditions by the value they are scoped to, each value once, in first-seen order. */
function byValue<T>(items: readonly T[], value: (item: T) => string): Map<string, T[]> {
  const values = new Map<string, T[]>();
  for (const item of items) {
    const group = values.get(value(item)) ?? [];
    group.push(item);
    values.set(value(item), group);
  }
  return values;
}

/** SQL true for the rows whose subject is one of the scoped values; NULL for a NULL subject. */
function gateSql(subject: string, values: Iterable<string>): string {
  return stringMatchSql('in', subject, [...values]);
}

/**
 * SQL true where every `not(subject == value and condition)` holds: the row's subject is none of the values,
 * or no condition scoped to its value holds. A NULL subject equals no value; a NULL condition is false.
 */
export function scopedExclusionsSql(subject: string, scoped: readonly ScopedCondition[]): string {
  const values = byValue(scoped, (s) => s.value);
  const whens = [...values].map(([value, group]) => {
    const any = group.length === 1 ? group[0]?.condition : `(${group.map((g) => g.condition).join(' OR ')})`;
    return `WHEN ${sqlString(value)} THEN ${any}`;
  });
  // As a WHERE condition, DuckDB tests the CASE only on the rows the gate lets through.
  return `(NOT coalesce(${gateSql(subject, values.keys())}, FALSE) OR (CASE ${subject} ${whens.join(' ')} ELSE FALSE END) IS NOT TRUE)`;
}

/**
 * Which of the scoped conditions a row passes, as one text of their numbers (1 for the first) separated by
 * commas: the group key that stands for all of them in a summarize (see packedKeys in translate.ts). Text,
 * not a list: its CASE branches bind as string constants, where hundreds of list constants cost milliseconds.
 */
export function scopedHitsSql(subject: string, scoped: readonly ScopedCondition[]): TestHits {
  const numbered = scoped.map((s, i) => ({ ...s, n: i + 1 }));
  const values = byValue(numbered, (s) => s.value);
  const whens = [...values].map(([value, group]) => {
    const hits =
      group.length === 1
        ? `(CASE WHEN ${group[0]?.condition} THEN '${group[0]?.n}' ELSE '' END)`
        : `concat_ws(',', ${group.map((g) => `(CASE WHEN ${g.condition} THEN '${g.n}' END)`).join(', ')})`;
    return `WHEN ${sqlString(value)} THEN ${hits}`;
  });
  const perValue = `(CASE ${subject} ${whens.join(' ')} ELSE '' END)`;
  return {
    sql: `(CASE WHEN coalesce(${gateSql(subject, values.keys())}, FALSE) THEN ${perValue} ELSE '' END)`,
    test: (i, hits) => `list_contains(string_split(${hits}, ','), '${i + 1}')`,
    numbers: (i) => [i + 1],
  };
}
