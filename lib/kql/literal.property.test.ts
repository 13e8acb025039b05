// Property test: kqlString writes exactly one KQL string literal for any string. Composed exclusions built
// around such literals are checked in lib/triage/custom-exclusion.property.test.ts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hostileStrings } from './hostile-strings';
import { child, type KqlNode, listElements, requiredChild } from './kusto';
import { kqlString } from './literal';
import { parseKql } from './parse';

const strings = hostileStrings();

function statementExpression(text: string): KqlNode | undefined {
  const statements = listElements(child(parseKql(text).root, 'Statements'));
  return statements.length === 1 && statements[0] ? child(statements[0], 'Expression') : undefined;
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
});
