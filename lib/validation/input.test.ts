import { describe, expect, it } from "vitest";
import { hasControlCharacters, idField, pageNumber, parseId, searchText, textField } from "./input";

describe("parseId", () => {
  it.each([
    ["1", 1],
    ["347", 347],
    ["007", 7],
    ["999999999", 999_999_999],
  ])("reads %j as %j", (raw, id) => {
    expect(parseId(raw)).toBe(id);
  });

  // Found by the security review: hex, exponents and padding were read as numbers, and ids past int4 overflowed.
  it.each(["0", "0x1F", "1e2", " 347", "347 ", "+1", "-1", "1.0", "2147483648", "1234567890", "", "%00", "1\u0000", "١٢"])("refuses %j", (raw) => {
    expect(parseId(raw)).toBeNull();
  });

  it("takes the first of a repeated parameter and refuses what is not text", () => {
    expect(parseId(["5", "6"])).toBe(5);
    expect(parseId(undefined)).toBeNull();
    expect(parseId(5)).toBeNull();
  });
});

describe("idField", () => {
  it("gives the id, or the message", () => {
    const field = idField("Choose an order.");
    expect(field.parse("12")).toBe(12);
    expect(field.safeParse("1e2").error?.issues[0]?.message).toBe("Choose an order.");
  });
});

describe("text without control characters", () => {
  it("refuses a NUL or any other control character in one-line text, with a clear message", () => {
    expect(textField().safeParse("Ana Lima").success).toBe(true);
    for (const bad of ["a\u0000b", "a\nb", "a\u001bb", "a\u007fb"]) expect(textField().safeParse(bad).error?.issues[0]?.message).toMatch(/control characters/);
  });

  it("allows tabs and line breaks in multi-line text only", () => {
    expect(hasControlCharacters("line 1\r\nline 2\tend", { multiLine: true })).toBe(false);
    expect(hasControlCharacters("line 1\u0000", { multiLine: true })).toBe(true);
    expect(hasControlCharacters("a\tb")).toBe(true);
  });

  it("drops control characters from a search, and empty searches", () => {
    expect(searchText("  a\u0000b ")).toBe("ab");
    expect(searchText("\u0000")).toBeUndefined();
    expect(searchText("x".repeat(200))).toHaveLength(80);
  });
});

describe("pageNumber", () => {
  it("is 1 unless a plain positive integer within the limit", () => {
    expect(pageNumber("3")).toBe(3);
    for (const bad of [undefined, "0", "1e2", "0x10", "-2", "100001"]) expect(pageNumber(bad)).toBe(1);
  });
});
