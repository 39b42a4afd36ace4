import { describe, expect, it } from "vitest";
import { formatBps, formatMoney, formatPeriod } from "./format";

describe("formatting", () => {
  it.each([
    [0, "USD", "$0.00"],
    [1, "USD", "$0.01"],
    [123456, "USD", "$1,234.56"],
    [-500, "USD", "-$5.00"],
    [1234, "JPY", "¥1,234"],
  ])("money %i %s -> %s", (cents, currency, text) => {
    expect(formatMoney(cents, currency)).toBe(text);
  });

  it("rates and periods", () => {
    expect(formatBps(1000)).toBe("10%");
    expect(formatBps(1250)).toBe("12.5%");
    expect(formatPeriod("2026-11-01")).toBe("November 2026");
  });
});
