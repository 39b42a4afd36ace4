import { describe, expect, it } from "vitest";
import { dateTimeFormat, numberFormat } from "./intl";

describe("cached Intl formatters", () => {
  it("builds one formatter per locale and options, and formats as Intl does", () => {
    expect(numberFormat("en-US", { style: "currency", currency: "EUR" })).toBe(numberFormat("en-US", { style: "currency", currency: "EUR" }));
    expect(numberFormat("en-US", { style: "currency", currency: "EUR" })).not.toBe(numberFormat("en-US", { style: "currency", currency: "USD" }));
    expect(numberFormat("en-US", { style: "currency", currency: "EUR" }).format(12.5)).toBe("€12.50");
    const date = new Date("2026-12-04T23:30:00Z");
    expect(dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "Asia/Tokyo" })).toBe(
      dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "Asia/Tokyo" }),
    );
    expect(dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "Asia/Tokyo" }).format(date)).toBe("Dec 5, 2026");
    expect(dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(date)).toBe("Dec 4, 2026");
  });
});
