// Test data: fast-check arbitraries of strings that end, escape or comment out KQL literals and queries, with
// invisible separators, control characters, unpaired surrogates and very long strings. For property tests only.
import fc from 'fast-check';

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

/** Short hostile strings, mixed strings, and one in `longEvery` between 1,000 and 20,000 characters. */
export function hostileStrings({ longEvery = 10 }: { longEvery?: number } = {}): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.string({ unit: nasty, maxLength: 40 }), weight: (longEvery - 1) * 5 },
    { arbitrary: fc.string({ unit: fc.oneof(nasty, anyChar), maxLength: 60 }), weight: (longEvery - 1) * 4 },
    {
      arbitrary: fc.string({ unit: fc.oneof(nasty, anyChar), minLength: 1_000, maxLength: 20_000 }),
      weight: 9,
    },
  );
}
