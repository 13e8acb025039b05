// Property test: whatever a triager types, a custom exclusion adds exactly one `where` to the hunt and its
// values come back from the Kusto parser as string literals equal to what was typed (10,000 cases).
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { composeHunt } from '@/lib/kql/compose';
import { hostileStrings } from '@/lib/kql/hostile-strings';
import { child, descendants, firstToken, type KqlNode, listElements, requiredChild } from '@/lib/kql/kusto';
import { parseKql } from '@/lib/kql/parse';
import { SEED_QUERY } from '@/lib/kql/test-support';
import { deviceProcessEvents } from '@/lib/tables/device-process-events';
import { customExclusionPredicate } from './custom-exclusion-predicate';
import { exclusionOperators, listOperators } from './types';

/** The operators of the query's last statement, first to last. */
function operators(text: string): KqlNode[] {
  const statements = listElements(child(parseKql(text).root, 'Statements'));
  const last = statements[statements.length - 1];
  let node = last ? child(last, 'Expression') : undefined;
  const ops: KqlNode[] = [];
  while (node?.kind === 'PipeExpression') {
    ops.unshift(requiredChild(node, 'Operator'));
    node = requiredChild(node, 'Expression');
  }
  return ops;
}

const BASE = operators(composeHunt(SEED_QUERY).events).map((op) => op.kind);

// Long strings cost the parser most; one case in fifty is between 1,000 and 20,000 characters.
const strings = hostileStrings({ longEvery: 50 });
const exclusions = fc
  .record({
    field: fc.constantFrom(...deviceProcessEvents.exclusionFields),
    operator: fc.constantFrom(...exclusionOperators),
    values: fc.array(strings, { minLength: 1, maxLength: 3 }),
    deviceId: fc.option(strings, { nil: undefined }),
  })
  .map((e) => (listOperators.has(e.operator) ? e : { ...e, values: e.values.slice(0, 1) }));

test('a custom exclusion adds one where, and its values stay literals equal to the input (10,000 cases)', () => {
  fc.assert(
    fc.property(exclusions, (exclusion) => {
      const { events } = composeHunt(SEED_QUERY, {
        exclusions: [customExclusionPredicate(exclusion, deviceProcessEvents)],
      });
      const ops = operators(events);
      expect(ops.map((op) => op.kind)).toEqual([...BASE, 'FilterOperator']);
      const condition = requiredChild(ops[ops.length - 1] as KqlNode, 'Condition');
      const literals = [...descendants(condition)]
        .filter((n) => n.kind === 'StringLiteralExpression')
        .map((n) => requiredChild(n, 'Token').stringValue);
      const expected =
        exclusion.deviceId === undefined ? exclusion.values : [exclusion.deviceId, ...exclusion.values];
      expect(literals).toEqual(expected);
      const names = [...descendants(condition)]
        .filter((n) => n.kind === 'NameReference')
        .map((n) => firstToken(n)?.text);
      const columns = exclusion.deviceId === undefined ? [exclusion.field] : ['DeviceId', exclusion.field];
      expect(names).toEqual(['not', ...columns]);
    }),
    { numRuns: 10_000 },
  );
}, 900_000);
