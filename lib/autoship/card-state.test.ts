import { describe, expect, it } from "vitest";
import { autoshipCardState, type AutoshipBrief } from "./card-state";

const active: AutoshipBrief = { status: "active", dayOfMonth: 15, nextRunOn: "2026-12-15", pv: 120, retryingCycle: null };

describe("the dashboard's autoship card", () => {
  it.each<[label: string, brief: AutoshipBrief | null, minPv: number, kind: string, shortBy?: number]>([
    ["no autoship: an invitation", null, 100, "none"],
    ["PV above the minimum keeps the member active", active, 100, "keeps-active"],
    ["PV exactly at the minimum keeps the member active", { ...active, pv: 100 }, 100, "keeps-active"],
    ["PV one below the minimum is 1 short", { ...active, pv: 99 }, 100, "short", 1],
    ["no PV at all (every product withdrawn) is the whole minimum short", { ...active, pv: 0 }, 100, "short", 100],
    ["a plan without a minimum: any autoship keeps the member active", { ...active, pv: 0 }, 0, "keeps-active"],
    ["paused, whatever its PV", { ...active, status: "paused" }, 100, "paused"],
    ["stopped after declines", { ...active, status: "failed" }, 100, "failed"],
    ["a declined run waiting for its retry comes before the PV", { ...active, retryingCycle: "2026-11-15" }, 100, "declined"],
  ])("%s", (_label, brief, minPv, kind, shortBy) => {
    const state = autoshipCardState(brief, minPv);
    expect(state.kind).toBe(kind);
    if (state.kind === "short") expect(state.shortBy).toBe(shortBy);
  });

  it("carries what the card says: the day, the next date, the PV and the minimum", () => {
    expect(autoshipCardState({ ...active, pv: 60 }, 100)).toEqual({
      kind: "short",
      dayOfMonth: 15,
      nextRunOn: "2026-12-15",
      pv: 60,
      activeMinPv: 100,
      shortBy: 40,
    });
    expect(autoshipCardState({ ...active, retryingCycle: "2026-11-15" }, 100)).toEqual({ kind: "declined", cycle: "2026-11-15" });
  });
});
