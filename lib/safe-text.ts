// Text that can be stored and sent on as it was given. PostgreSQL refuses NUL (U+0000) in text and jsonb, and
// a UTF-16 surrogate without its partner has no UTF-8 form: drivers write U+FFFD in its place, so what is
// stored would silently differ from what was sent. Every text field of the API is checked here, once, before
// anything reaches a store, a query or a log.
import { z } from 'zod';

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSAFE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be accepted, as the end of a sentence naming the field; undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  const match = UNSAFE.exec(text);
  if (!match) return undefined;
  const at = `at character ${match.index + 1}`;
  if (match[0] === '\0') return `must not contain the NUL character (U+0000; ${at}); remove it`;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase();
  return `must be valid Unicode: it holds an unpaired surrogate (U+${code}; ${at}); send the text as UTF-8`;
}

/**
 * A zod string that refuses NUL and unpaired surrogates; chain `.trim()`, `.min()`, `.max()` as on
 * `z.string()`. `error` is the message for a value that is missing or not a string.
 */
export function safeText(error?: string) {
  return z.string(error === undefined ? undefined : { error }).superRefine((text, ctx) => {
    const reason = unsafeTextReason(text);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}

/**
 * The first string in `value` (parsed JSON: objects, arrays, strings) that `safeText` would refuse, with its
 * path. Member names are not looked at: callers pass a schema's output, whose names the schema chose. Walks without recursion, so no nesting depth can exhaust the stack.
 */
export function findUnsafeText(value: unknown): { path: (string | number)[]; reason: string } | undefined {
  // Each entry points at its parent, so no path is copied until a bad string is found.
  type Entry = { value: unknown; key?: string | number; parent?: Entry };
  const stack: Entry[] = [{ value }];
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    if (typeof entry.value === 'string') {
      const reason = unsafeTextReason(entry.value);
      if (reason) return { path: pathOf(entry), reason };
    } else if (Array.isArray(entry.value)) {
      for (let i = entry.value.length - 1; i >= 0; i--)
        stack.push({ value: entry.value[i], key: i, parent: entry });
    } else if (typeof entry.value === 'object' && entry.value !== null) {
      const entries = Object.entries(entry.value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({ value: child, key, parent: entry });
      }
    }
  }
  return undefined;
}

function pathOf(entry: { key?: string | number; parent?: typeof entry }): (string | number)[] {
  const path: (string | number)[] = [];
  for (let e: typeof entry | undefined = entry; e?.key !== undefined; e = e.parent) path.push(e.key);
  return path.reverse();
}
