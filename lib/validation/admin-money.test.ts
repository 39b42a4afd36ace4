import { describe, expect, it } from "vitest";
import { bpsToPercent, currencyDigits, decimalToMinor, minorToDecimal, percentToBps, parseWhole } from "./admin-money";

describe("decimalToMinor: exact, no floats", () => {
  it.each([
    ["12.34", 2, 1234],
    ["0.29", 2, 29], // 0.29 * 100 is 28.999… in floating point
    ["1.1", 2, 110],
    ["7", 2, 700],
    [" 19.90 ", 2, 1990],
    ["0", 2, 0],
    ["1200", 0, 1200],
    ["999999999999.99", 2, 99999999999999],
  ])("%s (%i digits) -> %i", (text, digits, minor) => expect(decimalToMinor(text, digits)).toBe(minor));

  it.each([["12.345"], ["-1"], ["1e3"], ["12,34"], ["$5"], [""], ["."], ["1."], [".5"], ["0x10"], ["1 000"], ["12.3"]])("refuses %j", (text) => {
    expect(decimalToMinor(text, text === "12.3" ? 0 : 2)).toBeNull();
  });

  it("round-trips through minorToDecimal", () => {
    for (const minor of [0, 5, 29, 1234, 100000, 99999999]) expect(decimalToMinor(minorToDecimal(minor))).toBe(minor);
    expect(minorToDecimal(1200, 0)).toBe("1200");
  });
});

describe("percentToBps", () => {
  it.each([
    ["12.5", 1250],
    ["8", 800],
    ["0.01", 1],
    ["100", 10000],
    ["0", 0],
    ["33.33", 3333],
  ])("%s%% -> %i bps", (text, bps) => expect(percentToBps(text)).toBe(bps));

  it.each([["100.01"], ["12.345"], ["-1"], ["abc"], [""], ["5%"]])("refuses %j", (text) => expect(percentToBps(text)).toBeNull());

  it("shows basis points as the shortest percentage", () => {
    expect([1250, 800, 1, 3333, 10, 0].map(bpsToPercent)).toEqual(["12.5", "8", "0.01", "33.33", "0.1", "0"]);
    for (const bps of [0, 1, 10, 99, 100, 1250, 4999, 10000]) expect(percentToBps(bpsToPercent(bps))).toBe(bps);
  });
});

describe("parseWhole and currencyDigits", () => {
  it("parses whole numbers within a bound", () => {
    expect(parseWhole("120", 1000)).toBe(120);
    expect(parseWhole("1001", 1000)).toBeNull();
    expect(parseWhole("1.5", 1000)).toBeNull();
    expect(parseWhole("-2", 1000)).toBeNull();
  });
  it("knows each currency's minor digits", () => {
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
  });
});
