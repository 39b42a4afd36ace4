import { describe, expect, it } from "vitest";
import { centsToDecimal, csvField, csvRow } from "./csv";

describe("csv", () => {
  it.each([
    ["plain", "plain"],
    ['say "hi"', '"say ""hi"""'],
    ["a,b", '"a,b"'],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["-2+3", "'-2+3"],
    // An amount written as a decimal stays a number (a clawback's "-4.00"), and so sums.
    ["-4.00", "-4.00"],
    ["-12", "-12"],
    ["-4.00e3", "'-4.00e3"],
    ["-", "'-"],
    [null, ""],
    [12, "12"],
    [-12, "-12"],
  ])("field %j", (input, out) => {
    expect(csvField(input)).toBe(out);
  });

  it("rows end with CRLF", () => {
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
  });

  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [12345, "123.45"],
    [-1230, "-12.30"],
    [99_999_999_999, "999999999.99"],
  ])("cents %i -> %s", (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });
});
