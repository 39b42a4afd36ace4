// COPY's text format, read and written without a value per field: rows end at a raw
// newline, fields are tab-separated, NULL is \N, and tabs, newlines and
// backslashes inside values are backslash-escaped (so raw ones only delimit).

const TAB = 0x09;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;

/** One row of COPY output; valid only during the callback it is passed to. */
export class CopyRow {
  buf: Buffer = Buffer.alloc(0);
  readonly start: Int32Array;
  readonly end: Int32Array;

  constructor(readonly fields: number) {
    this.start = new Int32Array(fields);
    this.end = new Int32Array(fields);
  }

  isNull(i: number): boolean {
    const s = this.start[i]!;
    return this.end[i]! - s === 2 && this.buf[s] === BACKSLASH && this.buf[s + 1] === 0x4e;
  }

  /** An integer field (int, bigint; exact up to 2^53); NaN for NULL or anything else. */
  int(i: number): number {
    let p = this.start[i]!;
    const e = this.end[i]!;
    const negative = this.buf[p] === MINUS;
    if (negative) p++;
    if (p >= e) return NaN;
    let v = 0;
    for (; p < e; p++) {
      const d = this.buf[p]! - 0x30;
      if (d < 0 || d > 9) return NaN;
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /** A boolean field: true for "t". */
  bool(i: number): boolean {
    return this.buf[this.start[i]!] === 0x74;
  }

  /** The field's raw text (escapes left as they are). */
  text(i: number): string {
    return this.buf.toString("utf8", this.start[i]!, this.end[i]!);
  }

  /** Set by uintAt: the position after the digits it read. */
  next = -1;

  /** The non-negative integer whose digits start at byte `at` of field i (position after it in `next`); NaN if none. */
  uintAt(i: number, at: number): number {
    const e = this.end[i]!;
    let p = at;
    let v = 0;
    for (; p >= 0 && p < e; p++) {
      const d = this.buf[p]! - 0x30;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    this.next = p;
    return p > at && at >= 0 ? v : NaN;
  }

  /** If field i has the ASCII text `s` at byte `at`, the position after it; else -1. */
  matchAscii(i: number, at: number, s: string): number {
    if (at < 0 || at + s.length > this.end[i]!) return -1;
    for (let k = 0; k < s.length; k++) if (this.buf[at + k] !== s.charCodeAt(k)) return -1;
    return at + s.length;
  }
}

/**
 * Splits a stream of COPY text chunks into rows of `fields` fields and calls
 * onRow for each, in order. A row may straddle chunks.
 */
export class CopyRowReader {
  private readonly row: CopyRow;
  private rest: Buffer | null = null;
  rows = 0;

  constructor(
    fields: number,
    private readonly onRow: (row: CopyRow) => void,
  ) {
    this.row = new CopyRow(fields);
  }

  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.rest) {
      buf = Buffer.concat([this.rest, chunk]);
      this.rest = null;
    }
    let lineStart = 0;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, lineStart);
      if (nl < 0) break;
      this.parseLine(buf, lineStart, nl);
      lineStart = nl + 1;
    }
    if (lineStart < buf.length) this.rest = Buffer.from(buf.subarray(lineStart));
  }

  /** Checks that the stream ended on a row boundary. */
  finish(): number {
    if (this.rest && this.rest.length > 0) throw new Error("COPY output ended in the middle of a row");
    return this.rows;
  }

  private parseLine(buf: Buffer, from: number, to: number): void {
    const row = this.row;
    row.buf = buf;
    let f = 0;
    let s = from;
    for (let p = from; p < to; p++) {
      if (buf[p] === TAB) {
        if (f >= row.fields - 1) throw new Error(`COPY row with more than ${row.fields} fields`);
        row.start[f] = s;
        row.end[f] = p;
        f++;
        s = p + 1;
      }
    }
    if (f !== row.fields - 1) throw new Error(`COPY row with ${f + 1} fields, expected ${row.fields}`);
    row.start[f] = s;
    row.end[f] = to;
    this.rows++;
    this.onRow(row);
  }
}

/** A growable list of integers (ids, keys) kept in a typed array. */
export class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  /** The values, exactly `length` long (a copy). */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** A text value in COPY's escaping; null is \N. */
export function copyValue(value: string | null): string {
  if (value === null) return "\\N";
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : value;
}

/**
 * Rows [0, count) rendered by `line` (one row each, newline included), as
 * buffers of about `rowsPerChunk` rows, produced lazily.
 */
export function* copyChunks(count: number, line: (i: number) => string, rowsPerChunk = 20_000): Generator<Buffer> {
  for (let from = 0; from < count; from += rowsPerChunk) {
    const to = Math.min(count, from + rowsPerChunk);
    let text = "";
    for (let i = from; i < to; i++) text += line(i);
    yield Buffer.from(text, "utf8");
  }
}
