// JSON.parse loses digits of integers beyond 2^53, and ReportIds are such longs. Before parsing, integer
// literals that are not safe integers are turned into strings of their digits, so no digit is lost;
// lib/sources/cloud/cells.ts turns them into bigints where the column says long.

// A whole string literal (skipped as is), or an integer of 16 digits or more that is not part of a fraction
// or an exponent.
const TOKENS = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;

/** JSON.parse, with integers beyond ±(2^53 − 1) read as strings of their digits. */
export function parseJsonKeepingLongs(text: string): unknown {
  const quoted = text.replace(TOKENS, (token) =>
    token.startsWith('"') || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
  );
  return JSON.parse(quoted);
}
