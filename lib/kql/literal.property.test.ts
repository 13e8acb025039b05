// Property tests: kqlString writes exactly one KQL string literal for any string, and an exclusion built
// around such a literal never changes the hunt's operators.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { composeHunt } from './compose';
import { child, type KqlNode, listElements, requiredChild } from './kusto';
import { kqlString } from './literal';
import { parseKql } from './parse';
import { SEED_QUERY } from './test-support';

const SEED = SEED_QUERY;

// Characters that end, escape or comment out literals and queries, invisible separators, and unpaired surrogates.
const nasty = fc.constantFrom(
  "'",
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '|',
  ';',
  '/',
  '*',
  '`',
  '@',
  'h',
  'H',
  ' ',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '\u0000',
  '\u0007',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud800',
  '\udfff',
  'é',
  '😀',
  'a',
  'Z',
  '9',
);
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const strings = fc.oneof(
  { arbitrary: fc.string({ unit: nasty, maxLength: 40 }), weight: 5 },
  { arbitrary: fc.string({ unit: fc.oneof(nasty, anyChar), maxLength: 60 }), weight: 4 },
  {
    arbitrary: fc.string({ unit: fc.oneof(nasty, anyChar), minLength: 1_000, maxLength: 20_000 }),
    weight: 1,
  },
);

function statementExpression(text: string): KqlNode | undefined {
  const statements = listElements(child(parseKql(text).root, 'Statements'));
  return statements.length === 1 && statements[0] ? child(statements[0], 'Expression') : undefined;
}

function operators(text: string): KqlNode[] {
  const statements = listElements(child(parseKql(text).root, 'Statements'));
  const ops: KqlNode[] = [];
  let node = statements[statements.length - 1]
    ? child(statements[statements.length - 1] as KqlNode, 'Expression')
    : undefined;
  while (node?.kind === 'PipeExpression') {
    ops.unshift(requiredChild(node, 'Operator'));
    node = requiredChild(node, 'Expression');
  }
  return ops;
}

describe('kqlString', () => {
  test('parses as exactly one string literal whose value is the input (10,000 strings)', () => {
    fc.assert(
      fc.property(strings, (s) => {
        const literal = kqlString(s);
        const expression = statementExpression(literal);
        expect(expression?.kind).toBe('StringLiteralExpression');
        const token = requiredChild(expression as KqlNode, 'Token');
        expect(token.start).toBe(0);
        expect(token.end).toBe(literal.length);
        expect(token.stringValue).toBe(s);
      }),
      { numRuns: 10_000 },
    );
  }, 600_000);

  // Each run parses four queries (hunt, exclusion, composed check, this test's check), so fewer runs here;
  // the literal itself is covered by the 10,000-string property above.
  test('an exclusion around the literal adds one where and nothing else (2,000 strings)', () => {
    const base = operators(SEED).map((op) => op.kind);
    fc.assert(
      fc.property(strings, (s) => {
        const { events } = composeHunt(SEED, { exclusions: [`ProcessCommandLine has ${kqlString(s)}`] });
        const ops = operators(events);
        expect(ops.map((op) => op.kind)).toEqual([...base.slice(0, -1), 'FilterOperator']);
        const not = requiredChild(ops[ops.length - 1] as KqlNode, 'Condition');
        const has = requiredChild(requiredChild(not, 'ArgumentList'), 'Expressions').children[0]?.node
          .children[0]?.node;
        expect(has?.kind).toBe('HasExpression');
        expect(requiredChild(requiredChild(has as KqlNode, 'Right'), 'Token').stringValue).toBe(s);
      }),
      { numRuns: 2_000 },
    );
  }, 600_000);
});
