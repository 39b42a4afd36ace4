import { describe, expect, it } from "vitest";
import { copyChunks, copyValue, CopyRowReader, IntList, type CopyRow } from "./copy-text";

function readAll(fields: number, chunks: string[], pick: (row: CopyRow) => unknown): unknown[] {
  const out: unknown[] = [];
  const reader = new CopyRowReader(fields, (row) => out.push(pick(row)));
  for (const c of chunks) reader.push(Buffer.from(c, "utf8"));
  reader.finish();
  return out;
}

describe("COPY text rows", () => {
  const text = '1\t-42\t\\N\tt\t{"a": 1}\n900719925474099\t0\t7\tf\t\\N\n';
  const pick = (r: CopyRow) => [r.int(0), r.int(1), r.isNull(2) ? null : r.int(2), r.bool(3), r.isNull(4) ? null : r.text(4)];
  const expected = [
    [1, -42, null, true, '{"a": 1}'],
    [900719925474099, 0, 7, false, null],
  ];

  it("parses integers, NULLs, booleans and text", () => {
    expect(readAll(5, [text], pick)).toEqual(expected);
  });

  it("reads rows that straddle chunks, at every split", () => {
    for (let cut = 1; cut < text.length; cut++) {
      expect(readAll(5, [text.slice(0, cut), text.slice(cut)], pick)).toEqual(expected);
    }
  });

  it("refuses rows with the wrong number of fields and output cut mid-row", () => {
    expect(() => readAll(3, ["1\t2\n"], pick)).toThrow(/2 fields/);
    expect(() => readAll(2, ["1\t2\t3\n"], pick)).toThrow(/more than 2/);
    expect(() => readAll(2, ["1\t2\n3\t"], pick)).toThrow(/middle of a row/);
  });

  it("matches ASCII and integers inside a field without copying it", () => {
    readAll(1, ['{"id": 8533, "x"}\n'], (r) => {
      const p = r.matchAscii(0, r.start[0]!, '{"id": ');
      expect(r.uintAt(0, p)).toBe(8533);
      expect(r.matchAscii(0, r.next, ', "x"}')).toBe(r.end[0]);
      expect(r.matchAscii(0, r.next, ', "y"}')).toBe(-1);
      expect(r.matchAscii(0, r.end[0]! - 1, "}}")).toBe(-1);
      expect(r.uintAt(0, r.start[0]!)).toBeNaN();
      expect(r.int(0)).toBeNaN();
      return null;
    });
  });
});

describe("writing COPY text", () => {
  it("escapes what COPY would read as delimiters, and writes NULL", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue('{"a":"b"}')).toBe('{"a":"b"}');
    expect(copyValue("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
  });

  it("renders rows lazily in chunks", () => {
    const chunks = [...copyChunks(5, (i) => `${i}\n`, 2)].map((b) => b.toString());
    expect(chunks).toEqual(["0\n1\n", "2\n3\n", "4\n"]);
  });

  it("round-trips through the reader", () => {
    const values = ["plain", "tab\there", "line\nbreak", "back\\slash", null];
    const rows = values.map((v, i) => `${i}\t${copyValue(v)}\n`);
    const read = readAll(2, rows, (r) => (r.isNull(1) ? null : r.text(1)));
    expect(read).toEqual(["plain", "tab\\there", "line\\nbreak", "back\\\\slash", null]);
  });
});

describe("IntList", () => {
  it("grows and copies out exactly its values", () => {
    const list = new IntList();
    for (let i = 0; i < 5_000; i++) list.push(i * 3);
    expect(list.length).toBe(5_000);
    expect(list.get(4_999)).toBe(14_997);
    expect(Array.from(list.toArray().subarray(0, 3))).toEqual([0, 3, 6]);
  });
});
