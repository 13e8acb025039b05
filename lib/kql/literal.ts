// Literals on both sides of the translator: the one writer of KQL string/datetime/timespan literals for any
// value, the readers of KQL timespan and datetime literal text, and the one writer of DuckDB literals and
// identifiers. Every value that reaches query text goes through here.

const TICKS_PER_MICROSECOND = 10n;
const TICKS_PER_MILLISECOND = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;

// Kusto's timespan suffixes (https://learn.microsoft.com/kusto/query/scalar-data-types/timespan).
const TIMESPAN_UNITS: ReadonlyMap<string, bigint> = new Map([
  ['d', TICKS_PER_DAY],
  ['day', TICKS_PER_DAY],
  ['days', TICKS_PER_DAY],
  ['h', TICKS_PER_HOUR],
  ['hr', TICKS_PER_HOUR],
  ['hrs', TICKS_PER_HOUR],
  ['hour', TICKS_PER_HOUR],
  ['hours', TICKS_PER_HOUR],
  ['m', TICKS_PER_MINUTE],
  ['min', TICKS_PER_MINUTE],
  ['minute', TICKS_PER_MINUTE],
  ['minutes', TICKS_PER_MINUTE],
  ['s', TICKS_PER_SECOND],
  ['sec', TICKS_PER_SECOND],
  ['second', TICKS_PER_SECOND],
  ['seconds', TICKS_PER_SECOND],
  ['ms', TICKS_PER_MILLISECOND],
  ['milli', TICKS_PER_MILLISECOND],
  ['millis', TICKS_PER_MILLISECOND],
  ['millisecond', TICKS_PER_MILLISECOND],
  ['milliseconds', TICKS_PER_MILLISECOND],
  ['microsecond', TICKS_PER_MICROSECOND],
  ['microseconds', TICKS_PER_MICROSECOND],
  ['tick', 1n],
  ['ticks', 1n],
]);

// Largest first, so the first exact divisor gives the shortest literal.
const TIMESPAN_OUTPUT_UNITS: readonly [bigint, string][] = [
  [TICKS_PER_DAY, 'd'],
  [TICKS_PER_HOUR, 'h'],
  [TICKS_PER_MINUTE, 'm'],
  [TICKS_PER_SECOND, 's'],
  [TICKS_PER_MILLISECOND, 'ms'],
  [TICKS_PER_MICROSECOND, 'microsecond'],
  [1n, 'tick'],
];

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isAsciiLetter = (ch: string | undefined): boolean =>
  ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));

function hex4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Writes any JS string as one KQL string literal whose value is exactly that string. Single-quoted with
 * backslash escapes: `'` and `\` are escaped, line breaks and other control or invisible separator
 * characters become \n, \r, \t or \uXXXX so the literal stays on one line, and unpaired surrogates are
 * written as \uXXXX so the value survives code-unit for code-unit.
 */
export function kqlString(value: string): string {
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const ch = value[i] as string;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff
    ) {
      out += hex4(code);
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + value[i + 1];
        i++;
      } else {
        out += hex4(code);
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      out += hex4(code);
    } else {
      out += ch;
    }
  }
  return `${out}'`;
}

/** A KQL datetime literal with Kusto's full 7-digit precision, e.g. datetime(2026-11-30T00:00:00.0000000Z). */
export function kqlDatetime(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new Error('kqlDatetime: invalid Date');
  const iso = date.toISOString();
  // Years outside 0001-9999 come out as ±YYYYYY, which Kusto does not accept.
  if (iso.length !== 24 || iso.startsWith('0000'))
    throw new Error(`kqlDatetime: ${iso} is outside Kusto's datetime range`);
  return `datetime(${iso.slice(0, 23)}0000Z)`;
}

function msToTicks(ms: number, what: string): bigint {
  const ticks = ms * 10_000;
  if (!Number.isFinite(ticks)) throw new Error(`${what}: ${ms} is not a finite number of milliseconds`);
  const rounded = Math.round(ticks);
  // Floating point noise is fine; a value between 100ns ticks is not representable in Kusto.
  if (Math.abs(rounded - ticks) > 1e-6 * Math.max(1, Math.abs(ticks))) {
    throw new Error(`${what}: ${ms} ms is not a whole number of 100ns ticks`);
  }
  return BigInt(rounded);
}

/** The shortest exact KQL timespan literal for `ms` milliseconds: 5d, 12h, 90m, 45s, 1500ms, 3microsecond. */
export function kqlTimespan(ms: number): string {
  return kqlTimespanFromTicks(msToTicks(ms, 'kqlTimespan'));
}

/** The shortest exact KQL timespan literal for a number of 100ns ticks. */
export function kqlTimespanFromTicks(ticks: bigint): string {
  const sign = ticks < 0n ? '-' : '';
  const abs = ticks < 0n ? -ticks : ticks;
  if (abs === 0n) return '0s';
  for (const [size, unit] of TIMESPAN_OUTPUT_UNITS) {
    if (abs % size === 0n) return `${sign}${abs / size}${unit}`;
  }
  return `${sign}${abs}tick`;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
  take(ch: string): boolean {
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }
  digits(): string {
    const start = this.pos;
    while (isDigit(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }
  letters(): string {
    const start = this.pos;
    while (isAsciiLetter(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }
}

/** `digits[.digits]` times `unit` ticks, exactly; undefined if not representable in whole ticks. */
function scaled(whole: string, fraction: string, unit: bigint): bigint | undefined {
  const scale = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole || '0') * scale + BigInt(fraction || '0');
  const product = numerator * unit;
  return product % scale === 0n ? product / scale : undefined;
}

// `12`, `1.5` then an optional unit; without a unit the number means days (as inside time(...)).
function scanNumberWithUnit(s: Scanner, unitRequired: boolean): bigint | undefined {
  const whole = s.digits();
  let fraction = '';
  if (s.peek() === '.' && isDigit(s.peek(1))) {
    s.pos++;
    fraction = s.digits();
  }
  if (whole === '' && fraction === '') return undefined;
  const unitText = s.letters();
  if (unitText === '' && unitRequired) return undefined;
  const unit = unitText === '' ? TICKS_PER_DAY : TIMESPAN_UNITS.get(unitText);
  if (unit === undefined) return undefined;
  return scaled(whole, fraction, unit);
}

// [d.]hh:mm[:ss[.fffffff]], the clock form inside time(...).
function scanClock(s: Scanner): bigint | undefined {
  const first = s.digits();
  if (first === '') return undefined;
  let days = 0n;
  let hours: string;
  if (s.take('.')) {
    days = BigInt(first);
    hours = s.digits();
  } else {
    hours = first;
  }
  if (hours === '' || !s.take(':')) return undefined;
  const minutes = s.digits();
  if (minutes.length !== 2) return undefined;
  let seconds = '0';
  let fraction = '';
  if (s.take(':')) {
    seconds = s.digits();
    if (seconds.length !== 2) return undefined;
    if (s.take('.')) {
      fraction = s.digits();
      if (fraction === '' || fraction.length > 7) return undefined;
    }
  }
  const h = BigInt(hours);
  const m = BigInt(minutes);
  const sec = BigInt(seconds);
  if (h > 23n || m > 59n || sec > 59n) return undefined;
  return (
    days * TICKS_PER_DAY +
    h * TICKS_PER_HOUR +
    m * TICKS_PER_MINUTE +
    sec * TICKS_PER_SECOND +
    BigInt(fraction.padEnd(7, '0') || '0')
  );
}

/**
 * Reads a timespan in 100ns ticks from KQL timespan literal text: `5d`, `1.5h`, `90m`, `1500ms`,
 * `time(1.02:03:04)`, `timespan(2d)`, or the inside of such parentheses. Returns undefined for anything else.
 */
export function readTimespanTicks(text: string): bigint | undefined {
  let inner = text.trim();
  let insideParens = false;
  for (const prefix of ['timespan(', 'time(']) {
    if (inner.startsWith(prefix) && inner.endsWith(')')) {
      inner = inner.slice(prefix.length, -1).trim();
      insideParens = true;
      break;
    }
  }
  const isClock = inner.includes(':');
  const s = new Scanner(inner);
  const ticks = isClock ? scanClock(s) : scanNumberWithUnit(s, !insideParens);
  return ticks !== undefined && s.done() ? ticks : undefined;
}

/**
 * Milliseconds in a user-facing timespan ('5d', '12h', '30m', '45s', '1500ms', '1.5h') or a KQL timespan
 * literal ('time(1.02:00:00)', 'timespan(2d)'). Throws an Error saying how to write one otherwise.
 */
export function parseTimespan(text: string): number {
  const ticks = readTimespanTicks(text);
  if (ticks === undefined) {
    throw new Error(
      `'${text.slice(0, 40)}' is not a timespan; write a number and a unit, like 5d, 12h, 30m or 45s`,
    );
  }
  return Number(ticks) / 10_000;
}

/**
 * Reads KQL datetime literal text (`2026-11-30`, `2026-11-30 01:02`, `2026-11-30T01:02:03.1234567Z`) as 100ns
 * ticks since 1970-01-01 UTC. Other forms Kusto accepts (RFC 822, offsets) return undefined.
 */
export function readDatetimeTicks(text: string): bigint | undefined {
  const s = new Scanner(text.trim());
  const year = s.digits();
  if (year.length !== 4 || !s.take('-')) return undefined;
  const month = s.digits();
  if (month.length !== 2 || !s.take('-')) return undefined;
  const day = s.digits();
  if (day.length !== 2) return undefined;
  let hour = '0';
  let minute = '0';
  let second = '0';
  let fraction = '';
  if (s.take('T') || s.take(' ')) {
    hour = s.digits();
    if (hour.length !== 2 || !s.take(':')) return undefined;
    minute = s.digits();
    if (minute.length !== 2) return undefined;
    if (s.take(':')) {
      second = s.digits();
      if (second.length !== 2) return undefined;
      if (s.take('.')) {
        fraction = s.digits();
        if (fraction === '' || fraction.length > 7) return undefined;
      }
    }
  }
  s.take('Z');
  if (!s.done()) return undefined;
  const [y, mo, d, h, mi, se] = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (y < 1 || h > 23 || mi > 59 || se > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, se, 0);
  // setUTCFullYear rolls 2026-02-31 over into March; a rollover means the date does not exist.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return BigInt(date.getTime()) * TICKS_PER_MILLISECOND + BigInt(fraction.padEnd(7, '0') || '0');
}

const SURROGATE = /[\ud800-\udfff]/;

/** A DuckDB string literal for any value: quotes doubled, NUL spliced in with chr(0) (query text is a C string). */
export function sqlString(value: string): string {
  // Only a value with a surrogate needs the walk below; a sweep's query quotes megabytes of needles.
  for (let i = SURROGATE.test(value) ? 0 : value.length; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else
        throw new Error(
          'sqlString: the value contains an unpaired UTF-16 surrogate, which DuckDB cannot store',
        );
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      throw new Error(
        'sqlString: the value contains an unpaired UTF-16 surrogate, which DuckDB cannot store',
      );
    }
  }
  const parts = value.split('\u0000').map((part) => `'${part.replaceAll("'", "''")}'`);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' || chr(0) || ')})`;
}

/**
 * `parts` joined by `separator` without copying them: V8 keeps the result as a rope, copied once when the query
 * is sent. A query with hundreds of exclusions is over 100 KB, and every Array join of it would allocate and
 * copy a new string of that size (in V8's large-object space, a fraction of a millisecond each).
 */
export function joinSql(parts: readonly string[], separator: string): string {
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) out = `${out}${separator}${parts[i]}`;
  return out;
}

/** A DuckDB identifier, always double-quoted. DuckDB matches identifiers case-insensitively even when quoted. */
export function sqlIdent(name: string): string {
  if (name === '' || name.includes('\u0000')) throw new Error(`sqlIdent: '${name}' cannot be an identifier`);
  return `"${name.replaceAll('"', '""')}"`;
}

const MICROS_PER_MS = 1000n;

/** A DuckDB TIMESTAMP literal (naive, UTC) for microseconds since 1970-01-01. */
export function sqlTimestamp(micros: bigint): string {
  let ms = micros / MICROS_PER_MS;
  let rest = micros % MICROS_PER_MS;
  if (rest < 0n) {
    ms -= 1n;
    rest += MICROS_PER_MS;
  }
  const date = new Date(Number(ms));
  const iso = Number.isFinite(date.getTime()) ? date.toISOString() : '';
  if (iso.length !== 24 || iso.startsWith('0000'))
    throw new Error('datetime value outside 0001-01-01 .. 9999-12-31');
  const fraction = `${iso.slice(20, 23)}${rest.toString().padStart(3, '0')}`;
  const time = fraction === '000000' ? iso.slice(11, 19) : `${iso.slice(11, 19)}.${fraction}`;
  return `TIMESTAMP '${iso.slice(0, 10)} ${time}'`;
}

/** A DuckDB INTERVAL literal for a number of microseconds. */
export function sqlInterval(micros: bigint): string {
  return `INTERVAL '${micros} microseconds'`;
}
