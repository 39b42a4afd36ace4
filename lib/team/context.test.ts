import { describe, expect, it } from "vitest";
import { pickCurrentPeriod, type TeamPeriod } from "./context";

describe("the current period", () => {
  const p = (id: number, startsOn: string, endsOn: string, status: "open" | "closed"): TeamPeriod => ({
    id,
    startsOn,
    endsOn,
    status,
    updating: false,
    planId: 1,
  });
  const now = new Date("2026-11-20T12:00:00Z");
  it("is the open period containing today", () => {
    expect(pickCurrentPeriod([p(1, "2026-10-01", "2026-11-01", "open"), p(2, "2026-11-01", "2026-12-01", "open")], now)?.id).toBe(2);
  });
  it("is the next open one when today's month is closed early", () => {
    expect(pickCurrentPeriod([p(2, "2026-11-01", "2026-12-01", "closed"), p(3, "2026-12-01", "2027-01-01", "open")], now)?.id).toBe(3);
  });
  it("is none without an open period", () => {
    expect(pickCurrentPeriod([p(2, "2026-11-01", "2026-12-01", "closed")], now)).toBeNull();
  });
});
