import { describe, expect, it } from "vitest";
import { formatBps, formatDate, formatDateTime, formatDay, formatMoney, formatPeriod, formatPeriodBounds } from "./format";

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

describe("times in a zone", () => {
  // 2026-12-04 17:30 UTC: winter in the north.
  const winter = "2026-12-04T17:30:00.000Z";
  // 2026-07-04 17:30 UTC: summer time in New York and Paris.
  const summer = new Date("2026-07-04T17:30:00.000Z");

  it.each([
    ["UTC", winter, "Dec 4, 2026, 5:30 PM UTC"],
    ["America/New_York", winter, "Dec 4, 2026, 12:30 PM EST"],
    ["America/New_York", summer, "Jul 4, 2026, 1:30 PM EDT"],
    ["Asia/Tokyo", winter, "Dec 5, 2026, 2:30 AM GMT+9"],
    ["Asia/Kolkata", winter, "Dec 4, 2026, 11:00 PM GMT+5:30"],
    ["Europe/Paris", summer, "Jul 4, 2026, 7:30 PM GMT+2"],
  ])("%s: %s -> %s", (zone, at, text) => {
    expect(formatDateTime(at, zone)).toBe(text);
  });

  it("shows the instant's day in the zone, east and west of UTC", () => {
    const lateEvening = "2026-12-31T23:30:00Z";
    expect(formatDate(lateEvening, "UTC")).toBe("Dec 31, 2026");
    expect(formatDate(lateEvening, "Asia/Tokyo")).toBe("Jan 1, 2027");
    expect(formatDate("2027-01-01T02:00:00Z", "America/Los_Angeles")).toBe("Dec 31, 2026");
  });

  it("crosses a DST change on the right side", () => {
    // New York springs forward at 2026-03-08 07:00 UTC (02:00 EST becomes 03:00 EDT).
    expect(formatDateTime("2026-03-08T06:59:00Z", "America/New_York")).toBe("Mar 8, 2026, 1:59 AM EST");
    expect(formatDateTime("2026-03-08T07:00:00Z", "America/New_York")).toBe("Mar 8, 2026, 3:00 AM EDT");
  });

  it("never shifts a date-only value", () => {
    expect(formatDay("2026-12-01")).toBe("Dec 1, 2026");
    expect(formatDay("2026-12-01T23:59:59.000Z")).toBe("Dec 1, 2026");
  });

  it("states a period's UTC boundaries, and the company's zone beside them", () => {
    expect(formatPeriodBounds("2026-12-01", "2027-01-01", "UTC", "UTC")).toBe("runs 1 Dec 00:00 to 31 Dec 23:59 UTC");
    expect(formatPeriodBounds("2026-12-01", "2027-01-01", "America/New_York", "New York")).toBe(
      "runs 1 Dec 00:00 to 31 Dec 23:59 UTC (30 Nov 19:00 to 31 Dec 18:59 New York time)",
    );
    expect(formatPeriodBounds("2026-12-01", "2027-01-01", "Asia/Tokyo", "Tokyo")).toBe(
      "runs 1 Dec 00:00 to 31 Dec 23:59 UTC (1 Dec 09:00 to 1 Jan 08:59 Tokyo time)",
    );
    // March: the period starts in EST and ends in EDT.
    expect(formatPeriodBounds("2026-03-01", "2026-04-01", "America/New_York", "New York")).toBe(
      "runs 1 Mar 00:00 to 31 Mar 23:59 UTC (28 Feb 19:00 to 31 Mar 19:59 New York time)",
    );
  });
});
