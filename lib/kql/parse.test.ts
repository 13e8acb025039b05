import { describe, expect, test } from 'vitest';
import { KqlSyntaxError } from './errors';
import { child, listElements } from './kusto';
import { parseKql, positionAt } from './parse';

describe('positionAt', () => {
  test.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nbc', 3, 2, 2],
    ['a\r\nbc', 4, 2, 2],
    ['a\rb', 2, 2, 1],
    ['a\n\nb', 3, 3, 1],
  ])('%j at %d is line %d, column %d', (text, offset, line, column) => {
    expect(positionAt(text, offset)).toEqual({ line, column });
  });
});

describe('parseKql', () => {
  test('returns the syntax tree of valid KQL', () => {
    const { root } = parseKql('let x = 1;\nT | where a == x');
    expect(root.kind).toBe('QueryBlock');
    expect(listElements(child(root, 'Statements')).map((s) => s.kind)).toEqual([
      'LetStatement',
      'ExpressionStatement',
    ]);
  });

  test('throws the first syntax error with its 1-based position', () => {
    expect(() => parseKql('T\n| where a == ')).toThrow(KqlSyntaxError);
    try {
      parseKql("T\n| where a == 'unterminated");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KqlSyntaxError);
      expect((error as KqlSyntaxError).position.line).toBe(2);
      expect((error as KqlSyntaxError).message).toMatch(/line 2, column \d+/);
    }
  });
});
