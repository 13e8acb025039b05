// What text the API accepts: anything Unicode can spell except NUL, and no surrogate without its partner.
import { describe, expect, it } from 'vitest';
import { findUnsafeText, safeText, unsafeTextReason } from './safe-text';

describe('unsafeTextReason', () => {
  it.each([
    ['', undefined],
    ['plain', undefined],
    ['emoji 😀 (a surrogate pair)', undefined],
    ['tab\tand newline\n and U+FFFD \uFFFD', undefined],
    ['a\u0000b', 'NUL character (U+0000; at character 2)'],
    ['\uD83D', 'unpaired surrogate (U+D83D; at character 1)'],
    ['x\uDE00', 'unpaired surrogate (U+DE00; at character 2)'],
    ['\uDE00\uD83D', 'unpaired surrogate (U+DE00; at character 1)'],
    ['😀\uD83D', 'unpaired surrogate (U+D83D; at character 3)'],
  ])('%j', (text, reason) => {
    if (reason === undefined) expect(unsafeTextReason(text)).toBeUndefined();
    else expect(unsafeTextReason(text)).toContain(reason);
  });
});

describe('safeText', () => {
  it('chains like z.string() and refuses with the reason', () => {
    const schema = safeText('is required').trim().min(1).max(5);
    expect(schema.parse('  ab  ')).toBe('ab');
    expect(schema.safeParse(1).error?.issues[0]?.message).toBe('is required');
    expect(schema.safeParse('a\u0000').error?.issues[0]?.message).toContain('NUL');
    expect(schema.safeParse('\uDFFF').error?.issues[0]?.message).toContain('unpaired surrogate');
  });
});

describe('findUnsafeText', () => {
  it('finds the first bad string with its path, however deep, without recursion', () => {
    expect(findUnsafeText({ a: ['ok', { b: 'x\u0000' }] })).toMatchObject({ path: ['a', 1, 'b'] });
    expect(findUnsafeText({ a: 1, b: null, c: ['ok'] })).toBeUndefined();
    let deep: unknown = 'bad\uD800';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnsafeText(deep)?.path).toHaveLength(200_000);
  });
});
