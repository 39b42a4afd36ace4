import { describe, expect, it } from "vitest";
import { FLAG_FLOOR_MINOR, unusualSales } from "./flags";

const usd = (recentCents: number, recentOrders: number, historyCents: number, historyOrders: number) =>
  unusualSales({ recentCents: BigInt(recentCents), recentOrders, historyCents: BigInt(historyCents), historyOrders, currency: "USD" });

describe("the unusual-sales rule: above 5 × the daily average, 5 × the average order and the floor, all three", () => {
  it.each([
    // label, last 24 h (cents, orders), previous 90 days (cents, orders), flagged
    ["a new shop's first normal order", 15_495, 1, 0, 0, false],
    ["a new shop's day exactly at the floor", FLAG_FLOOR_MINOR, 3, 0, 0, false],
    ["a new shop one cent above the floor", FLAG_FLOOR_MINOR + 1, 3, 0, 0, true],
    ["the issue's flood: 99 × $49 from a shop with no history", 485_100, 1, 0, 0, true],
    // 90 days of $165 a day: $14,850 in 150 orders of $99.
    ["a steady shop's good day (4× its average)", 66_000, 6, 1_485_000, 150, false],
    ["a steady shop's day at 5× its average exactly", 82_500, 8, 1_485_000, 150, false],
    ["a steady shop's day at 12× its average", 198_000, 20, 1_485_000, 150, true],
    // One $1,000 order in 90 days: 5 × $11.11 a day is small, but so is 5 × one $1,000 order.
    ["a rare big seller's second big order", 100_000, 1, 100_000, 1, false],
    ["a rare big seller's day of six big orders", 600_000, 6, 100_000, 1, true],
    ["above 5 × a tiny average, but under the floor", 20_000, 4, 900, 3, false],
  ])("%s", (_label, recent, recentOrders, history, historyOrders, flagged) => {
    expect(usd(recent, recentOrders, history, historyOrders) !== null).toBe(flagged);
  });

  it("says what it measured, in the company currency", () => {
    expect(usd(198_000, 20, 1_485_000, 150)).toBe(
      "Retail sales through this shop in the last 24 h ($1,980.00 in 20 orders) are 12× its 90-day daily average ($165.00).",
    );
    expect(usd(485_100, 1, 0, 0)).toBe(
      "Retail sales through this shop in the last 24 h ($4,851.00 in 1 order) are above $250.00, and it had no retail sales in the 90 days before.",
    );
    expect(unusualSales({ recentCents: 30_000n, recentOrders: 2, historyCents: 0n, historyOrders: 0, currency: "EUR" })).toContain("(€300.00 in 2 orders)");
  });
});
