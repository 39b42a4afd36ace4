import { afterEach, describe, expect, it, vi } from "vitest";

async function freshClock(start: string | undefined) {
  vi.resetModules();
  vi.stubEnv("LINEAGE_CLOCK_START", start);
  return import("./clock");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("now", () => {
  it("is the machine's clock when no start is set", async () => {
    const { now } = await freshClock(undefined);
    const before = Date.now();
    const t = now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it("starts at LINEAGE_CLOCK_START and runs on, its seconds with the machine's", async () => {
    const { now } = await freshClock("2026-06-15T12:00:00Z");
    const machine = Date.now();
    const shown = now();
    const start = Date.parse("2026-06-15T12:00:00Z");
    // The process started less than a day ago, so the clock is within a day after the start.
    expect(shown.getTime()).toBeGreaterThanOrEqual(start);
    expect(shown.getTime() - start).toBeLessThan(86_400_000);
    // A whole number of minutes apart from the machine's clock (give or take the two reads' gap).
    const apart = (((shown.getTime() - machine) % 60_000) + 60_000) % 60_000;
    expect(apart < 100 || apart > 59_900).toBe(true);
    const later = now();
    expect(later.getTime()).toBeGreaterThanOrEqual(shown.getTime());
  });

  it("refuses a start that is not an ISO date-time", async () => {
    await expect(freshClock("next tuesday")).rejects.toThrow(/LINEAGE_CLOCK_START/);
  });
});
